package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each key (a username and an address) last logged in successfully, for {@code trustFor}.
 * Only right passwords add keys, so an attacker cannot fill it without credentials. Bounded: at
 * most {@code maxTracked} keys, expired ones dropped first, then the oldest.
 */
final class TrustedLogins {

    private final Map<String, Instant> lastGood = new ConcurrentHashMap<>();
    private final Duration trustFor;
    private final int maxTracked;
    private final Clock clock;

    TrustedLogins(Duration trustFor, int maxTracked, Clock clock) {
        this.trustFor = trustFor;
        this.maxTracked = maxTracked;
        this.clock = clock;
    }

    void succeeded(String key) {
        Instant now = clock.instant();
        lastGood.put(key, now);
        if (lastGood.size() > maxTracked) {
            prune(now);
        }
    }

    boolean trusted(String key) {
        Instant last = lastGood.get(key);
        return last != null && last.plus(trustFor).isAfter(clock.instant());
    }

    int tracked() {
        return lastGood.size();
    }

    private void prune(Instant now) {
        lastGood.values().removeIf(last -> !last.plus(trustFor).isAfter(now));
        int excess = lastGood.size() - maxTracked;
        if (excess > 0) {
            lastGood.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(lastGood::remove);
        }
    }
}
