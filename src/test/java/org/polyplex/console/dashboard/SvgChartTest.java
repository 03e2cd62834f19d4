package org.polyplex.console.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void shouldScaleValuesIntoTheBoxWithZeroAtTheBottom() {
        SvgChart chart = SvgChart.of("Viewers", List.of(0L, 5L, 10L), "10");
        assertThat(chart.points()).isEqualTo("0.0,120.0 300.0,60.0 600.0,0.0");
        assertThat(SvgChart.of("Flat", List.of(0L, 0L), "0").points()).isEqualTo("0.0,120.0 600.0,120.0");
        assertThat(SvgChart.of("None", List.of(), "0").points()).isEmpty();
    }
}
