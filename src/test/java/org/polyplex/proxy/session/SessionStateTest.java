package org.polyplex.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;
import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

/** The session's states carry their data through the transitions, and illegal transitions throw. */
class SessionStateTest {

    private static final ProxyConfig CONFIG = TestConfigs.defaults(ProxyConfig.class);
    private static final long SECOND = 1_000_000_000L;

    private final long now = 7 * SECOND;
    private final SourceAttempt a = attempt(1);
    private final SourceAttempt b = attempt(2);

    private static SourceAttempt attempt(long sourceId) {
        Upstream idle = new Upstream() {
            @Override
            public void open(UpstreamListener listener) {
            }

            @Override
            public void close() {
            }
        };
        return new SourceAttempt(null, new Source(sourceId, "http://h/" + sourceId, 0, null), idle, false, false,
                CONFIG, () -> 0, null);
    }

    @Test
    void shouldCarryTheAttemptAndTheTimesThroughALegalLifecycle() {
        SessionState.Connecting connecting = new SessionState.Idle().connect(now);
        assertThat(connecting.attempt()).isNull();
        assertThat(connecting.retry(a)).isEqualTo(new SessionState.Connecting(now, a));

        SessionState.Streaming streaming = connecting.retry(a).streaming(now + SECOND, a);
        assertThat(streaming).isEqualTo(new SessionState.Streaming(now + SECOND, a));
        SessionState.Switching switching = streaming.failover(now + 2 * SECOND);
        assertThat(switching).isEqualTo(new SessionState.Switching(now + 2 * SECOND, null));
        streaming = switching.retry(b).streaming(now + 3 * SECOND, b);
        assertThat(streaming.attempt()).isSameAs(b);

        SessionState.Lingering lingering = streaming.linger(now + 8 * SECOND);
        assertThat(lingering).isEqualTo(new SessionState.Lingering(now + 8 * SECOND, b));
        assertThat(lingering.over(now + 8 * SECOND - 1)).isFalse();
        assertThat(lingering.over(now + 8 * SECOND)).isTrue();
        assertThat(lingering.resume(now + 4 * SECOND)).isEqualTo(new SessionState.Streaming(now + 4 * SECOND, b));
        assertThat(lingering.resume(now).close("done")).isEqualTo(new SessionState.Closed("done"));
    }

    @Test
    void shouldKeepTheOutageStartAndTheAttemptWhenTheSlateTakesOver() {
        SessionState.Fallback fallback = new SessionState.Switching(now, a).fallback();
        assertThat(fallback).isEqualTo(new SessionState.Fallback(now, a, null));
        SessionState.Fallback playing = fallback.retry(null).playing(b);
        assertThat(playing).isEqualTo(new SessionState.Fallback(now, null, b));
        assertThat(playing.retry(a)).isEqualTo(new SessionState.Fallback(now, a, b));
        assertThat(playing.retry(a).streaming(now + SECOND, a)).isEqualTo(new SessionState.Streaming(now + SECOND, a));
        assertThat(new SessionState.Connecting(now, null).fallback().since()).isEqualTo(now);
    }

    @Test
    void shouldBoundAnOutageByKeepaliveAndTheSlateByBoth() {
        long keepalive = CONFIG.failover().keepaliveMax().toNanos();
        long slate = CONFIG.failover().slateMax().toNanos();
        SessionState.Connecting connecting = new SessionState.Connecting(now, a);
        assertThat(connecting.overdue(now + keepalive, CONFIG.failover())).isFalse();
        assertThat(connecting.overdue(now + keepalive + 1, CONFIG.failover())).isTrue();
        SessionState.Fallback fallback = connecting.fallback();
        assertThat(fallback.overdue(now + keepalive + 1, CONFIG.failover())).isFalse();
        assertThat(fallback.overdue(now + keepalive + slate + 1, CONFIG.failover())).isTrue();
    }

    @Test
    void shouldThrowOnIllegalTransitions() {
        assertThatThrownBy(() -> new SessionState.Idle().streaming(now, a)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("idle -> streaming");
        assertThatThrownBy(() -> new SessionState.Connecting(now, a).linger(now))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Connecting(now, a).failover(now))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Streaming(now, a).connect(now))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Streaming(now, a).fallback())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("streaming -> fallback");
        assertThatThrownBy(() -> new SessionState.Lingering(now, a).failover(now))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Fallback(now, null, b).fallback())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Fallback(now, null, b).playing(a))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already plays");
        assertThatThrownBy(() -> new SessionState.Closed("x").close("again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionState.Closed("x").resume(now)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseAStreamingOrLingeringStateWithoutItsAttempt() {
        assertThatThrownBy(() -> new SessionState.Connecting(now, null).streaming(now, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SessionState.Lingering(now, null)).isInstanceOf(NullPointerException.class);
    }
}
