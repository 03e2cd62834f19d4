package org.polyplex.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.ws.rs.core.NewCookie;

import org.junit.jupiter.api.Test;

class SessionCookieTest {

    @Test
    void shouldBeHttpOnlyStrictAndSecureOnHttps() {
        NewCookie cookie = SessionCookie.of("abc", Duration.ofHours(12), true);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
        assertThat(cookie.getMaxAge()).isEqualTo(12 * 3600);
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(SessionCookie.of("abc", Duration.ofHours(1), false).isSecure()).isFalse();
        assertThat(SessionCookie.cleared(true).getMaxAge()).isZero();
    }
}
