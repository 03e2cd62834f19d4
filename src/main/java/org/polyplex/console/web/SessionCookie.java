package org.polyplex.console.web;

import java.time.Duration;

import jakarta.ws.rs.core.NewCookie;

/**
 * The console's session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict}
 * (no other site's page sends it), {@code Secure} when the console is reached over HTTPS, and
 * the session's lifetime as {@code Max-Age}. It holds only a random session id.
 */
public final class SessionCookie {

    public static final String NAME = "polyplex_console";

    private SessionCookie() {
    }

    public static NewCookie of(String sessionId, Duration ttl, boolean secure) {
        return build(sessionId, (int) Math.min(Integer.MAX_VALUE, ttl.toSeconds()), secure);
    }

    /** A cookie that makes the browser forget the session id. */
    public static NewCookie cleared(boolean secure) {
        return build("", 0, secure);
    }

    private static NewCookie build(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
