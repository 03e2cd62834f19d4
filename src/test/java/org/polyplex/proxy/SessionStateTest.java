package org.polyplex.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SessionStateTest {

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void legalLifecycle() {
        SessionState state = new SessionState.Idle().connect(now);
        state = state.streaming(now);
        state = state.failover(now);
        state = state.streaming(now);
        state = state.linger(now.plusSeconds(5));
        assertThat(state).isEqualTo(new SessionState.Lingering(now.plusSeconds(5)));
        state = state.resume(now);
        assertThat(state.close("done")).isEqualTo(new SessionState.Closed("done"));
        assertThat(new SessionState.Connecting(now).fallback(now).streaming(now)).isInstanceOf(SessionState.Streaming.class);
    }

    @Test
    void illegalTransitionsThrow() {
        assertThatThrownBy(() -> new SessionState.Idle().streaming(now)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("idle -> streaming");
        assertThatThrownBy(() -> new SessionState.Connecting(now).linger(now)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Connecting(now).failover(now)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Streaming(now).connect(now)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Lingering(now).failover(now)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Closed("x").close("again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Closed("x").resume(now)).isInstanceOf(IllegalStateException.class);
    }
}
