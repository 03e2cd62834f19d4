package org.polyplex.proxy.upstream.ace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The stat verdicts on hand-written engine answers; times are synthetic nanoTime values. */
class StatWatchTest {

    private static final long S = 1_000_000_000L;

    private static StatWatch watch() {
        return new StatWatch(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(3), 0);
    }

    private static AceStat stat(String status, int peers, long pos) {
        return new AceStat(status, peers, 100, pos, null);
    }

    @Test
    void parsesEngineAnswersWithStringNumbers() {
        AceStat stat = AceStat.parse("""
                {"response": {"status": "dl", "peers": "12", "speed_down": 340,
                 "livepos": {"pos": "1700000123", "last_ts": "1700000125", "is_live": 1}}, "error": null}""");
        assertThat(stat).isEqualTo(new AceStat("dl", 12, 340, 1_700_000_123L, null));
        assertThat(AceStat.parse("{\"response\": null, \"error\": \"unknown playback session id\"}").error())
                .isEqualTo("unknown playback session id");
        assertThat(AceStat.parse("{\"response\": {\"status\": \"prebuf\"}, \"error\": null}").peers()).isEqualTo(-1);
        assertThatThrownBy(() -> AceStat.parse("<html>")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AceStat.parse("{\"response\": 3, \"error\": null}"))
                .hasMessageContaining("without response");
    }

    @Test
    void healthyPlaybackPasses() {
        StatWatch watch = watch();
        for (int i = 0; i < 100; i++) {
            assertThat(watch.observe(stat("dl", 4, 1000 + i), i * S)).isNull();
        }
    }

    @Test
    void prebufferingTooLongFailsCountedFromTheStart() {
        StatWatch watch = watch();
        assertThat(watch.observe(stat("prebuf", 3, -1), 9 * S)).isNull();
        assertThat(watch.observe(stat("prebuf", 3, -1), 11 * S)).contains("prebuffering for more than 10000 ms");
    }

    @Test
    void rebufferingIsTimedFromItsOwnStart() {
        StatWatch watch = watch();
        assertThat(watch.observe(stat("dl", 3, 1), 1 * S)).isNull();
        assertThat(watch.observe(stat("prebuf", 3, 2), 20 * S)).isNull();
        assertThat(watch.observe(stat("prebuf", 3, 3), 29 * S)).isNull();
        assertThat(watch.observe(stat("prebuf", 3, 4), 31 * S)).contains("prebuffering");
    }

    @Test
    void noPeersForTooLongFails() {
        StatWatch watch = watch();
        assertThat(watch.observe(stat("dl", 0, 1), 1 * S)).isNull();
        assertThat(watch.observe(stat("dl", 2, 2), 4 * S)).isNull();
        assertThat(watch.observe(stat("dl", 0, 3), 5 * S)).isNull();
        assertThat(watch.observe(stat("dl", 0, 4), 9 * S)).isNull();
        assertThat(watch.observe(stat("dl", 0, 5), 11 * S)).contains("no peers for more than 5000 ms");
    }

    @Test
    void stuckLivePositionFails() {
        StatWatch watch = watch();
        assertThat(watch.observe(stat("dl", 2, 7), 1 * S)).isNull();
        assertThat(watch.observe(stat("dl", 2, 7), 3 * S)).isNull();
        assertThat(watch.observe(stat("dl", 2, 8), 4 * S)).isNull();
        assertThat(watch.observe(stat("dl", 2, 8), 7 * S + 1)).contains("live position stuck");
    }

    @Test
    void engineErrorFailsAtOnceWithAClippedLine() {
        String reason = watch().observe(new AceStat("error", -1, -1, -1, "bad\nthing " + "x".repeat(500)), S);
        assertThat(reason).startsWith("engine stat error: bad thing").doesNotContain("\n").hasSizeLessThan(200);
    }
}
