package org.polyplex.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The login throttles switched on with small limits (the default {@code %test} profile turns them
 * off, because every test class calls from {@code 127.0.0.1}). Tests with this profile attack
 * from {@link FromAddress#fresh()} addresses, so they never throttle each other or the admin
 * set-up calls from {@code 127.0.0.1}.
 */
public class ThrottledLogins implements QuarkusTestProfile {

    /** Bad logins an address may make before it is refused. */
    public static final int MAX_FAILURES = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "polyplex.auth.line-limit.max-failures", Integer.toString(MAX_FAILURES),
                "polyplex.auth.login-limit.per-address", Integer.toString(MAX_FAILURES));
    }
}
