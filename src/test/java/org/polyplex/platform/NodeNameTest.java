package org.polyplex.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class NodeNameTest {

    @Test
    void aConfiguredNameIsUsedAsItIs() {
        assertThat(new NodeName(Optional.of(" edge-1.eu_west "), () -> "host").value()).isEqualTo("edge-1.eu_west");
    }

    @Test
    void aConfiguredNameOutsideTheRuleStopsTheStart() {
        for (String bad : new String[] { "", "two words", "a/b", "x".repeat(101) }) {
            assertThatThrownBy(() -> new NodeName(Optional.of(bad), () -> "host")).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("polyplex.cluster.node-name");
        }
    }

    @Test
    void theHostNameIsMadeToFit() {
        assertThat(new NodeName(Optional.empty(), () -> "box-7\n").value()).isEqualTo("box-7");
        assertThat(new NodeName(Optional.empty(), () -> "my host:1").value()).isEqualTo("my-host-1");
        assertThat(new NodeName(Optional.empty(), () -> "h".repeat(300)).value()).hasSize(100);
        assertThat(new NodeName(Optional.empty(), () -> null).value()).isEqualTo("polyplex");
    }
}
