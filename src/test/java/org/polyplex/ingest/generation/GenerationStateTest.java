package org.polyplex.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.polyplex.ingest.generation.GenerationState.ENDED;
import static org.polyplex.ingest.generation.GenerationState.FAILED;
import static org.polyplex.ingest.generation.GenerationState.LIVE;
import static org.polyplex.ingest.generation.GenerationState.STARTING;

import org.junit.jupiter.api.Test;

class GenerationStateTest {

    @Test
    void shouldAllowTheLifeCycleTransitions() {
        assertThat(STARTING.toLive()).isEqualTo(LIVE);
        assertThat(LIVE.toLive()).isEqualTo(LIVE);
        assertThat(STARTING.toEnded()).isEqualTo(ENDED);
        assertThat(LIVE.toEnded()).isEqualTo(ENDED);
        assertThat(STARTING.toFailed()).isEqualTo(FAILED);
        assertThat(LIVE.toFailed()).isEqualTo(FAILED);
        assertThat(STARTING.open()).isTrue();
        assertThat(LIVE.open()).isTrue();
    }

    @Test
    void shouldThrowWhenAFinalStateIsLeft() {
        for (GenerationState last : new GenerationState[] { ENDED, FAILED }) {
            assertThat(last.open()).isFalse();
            assertThatThrownBy(last::toLive).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(last::toEnded).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(last.wire());
            assertThatThrownBy(last::toFailed).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldStoreTheLowerCaseWords() {
        GenerationState.DbConverter converter = new GenerationState.DbConverter();
        for (GenerationState s : GenerationState.values()) {
            assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn(s))).isEqualTo(s);
        }
        assertThat(converter.convertToDatabaseColumn(LIVE)).isEqualTo("live");
        assertThatThrownBy(() -> GenerationState.fromWire("paused")).isInstanceOf(IllegalArgumentException.class);
    }
}
