package org.polyplex.ingest.generation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class GenerationUpkeepTest {

    @Test
    void theStaleBoundMustOutliveTwoRefreshes() {
        assertThatCode(() -> GenerationUpkeep.check(Duration.ofSeconds(30), Duration.ofMinutes(2)))
                .doesNotThrowAnyException();
        assertThatCode(() -> GenerationUpkeep.check(Duration.ofSeconds(30), Duration.ofMinutes(1)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GenerationUpkeep.check(Duration.ofMinutes(5), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("polyplex.cluster.node-stale")
                .hasMessageContaining("polyplex.ingest.idle-sweep-every");
    }
}
