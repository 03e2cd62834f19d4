package org.polyplex.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the benchmark's synthetic XMLTV: {@code channels} channels x {@code days} days of
 * 40-minute programmes starting yesterday (2,000 x 14 = 1,008,000 programmes), plain and gzip.
 * Benchmark tooling, not a test: {@code bench/epg/run.sh} runs it.
 *
 * <p>
 * Usage: {@code EpgBenchGenerator <out.xml> [channels] [days]}; writes {@code out.xml} and
 * {@code out.xml.gz}.
 */
public final class EpgBenchGenerator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final String[] WORDS = { "news", "drama", "live", "coverage", "documentary", "series", "the", "of",
            "and", "with", "special", "report", "weather", "football", "match", "highlights", "interview", "music",
            "kitchen", "travel", "history", "science", "nature", "film", "comedy", "classic", "late", "morning" };

    private EpgBenchGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 14;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
        try (OutputStream plain = Files.newOutputStream(out);
                OutputStream gz = new GZIPOutputStream(Files.newOutputStream(Path.of(out + ".gz")), 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(new Tee(plain, gz), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n");
            w.write("<tv generator-info-name=\"polyplex-bench\">\n");
            for (int c = 1; c <= channels; c++) {
                w.write("  <channel id=\"ch" + c + ".bench\">\n    <display-name>Bench Channel " + c
                        + "</display-name>\n    <icon src=\"http://logos.example/" + c + ".png\"/>\n  </channel>\n");
            }
            int perChannel = days * 24 * 60 / 40;
            long seed = 42;
            for (int c = 1; c <= channels; c++) {
                for (int p = 0; p < perChannel; p++) {
                    Instant s = start.plus(40L * p, ChronoUnit.MINUTES);
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    w.write("  <programme start=\"" + TIME.format(s) + " +0000\" stop=\""
                            + TIME.format(s.plus(40, ChronoUnit.MINUTES)) + " +0000\" channel=\"ch" + c + ".bench\">\n");
                    w.write("    <title lang=\"en\">" + words(seed, 3) + " " + p + "</title>\n");
                    w.write("    <desc lang=\"en\">" + words(seed >>> 7, 24) + ".</desc>\n");
                    w.write("    <category lang=\"en\">" + WORDS[(int) ((seed >>> 33) & 15)] + "</category>\n");
                    w.write("    <episode-num system=\"onscreen\">S" + (1 + p / 100) + "E" + (1 + p % 100)
                            + "</episode-num>\n  </programme>\n");
                }
            }
            w.write("</tv>\n");
        }
        System.out.printf("wrote %s (%d MB) and .gz (%d MB): %d channels x %d days = %d programmes%n", out,
                Files.size(out) >> 20, Files.size(Path.of(out + ".gz")) >> 20, channels, days,
                (long) channels * (days * 24 * 60 / 40));
    }

    private static String words(long seed, int n) {
        StringBuilder b = new StringBuilder();
        long x = seed;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b.append(i == 0 ? "" : " ").append(WORDS[(int) Math.floorMod(x, (long) WORDS.length)]);
        }
        return b.toString();
    }

    /** Writes every byte to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            a.close();
            b.close();
        }
    }
}
