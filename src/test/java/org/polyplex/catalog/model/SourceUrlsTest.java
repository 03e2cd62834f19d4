package org.polyplex.catalog.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
    @CsvSource({
            "http://edge_12.akamai.example/live/index.m3u8, http://edge_12.akamai.example/live/index.m3u8",
            "http://user:pw@edge_1.cdn.example:8080/x.ts, http://user:pw@edge_1.cdn.example:8080/x.ts",
            "'https://cdn.example/x.m3u8?token={{TOKEN}}&u={{USER}}', 'https://cdn.example/x.m3u8?token=%7B%7BTOKEN%7D%7D&u=%7B%7BUSER%7D%7D'",
            "http://cdn.example/live/1.m3u8], http://cdn.example/live/1.m3u8%5D",
            "http://cdn.example/a|b^c`d, http://cdn.example/a%7Cb%5Ec%60d",
            "http://cdn.example/100%/x?q=%41, http://cdn.example/100%25/x?q=%41",
            "http://[2001:db8::1]:8080/x.ts, http://[2001:db8::1]:8080/x.ts",
            "http://cdn.example, http://cdn.example"
    })
    void shouldAcceptWhatPlayersOpenWhenJavaUriRefusesIt(String input, String expected) {
        String normalized = SourceUrls.normalize(input);
        assertThat(normalized).isEqualTo(expected);
        assertThat(SourceUrls.normalize(normalized)).as("idempotent").isEqualTo(normalized);
        assertThat(SourceUrls.host(normalized)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "file:///etc/passwd", "ftp://a.example/x", "http://",
            "acestream://xyz", "acestream://0123456789abcdef0123456789abcdef0123456", "not a url", "//a.example/x",
            "http://a b.example/x", "http://a.example/x y", "http://a.example/x\ty", "http:///x", "http://-bad-.example/x",
            "http://a..example/x", "http://{{host}}/x", "http://a.example/\u0000x" })
    void refusesEverythingElse(String input) {
        assertThat(SourceUrls.normalize(input)).isNull();
    }

    @Test
    void shouldAcceptRtspCameraUrls() {
        assertThat(SourceUrls.normalize("rtsp://192.168.1.10:554/Streaming/Channels/101"))
                .isEqualTo("rtsp://192.168.1.10:554/Streaming/Channels/101");
        assertThat(SourceUrls.normalize("rtsps://cam.example/live")).isEqualTo("rtsps://cam.example/live");
        assertThat(SourceUrls.normalize("rtsp:///live")).isNull();
    }
}
