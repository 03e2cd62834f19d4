package org.polyplex.console.dashboard;

import java.util.List;
import java.util.Locale;

import io.quarkus.qute.TemplateData;

/**
 * A small line chart drawn in the page as inline SVG: {@link #points()} is the polyline of the
 * values scaled to a {@link #WIDTH} by {@link #HEIGHT} box, {@code 0} at the bottom. Pure.
 */
@TemplateData
public record SvgChart(String title, String points, String peak, int count) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 120;

    public static SvgChart of(String title, List<Long> values, String peakLabel) {
        long peak = values.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder points = new StringBuilder();
        int n = values.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? WIDTH : (double) WIDTH * i / (n - 1);
            double y = peak == 0 ? HEIGHT : HEIGHT - (double) HEIGHT * values.get(i) / peak;
            if (i > 0) {
                points.append(' ');
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return new SvgChart(title, points.toString(), peakLabel, n);
    }
}
