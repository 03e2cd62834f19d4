package org.polyplex.camera.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HealthVerdictTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration SLOW = Duration.ofSeconds(2);

    @Test
    void shouldCallAFastAnswerOnlineAndASlowOneDegraded() {
        CameraHealth fast = HealthVerdict.of(ProbeOutcome.ok("v=0", Duration.ofMillis(40)), SLOW, NOW, EARLIER);
        CameraHealth slow = HealthVerdict.of(ProbeOutcome.ok("v=0", Duration.ofMillis(2500)), SLOW, NOW, EARLIER);

        assertThat(fast.state()).isEqualTo(CameraHealth.State.ONLINE);
        assertThat(fast.lastSeen()).isEqualTo(NOW);
        assertThat(fast.lastError()).isNull();
        assertThat(slow.state()).isEqualTo(CameraHealth.State.DEGRADED);
        assertThat(slow.lastError()).contains("2500 ms");
    }

    @Test
    void shouldCallADescribeFailureDegradedAndTheRestOffline() {
        Duration d = Duration.ofMillis(10);
        assertThat(HealthVerdict.of(ProbeOutcome.failed(ProbeOutcome.Stage.DESCRIBE, "DESCRIBE answered 404", d), SLOW,
                NOW, EARLIER).state()).isEqualTo(CameraHealth.State.DEGRADED);
        CameraHealth auth = HealthVerdict.of(ProbeOutcome.failed(ProbeOutcome.Stage.AUTH, "401", d), SLOW, NOW, EARLIER);
        assertThat(auth.state()).isEqualTo(CameraHealth.State.OFFLINE);
        assertThat(auth.lastSeen()).as("it answered").isEqualTo(NOW);
        CameraHealth gone = HealthVerdict.of(ProbeOutcome.failed(ProbeOutcome.Stage.TIMEOUT, "no answer", d), SLOW, NOW,
                EARLIER);
        assertThat(gone.state()).isEqualTo(CameraHealth.State.OFFLINE);
        assertThat(gone.lastSeen()).isEqualTo(EARLIER);
    }

    @Test
    void shouldRedactTheError() {
        CameraHealth h = HealthVerdict.of(ProbeOutcome.failed(ProbeOutcome.Stage.CONNECT,
                "cannot connect to rtsp://admin:pw123@cam/live", Duration.ZERO), SLOW, NOW, null);

        assertThat(h.lastError()).doesNotContain("pw123").contains("cam");
    }
}
