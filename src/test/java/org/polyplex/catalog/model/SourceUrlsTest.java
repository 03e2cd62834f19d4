package org.polyplex.catalog.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "http://provider.example/live/u/p/1.ts, http://provider.example/live/u/p/1.ts",
            "https://cdn.example/x/index.m3u8?token=a, https://cdn.example/x/index.m3u8?token=a",
            "'  http://a.example/b.ts  ', http://a.example/b.ts",
            "acestream://0123456789ABCDEF0123456789abcdef01234567, acestream://0123456789abcdef0123456789abcdef01234567",
            "AceStream://0123456789abcdef0123456789abcdef01234567, acestream://0123456789abcdef0123456789abcdef01234567"
    })
    void acceptsAndNormalises(String input, String expected) {
        assertThat(SourceUrls.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "file:///etc/passwd", "ftp://a.example/x", "http://",
            "acestream://xyz", "acestream://0123456789abcdef0123456789abcdef0123456", "not a url", "//a.example/x",
            "http://a b.example/x" })
    void refusesEverythingElse(String input) {
        assertThat(SourceUrls.normalize(input)).isNull();
    }
}
