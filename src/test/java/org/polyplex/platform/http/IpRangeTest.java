package org.polyplex.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

/** Trusted proxy addresses and blocks, and their check at start-up. */
class IpRangeTest {

    @Test
    void shouldMatchAddressesInsideTheBlock() {
        IpRange block = IpRange.of("10.0.0.0/8");
        assertThat(block.contains("10.255.1.2")).isTrue();
        assertThat(block.contains("11.0.0.1")).isFalse();
        assertThat(block.contains("::ffff:10.1.2.3")).as("IPv4-mapped counts as IPv4").isTrue();
        assertThat(block.contains("::a00:1")).as("IPv6 never matches an IPv4 block").isFalse();
        assertThat(block.contains("garbage")).isFalse();
    }

    @Test
    void shouldMatchOneAddressWithoutAPrefix() {
        assertThat(IpRange.of("127.0.0.1").contains("127.0.0.1")).isTrue();
        assertThat(IpRange.of("127.0.0.1").contains("127.0.0.2")).isFalse();
        assertThat(IpRange.of("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
    }

    @Test
    void shouldMatchIpv6BlocksAndIgnoreHostBits() {
        IpRange block = IpRange.of("fd12:3456::1/32");
        assertThat(block).hasToString("fd12:3456::/32");
        assertThat(block.contains("fd12:3456:ffff::9")).isTrue();
        assertThat(block.contains("fd12:3457::9")).isFalse();
        assertThat(IpRange.of("0.0.0.0/0").contains("203.0.113.1")).isTrue();
        assertThat(IpRange.of("10.1.2.3/8")).isEqualTo(IpRange.of("10.0.0.0/8"));
    }

    @Test
    void shouldRefuseWhatIsNoAddressOrBlock() {
        for (String bad : List.of("", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "localhost", "10.0.0",
                "10.0.0.0/8/8", "fe80::1%eth0", "1.2.3.4 5")) {
            assertThatThrownBy(() -> IpRange.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldReadTheTrustedProxiesFromConfiguration() {
        ClientAddressConfig config = TestConfigs.of(ClientAddressConfig.class,
                Map.of("polyplex.http.trusted-proxies", "127.0.0.1, 10.0.0.0/8,fd00::/8",
                        "polyplex.http.forwarded-header", "forwarded"));
        assertThat(config.trustedProxies().orElseThrow()).containsExactly(IpRange.of("127.0.0.1"),
                IpRange.of("10.0.0.0/8"), IpRange.of("fd00::/8"));
        assertThat(config.forwardedHeader()).isEqualTo(ClientAddressConfig.ForwardedHeader.FORWARDED);
        ClientAddressConfig defaults = TestConfigs.defaults(ClientAddressConfig.class);
        assertThat(defaults.trustedProxies()).isEmpty();
        assertThat(defaults.forwardedHeader()).isEqualTo(ClientAddressConfig.ForwardedHeader.X_FORWARDED_FOR);
    }

    @Test
    void shouldStopTheStartOnABadProxyNamingTheKey() {
        assertThatThrownBy(() -> TestConfigs.of(ClientAddressConfig.class,
                Map.of("polyplex.http.trusted-proxies", "10.0.0.0/8,10.0.0.300")))
                .hasMessageContaining("polyplex.http.trusted-proxies")
                .hasMessageContaining("10.0.0.300");
    }
}
