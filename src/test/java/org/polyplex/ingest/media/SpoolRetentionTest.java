package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    @TempDir
    Path dir;

    private SpoolLayout layout() {
        return new SpoolLayout(dir);
    }

    private void generation(long stream, long gen, int bytes, Duration age) throws Exception {
        Path r = layout().rendition(stream, gen, "source");
        Files.createDirectories(r);
        FileTime t = FileTime.from(NOW.minus(age));
        for (Path p : new Path[] { r.resolve("r1-000000.ts"), r.resolve("index.m3u8") }) {
            Files.write(p, new byte[bytes / 2]);
            Files.setLastModifiedTime(p, t);
        }
        Files.setLastModifiedTime(r, t);
        Files.setLastModifiedTime(r.getParent(), t);
    }

    private SpoolRetention retention(Duration keep, long maxBytes) {
        return new SpoolRetention(layout(), keep, maxBytes, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void endedGenerationsGoAfterTheRetentionOpenOnesNever() throws Exception {
        generation(1, 1, 1000, Duration.ofHours(2)); // ended, past the retention
        generation(1, 2, 1000, Duration.ofMinutes(10)); // ended, within it
        generation(2, 5, 1000, Duration.ofDays(3)); // open (a live generation with an old file)
        Files.createDirectories(dir.resolve("streams/not-a-stream/1"));

        SpoolRetention r = retention(Duration.ofHours(1), 1L << 30);
        assertThat(r.usageBytes()).isEqualTo(-1);
        RetentionReport report = r.prune(Set.of(new GenerationKey(2, 5)));

        assertThat(report).isEqualTo(new RetentionReport(2000, 1, 1000, 2));
        assertThat(layout().generation(1, 1)).doesNotExist();
        assertThat(layout().generation(1, 2)).exists();
        assertThat(layout().generation(2, 5)).exists();
        assertThat(r.usageBytes()).isEqualTo(2000);
    }

    @Test
    void zeroRetentionDeletesAnEndedGenerationAtOnce() throws Exception {
        generation(1, 1, 1000, Duration.ZERO);
        assertThat(retention(Duration.ZERO, 1L << 30).prune(Set.of()).deleted()).isEqualTo(1);
        assertThat(layout().generation(1, 1)).doesNotExist();
    }

    @Test
    void overTheQuotaTheOldestEndedGenerationsGoFirst() throws Exception {
        generation(1, 1, 4000, Duration.ofMinutes(30));
        generation(1, 2, 4000, Duration.ofMinutes(20));
        generation(1, 3, 4000, Duration.ofMinutes(10));
        generation(2, 1, 4000, Duration.ofMinutes(40)); // open: never deleted, though the oldest

        RetentionReport report = retention(Duration.ofHours(1), 9000).prune(Set.of(new GenerationKey(2, 1)));

        assertThat(report.deleted()).isEqualTo(2);
        assertThat(report.usageBytes()).isEqualTo(8000);
        assertThat(layout().generation(1, 1)).doesNotExist();
        assertThat(layout().generation(1, 2)).doesNotExist();
        assertThat(layout().generation(1, 3)).exists();
        assertThat(layout().generation(2, 1)).exists();
    }

    @Test
    void anEmptyOrMissingSpoolIsNoError() {
        assertThat(retention(Duration.ZERO, 1L << 20).prune(Set.of())).isEqualTo(new RetentionReport(0, 0, 0, 0));
    }
}
