package org.polyplex.catalog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SourceHeadersTest {

    private static SourceHeaders.Checked check(Map<String, String> raw) {
        return SourceHeaders.check(raw, 16, 1024);
    }

    @Test
    void shouldKeepValidHeadersInCanonicalCase() {
        var checked = check(Map.of("user-agent", " VLC/3 ", "referrer", "https://r.example/", "x-api-KEY", "k"));

        assertThat(checked.headers()).isEqualTo(Map.of("User-Agent", "VLC/3", "Referer", "https://r.example/",
                "X-Api-Key", "k"));
        assertThat(checked.problems()).isEmpty();
    }

    @Test
    void shouldDropCrLfAndNulInjectionWhenValuesHoldThem() {
        var checked = check(Map.of("User-Agent", "ok\r\nHost: evil.example", "Referer", "a\u0000b", "Cookie", "c\nd",
                "Accept", "*/*"));

        assertThat(checked.headers()).isEqualTo(Map.of("Accept", "*/*"));
        assertThat(checked.problems()).hasSize(3).allMatch(p -> p.contains("control character"));
    }

    @Test
    void shouldDropNamesThatAreNoToken() {
        var checked = check(Map.of("Bad Name", "v", "Ok\r\nX", "v", "", "v", "Über", "v"));

        assertThat(checked.headers()).isEmpty();
        assertThat(checked.problems()).hasSize(4).allMatch(p -> p.equals("stream header dropped: not a valid HTTP header"
                + " name (letters, digits and !#$%&'*+-.^_`|~, at most 64 characters)"));
    }

    @Test
    void shouldDenyHostAndHopByHopHeaders() {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : new String[] { "host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "TE",
                "Trailer", "Keep-Alive", "Proxy-Authorization", "proxy-connection", "Accept-Encoding" }) {
            raw.put(name, "x");
        }
        raw.put("Authorization", "Bearer t");

        var checked = check(raw);

        assertThat(checked.headers()).isEqualTo(Map.of("Authorization", "Bearer t"));
        assertThat(checked.problems()).hasSize(11).contains("stream header Host dropped: the proxy sets it itself");
    }

    @Test
    void shouldBoundCountAndValueLength() {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            raw.put("X-H" + i, "v");
        }
        raw.put("X-Long", "a".repeat(1025));

        var checked = SourceHeaders.check(raw, 16, 1024);

        assertThat(checked.headers()).hasSize(16);
        assertThat(checked.problems()).contains("stream header dropped: more than 16 headers on one source",
                "stream header X-Long dropped: its value is longer than 1024 characters");
    }

    @Test
    void shouldDropEmptyValuesWithoutProblem() {
        var checked = check(Map.of("User-Agent", "  "));

        assertThat(checked.headers()).isEmpty();
        assertThat(checked.problems()).isEmpty();
    }

    @Test
    void shouldStoreSortedJsonSoEqualHeadersAreEqualText() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("User-Agent", "u");
        a.put("Referer", "r");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("Referer", "r");
        b.put("User-Agent", "u");

        assertThat(SourceHeaders.toJson(a)).isEqualTo(SourceHeaders.toJson(b))
                .isEqualTo("{\"Referer\":\"r\",\"User-Agent\":\"u\"}");
        assertThat(SourceHeaders.fromJson(SourceHeaders.toJson(a))).isEqualTo(a);
        assertThat(SourceHeaders.toJson(Map.of())).isNull();
        assertThat(SourceHeaders.fromJson("not json")).isEmpty();
    }

    @Test
    void shouldExplainRefusalForAdmins() {
        assertThat(SourceHeaders.refusal(Map.of("Host", "x"), 16, 1024)).isEqualTo("header 'Host': the proxy sets it itself");
        assertThat(SourceHeaders.refusal(Map.of("User-Agent", "a\r\nb"), 16, 1024)).startsWith("header 'User-Agent':");
        assertThat(SourceHeaders.refusal(Map.of("Bad\nName", "x"), 16, 1024)).startsWith("header 'Bad?Name':");
        assertThat(SourceHeaders.refusal(Map.of("User-Agent", "ok"), 16, 1024)).isNull();
    }
}
