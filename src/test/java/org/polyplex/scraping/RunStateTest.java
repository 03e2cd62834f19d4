package org.polyplex.scraping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RunStateTest {

    @Test
    void onePassAtATime() {
        RunState state = new RunState();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        var first = state.tryStart(now);
        assertThat(first).isPresent();
        assertThat(state.current()).isEqualTo(new RunState.Running(now));
        assertThat(state.tryStart(now)).isEmpty();

        first.get().close();
        assertThat(state.current()).isInstanceOf(RunState.Idle.class);
        assertThat(state.tryStart(now)).isPresent();
    }
}
