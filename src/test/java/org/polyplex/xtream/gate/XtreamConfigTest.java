package org.polyplex.xtream.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.proxy.vod.VodConfig;
import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;

/**
 * Three mappings share the {@code polyplex.xtream.} prefix (what {@code server_info} says, the
 * public address, the VOD proxy): each key still lands in its mapping, and a misspelt key under
 * the prefix still stops the start.
 */
class XtreamConfigTest {

    private static final Map<String, Class<?>> MAPPINGS = Map.of("xtream", XtreamConfig.class, "address",
            PublicAddressConfig.class, "vod", VodConfig.class);

    @Test
    void shouldReadEveryKeyOfTheSharedPrefixIntoItsMapping() {
        SmallRyeConfig config = TestConfigs.config(MAPPINGS, Map.of("polyplex.xtream.timezone", "Europe/Paris",
                "polyplex.xtream.public-host", "tv.example", "polyplex.xtream.vod.idle-timeout", "PT9S"));

        assertThat(config.getConfigMapping(XtreamConfig.class).timezone()).isEqualTo("Europe/Paris");
        assertThat(config.getConfigMapping(PublicAddressConfig.class).publicHost()).contains("tv.example");
        assertThat(config.getConfigMapping(VodConfig.class).idleTimeout()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void shouldRefuseToStartWhenAKeyUnderThePrefixIsUnknownOrInvalid() {
        assertThatThrownBy(() -> TestConfigs.config(MAPPINGS, Map.of("polyplex.xtream.public-hots", "x")))
                .hasMessageContaining("polyplex.xtream.public-hots");
        assertThatThrownBy(() -> TestConfigs.config(MAPPINGS, Map.of("polyplex.xtream.public-port", "0")))
                .hasMessageContaining("polyplex.xtream.public-port");
    }
}
