package org.polyplex.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.polyplex.proxy.upstream.ace.AceStreamConfig;
import org.polyplex.proxy.upstream.hls.HlsConfig;
import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;

/**
 * The data plane's config mappings checked as Quarkus checks them at start-up (SmallRye Config
 * with the Bean Validation validator, since quarkus-hibernate-validator is present): impossible
 * bounds refuse to start with a message naming the key, instead of throwing later in the data plane.
 */
class ProxyConfigValidationTest {

    private static SmallRyeConfig build(Map<String, String> properties) {
        return TestConfigs.config(Map.of("proxy", ProxyConfig.class, "hls", HlsConfig.class, "acestream",
                AceStreamConfig.class), properties);
    }

    @Test
    void shouldStartWhenEveryBoundIsAtItsDefault() {
        assertThat(build(Map.of()).getConfigMapping(ProxyConfig.class).session().ringChunks()).isEqualTo(4096);
    }

    @Test
    void shouldShareASlotBetweenAHandfulOfViewersByDefault() {
        ProxyConfig.Limits limits = build(Map.of()).getConfigMapping(ProxyConfig.class).limits();
        assertThat(limits.maxSharedViewers()).isEqualTo(5);
        assertThat(limits.sameViewerWindow()).as("the retired window is unset").isEmpty();
        assertThatThrownBy(() -> build(Map.of("polyplex.proxy.limits.max-shared-viewers", "1001")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("polyplex.proxy.limits.max-shared-viewers");
    }

    @Test
    void shouldRefuseToStartWhenTheRingHoldsNoChunk() {
        assertThatThrownBy(() -> build(Map.of("polyplex.proxy.session.ring-chunks", "0")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("polyplex.proxy.session.ring-chunks");
    }

    @Test
    void shouldRefuseToStartWhenABoundIsImpossible() {
        Map<String, String> impossible = Map.of("polyplex.proxy.session.tick", "0s",
                "polyplex.proxy.viewer.max-pending-bytes", "-1", "polyplex.hls.upstream.max-segment-bytes", "0",
                "polyplex.acestream.stat-interval", "0s", "polyplex.acestream.engine-url", "127.0.0.1:6878",
                "polyplex.proxy.limits.max-shared-viewers", "0", "polyplex.proxy.limits.same-viewer-window", "-1s");
        for (Map.Entry<String, String> setting : impossible.entrySet()) {
            assertThatThrownBy(() -> build(Map.of(setting.getKey(), setting.getValue())))
                    .as(setting.getKey()).isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining(setting.getKey());
        }
    }
}
