package org.polyplex.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * The failover bounds that hold only as pairs: a retry delay that doubles up to a cap needs the cap
 * at or above its first delay. Each property is validated alone by its mapping; a pair set the
 * wrong way round stops the start with both names, rather than quietly using the larger one.
 */
@ApplicationScoped
public class FailoverBounds {

    void check(@Observes StartupEvent event, ProxyConfig config) {
        List<String> problems = problems(config.failover());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    /** What is wrong with the pairs of {@code failover}, in words that name the properties. */
    public static List<String> problems(ProxyConfig.Failover failover) {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "backoff-max", failover.backoffMax(), "backoff-initial", failover.backoffInitial());
        atLeast(problems, "return-retry-max", failover.returnRetryMax(), "return-retry", failover.returnRetry());
        return problems;
    }

    private static void atLeast(List<String> problems, String cap, Duration capValue, String first,
            Duration firstValue) {
        if (capValue.compareTo(firstValue) < 0) {
            problems.add("polyplex.proxy.failover." + cap + " (" + capValue + ") must not be below " + first + " ("
                    + firstValue + ")");
        }
    }
}
