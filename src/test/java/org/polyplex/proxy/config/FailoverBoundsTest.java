package org.polyplex.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

class FailoverBoundsTest {

    private static ProxyConfig.Failover failover(Map<String, String> overrides) {
        return TestConfigs.of(ProxyConfig.class, overrides).failover();
    }

    @Test
    void theDefaultsHold() {
        assertThat(FailoverBounds.problems(TestConfigs.defaults(ProxyConfig.class).failover())).isEmpty();
    }

    @Test
    void aCapEqualToItsFirstDelayHolds() {
        assertThat(FailoverBounds.problems(failover(Map.of("polyplex.proxy.failover.return-retry", "2s",
                "polyplex.proxy.failover.return-retry-max", "2s")))).isEmpty();
    }

    @Test
    void aCapBelowItsFirstDelayIsNamedWithBothValues() {
        assertThat(FailoverBounds.problems(failover(Map.of("polyplex.proxy.failover.return-retry", "10s",
                "polyplex.proxy.failover.return-retry-max", "2s", "polyplex.proxy.failover.backoff-initial", "5s",
                "polyplex.proxy.failover.backoff-max", "1s")))).containsExactly(
                        "polyplex.proxy.failover.backoff-max (PT1S) must not be below backoff-initial (PT5S)",
                        "polyplex.proxy.failover.return-retry-max (PT2S) must not be below return-retry (PT10S)");
    }
}
