package org.polyplex.archive.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The start and duration forms apps send, read in {@code Europe/Rome} across both DST changes of 2026. */
class TimeshiftTimesTest {

    private final TimeshiftTimes rome = new TimeshiftTimes(ZoneId.of("Europe/Rome"), Duration.ofHours(24));

    @Test
    void shouldReadTheRepeatedAutumnHourWithItsFirstOffset() {
        assertThat(rome.start("2026-10-25:01-59")).isEqualTo(Instant.parse("2026-10-24T23:59:00Z"));
        assertThat(rome.start("2026-10-25:02-00")).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(rome.start("2026-10-25:02-30")).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(rome.start("2026-10-25:03-00")).isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
        assertThat(rome.start("2026-10-25 02:30:00")).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void shouldMoveTheSkippedSpringHourForward() {
        assertThat(rome.start("2026-03-29:01-59")).isEqualTo(Instant.parse("2026-03-29T00:59:00Z"));
        assertThat(rome.start("2026-03-29:02-30")).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(rome.start("2026-03-29:03-30")).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void shouldReadEveryForm() {
        Instant expected = Instant.parse("2026-07-01T18:05:07Z");
        assertThat(rome.start("2026-07-01:20-05-07")).isEqualTo(expected);
        assertThat(rome.start("2026-07-01 20:05:07")).isEqualTo(expected);
        assertThat(rome.start("2026-07-01T20:05:07")).isEqualTo(expected);
        assertThat(rome.start("2026-07-01 20:05")).isEqualTo(expected.minusSeconds(7));
        assertThat(rome.start(Long.toString(expected.getEpochSecond()))).isEqualTo(expected);
        assertThat(new TimeshiftTimes(ZoneId.of("UTC"), Duration.ofHours(1)).start("2026-07-01:18-05"))
                .isEqualTo(expected.minusSeconds(7));
    }

    @Test
    void shouldRefuseMalformedStarts() {
        for (String bad : new String[] { null, "", "2026-13-01:10-00", "2026-02-30:10-00", "2026-10-25:24-00",
                "2026-10-25:1-30", "26-10-25:01-30", "2026/10/25 01:30", "yesterday", "12345678",
                "123456789012", "2026-10-25:01-30' OR 1=1", "x".repeat(1000) }) {
            assertThatThrownBy(() -> rome.start(bad)).as(String.valueOf(bad)).isInstanceOfSatisfying(
                    CatchupRefusal.class, r -> assertThat(r.code()).isEqualTo("bad_start"));
        }
    }

    @Test
    void shouldBoundTheDuration() {
        assertThat(rome.duration("90")).isEqualTo(Duration.ofMinutes(90));
        assertThat(rome.duration("1440")).isEqualTo(Duration.ofHours(24));
        for (String bad : new String[] { null, "", "0", "-5", "1.5", "abc", "99999999999999999999" }) {
            assertThatThrownBy(() -> rome.duration(bad)).as(String.valueOf(bad)).isInstanceOfSatisfying(
                    CatchupRefusal.class, r -> assertThat(r.code()).isEqualTo("bad_duration"));
        }
        assertThatThrownBy(() -> rome.duration("1441")).isInstanceOfSatisfying(CatchupRefusal.class,
                r -> assertThat(r.code()).isEqualTo("duration_too_long"));
    }

    @Test
    void shouldTurnAnEndIntoWholeMinutesRoundedUp() {
        Instant from = Instant.parse("2026-10-25T00:00:00Z");
        assertThat(rome.until(from, Long.toString(from.plusSeconds(3601).getEpochSecond())))
                .isEqualTo(Duration.ofMinutes(61));
        // across the repeated hour: 02:00 CEST to 02:00 CET is one hour
        assertThat(rome.until(from, Long.toString(Instant.parse("2026-10-25T01:00:00Z").getEpochSecond())))
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> rome.until(from, Long.toString(from.getEpochSecond())))
                .isInstanceOfSatisfying(CatchupRefusal.class, r -> assertThat(r.code()).isEqualTo("bad_duration"));
        assertThatThrownBy(() -> rome.until(from, "soon"))
                .isInstanceOfSatisfying(CatchupRefusal.class, r -> assertThat(r.code()).isEqualTo("bad_end"));
        assertThatThrownBy(() -> rome.until(from, Long.toString(from.plus(Duration.ofDays(3)).getEpochSecond())))
                .isInstanceOfSatisfying(CatchupRefusal.class,
                        r -> assertThat(r.code()).isEqualTo("duration_too_long"));
    }
}
