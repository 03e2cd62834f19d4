package org.polyplex.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    @Test
    void shouldAcceptTheServersOwnOriginWithDefaultPortsMadeExplicit() {
        assertThat(SameOrigin.allowed("http://localhost:8080", null, "http://localhost:8080")).isTrue();
        assertThat(SameOrigin.allowed("https://TV.example.com", null, "http://localhost:8080", "https://tv.example.com:443"))
                .isTrue();
        assertThat(SameOrigin.allowed(null, "http://localhost:8080/console/lines?q=a", "http://localhost:8080")).isTrue();
    }

    @Test
    void shouldRefuseOtherOriginsAndMissingOnes() {
        assertThat(SameOrigin.allowed("http://evil.example", null, "http://localhost:8080")).isFalse();
        assertThat(SameOrigin.allowed("http://localhost:8081", null, "http://localhost:8080")).isFalse();
        assertThat(SameOrigin.allowed("https://localhost:8080", null, "http://localhost:8080")).isFalse();
        assertThat(SameOrigin.allowed("null", null, "http://localhost:8080")).isFalse();
        assertThat(SameOrigin.allowed(null, null, "http://localhost:8080")).isFalse();
        assertThat(SameOrigin.allowed("", "", "http://localhost:8080")).isFalse();
        // an Origin, when sent, wins over a Referer that would pass
        assertThat(SameOrigin.allowed("http://evil.example", "http://localhost:8080/", "http://localhost:8080")).isFalse();
    }
}
