package org.polyplex.hdhr.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.polyplex.hdhr.HdhrConfig;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

class SsdpSettingsTest {

    private static HdhrConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(HdhrConfig.class)
                .withSources(new MapBackedConfigSource("test", properties) {
                }).build();
        return config.getConfigMapping(HdhrConfig.class);
    }

    @Test
    void shouldBeOffByDefaultOnTheSsdpPort() {
        HdhrConfig.Ssdp ssdp = config(Map.of()).ssdp();
        assertThat(ssdp.enabled()).isFalse();
        assertThat(ssdp.port()).isEqualTo(1900);
        assertThat(ssdp.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(SsdpResponder.problem(ssdp)).isEmpty();
    }

    @Test
    void shouldExplainThatAnEnabledResponderNeedsALine() {
        HdhrConfig.Ssdp ssdp = config(Map.of("polyplex.hdhr.ssdp.enabled", "true",
                "polyplex.hdhr.ssdp.username", "alice")).ssdp();
        assertThat(SsdpResponder.problem(ssdp)).hasValueSatisfying(p -> assertThat(p)
                .contains("polyplex.hdhr.ssdp.username").contains("polyplex.hdhr.ssdp.password"));
        HdhrConfig.Ssdp complete = config(Map.of("polyplex.hdhr.ssdp.enabled", "true",
                "polyplex.hdhr.ssdp.username", "alice", "polyplex.hdhr.ssdp.password", "pw")).ssdp();
        assertThat(SsdpResponder.problem(complete)).isEmpty();
    }

    @Test
    void shouldLeaveUdpDiscoveryOffByDefaultOnItsPort() {
        HdhrConfig config = config(Map.of());
        assertThat(config.udpDiscovery().enabled()).isFalse();
        assertThat(config.udpDiscovery().port()).isEqualTo(65001);
        assertThat(config.udpDiscovery().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.udpDiscovery().maxAnswersPerSecond()).isEqualTo(20);
        assertThat(UdpDiscoveryResponder.problem(config)).isEmpty();
    }

    @Test
    void shouldExplainThatUdpDiscoveryNeedsTheAnnouncedLineEvenWithSsdpOff() {
        HdhrConfig bare = config(Map.of("polyplex.hdhr.udp-discovery.enabled", "true"));
        assertThat(UdpDiscoveryResponder.problem(bare)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("polyplex.hdhr.udp-discovery.enabled=true").contains("polyplex.hdhr.ssdp.username"));
        assertThat(SsdpResponder.problem(bare.ssdp())).as("SSDP is still off").isEmpty();
        HdhrConfig complete = config(Map.of("polyplex.hdhr.udp-discovery.enabled", "true",
                "polyplex.hdhr.ssdp.username", "alice", "polyplex.hdhr.ssdp.password", "pw"));
        assertThat(UdpDiscoveryResponder.problem(complete)).isEmpty();
    }
}
