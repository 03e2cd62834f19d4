package org.polyplex.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Guards that production runs with and the default {@code %test} profile turns off, in one profile
 * so that the classes testing them share one start of the application:
 * <ul>
 * <li>the login throttles, with small limits (off in {@code %test} because every test class calls
 * from {@code 127.0.0.1}). Tests with this profile attack from {@link FromAddress#fresh()}
 * addresses, so they never throttle each other or the admin set-up calls from {@code 127.0.0.1};
 * <li>{@code /q/metrics} closed but to admin tokens and {@link #SCRAPE_TOKEN} (open in
 * {@code %test}).
 * </ul>
 */
public class ProductionGuards implements QuarkusTestProfile {

    /** Bad logins an address may make before it is refused. */
    public static final int MAX_FAILURES = 3;

    /** The token a Prometheus scraper presents for {@code /q/metrics}. */
    public static final String SCRAPE_TOKEN = "scrape-token-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "polyplex.auth.line-limit.max-failures", Integer.toString(MAX_FAILURES),
                "polyplex.auth.login-limit.per-address", Integer.toString(MAX_FAILURES),
                "polyplex.metrics.open", "false",
                "polyplex.metrics.token", SCRAPE_TOKEN);
    }
}
