package org.polyplex.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void shouldDropUserInfoWhenPresent() {
        assertThat(Redaction.url("http://alice:s3cret@provider.example:8000/list.m3u"))
                .isEqualTo("http://provider.example:8000/list.m3u");
    }

    @Test
    void shouldMaskXtreamPathCredentials() {
        assertThat(Redaction.url("http://h.example/live/alice/s3cret/12.ts")).isEqualTo("http://h.example/live/***/***/12.ts");
        assertThat(Redaction.url("/movie/alice/s3cret/7.mkv")).isEqualTo("/movie/***/***/7.mkv");
        assertThat(Redaction.url("/timeshift/alice/s3cret/60/2026-01-01:10-00/7.ts"))
                .isEqualTo("/timeshift/***/***/60/2026-01-01:10-00/7.ts");
        assertThat(Redaction.url("http://h.example:8080/hdhr/alice/s3cret/lineup.json"))
                .isEqualTo("http://h.example:8080/hdhr/***/***/lineup.json");
        assertThat(Redaction.url("/alice/s3cret/12")).isEqualTo("/***/***/12");
        assertThat(Redaction.url("http://h.example/alice/s3cret/12.ts")).isEqualTo("http://h.example/***/***/12.ts");
    }

    @Test
    void shouldMaskThePlatformStreamKeyOfRtmpUrls() {
        assertThat(Redaction.url("rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl-mnop"))
                .isEqualTo("rtmp://a.rtmp.youtube.com/live2/***");
        assertThat(Redaction.url("rtmps://live-api-s.facebook.com:443/rtmp/FB-123-0-AbC"))
                .isEqualTo("rtmps://live-api-s.facebook.com:443/rtmp/***");
        assertThat(Redaction.url("rtmp://b.rtmp.youtube.com/live2?backup=1/abcd-efgh"))
                .isEqualTo("rtmp://b.rtmp.youtube.com/live2?backup=***");
        assertThat(Redaction.url("RTMP://h.example/app/k/more")).isEqualTo("RTMP://h.example/app/***");
        assertThat(Redaction.url("rtmp://h.example/app")).isEqualTo("rtmp://h.example/app");
        assertThat(Redaction.text("rtmp://127.0.0.1:19450/deny/SECRETKEY2: Input/output error"))
                .isEqualTo("rtmp://127.0.0.1:19450/deny/*** Input/output error"); // the colon went with the URL
    }

    @Test
    void shouldMaskStreamKeysInUrlsAndText() {
        String key = "pk_" + "Ab3_-".repeat(8) + "xyz";
        assertThat(Redaction.url("rtmp://h.example:1935/live/" + key)).isEqualTo("rtmp://h.example:1935/live/pk_***");
        assertThat(Redaction.text("publish " + key + " refused; also rtmp://h/live/" + key + "?x=1"))
                .isEqualTo("publish pk_*** refused; also rtmp://h/live/pk_***?x=***");
        // not a key: too short
        assertThat(Redaction.text("pk_short")).isEqualTo("pk_short");
        assertThat(Redaction.text(key + "trailing")).isEqualTo("pk_***");
    }

    @Test
    void shouldKeepOrdinaryPaths() {
        assertThat(Redaction.url("/api/channels/5")).isEqualTo("/api/channels/5");
        assertThat(Redaction.url("http://h.example/hls/abc/5.m3u8")).isEqualTo("http://h.example/hls/abc/5.m3u8");
    }

    @Test
    void shouldMaskQueryValuesButHarmlessOnes() {
        assertThat(Redaction.url("/player_api.php?username=alice&password=s3cret&action=get_live_streams"))
                .isEqualTo("/player_api.php?username=***&password=***&action=get_live_streams");
        assertThat(Redaction.url("https://cdn.example/a.m3u8?token=abc#frag"))
                .isEqualTo("https://cdn.example/a.m3u8?token=***");
    }

    @Test
    void shouldRedactUrlsInsideExceptionMessages() {
        String message = null;
        try {
            URI.create("http://alice:s3cret@h.example/live/alice/s3cret/1 2.ts");
        } catch (IllegalArgumentException e) {
            message = Redaction.message(e);
        }
        assertThat(message).doesNotContain("s3cret").contains("h.example");
        assertThat(Redaction.text("GET http://h.example/get.php?username=bob&password=pw failed"))
                .isEqualTo("GET http://h.example/get.php?username=***&password=*** failed");
    }

    @Test
    void shouldEscapeControlBytes() {
        assertThat(Redaction.escapeControls("a\u001b[31mb\u0000c\nd")).isEqualTo("a\\x1b[31mb\\x00c\\x0ad");
        assertThat(Redaction.text("name\u001b]0;x")).isEqualTo("name\\x1b]0;x");
        assertThat(Redaction.escapeControls("plain")).isSameAs("plain");
    }

    @Test
    void shouldRedactBarePathsInText() {
        assertThat(Redaction.text("HTTP Request to /player_api.php?username=alice&password=s3cret failed, error id: x"))
                .isEqualTo("HTTP Request to /player_api.php?username=***&password=*** failed, error id: x");
        assertThat(Redaction.text("GET /live/alice/s3cret/12.ts 200")).isEqualTo("GET /live/***/***/12.ts 200");
        assertThat(Redaction.text("read data/epg/guide.xml and /tmp/x")).isEqualTo("read data/epg/guide.xml and /tmp/x");
    }

    @Test
    void shouldKeepOnlyTheOriginWhenAskedFor() {
        assertThat(Redaction.origin("http://alice:s3cret@provider.example:8000/live/alice/s3cret/1.ts?token=t"))
                .isEqualTo("http://provider.example:8000/…");
        assertThat(Redaction.origin("https://cdn.example/a.m3u8")).isEqualTo("https://cdn.example/…");
        assertThat(Redaction.origin("rtmp:opaque")).isEqualTo("rtmp://…");
        assertThat(Redaction.origin("not a url")).isEqualTo("(invalid url)");
        assertThat(Redaction.origin("http://h.example/a b")).isEqualTo("(invalid url)");
    }

    @Test
    void shouldMakeRemoteTextsOneBoundedRedactedLine() {
        assertThat(Redaction.line("engine says:\r\n\tno peers", 160)).isEqualTo("engine says: no peers");
        String text = "failed http://u:s3cret@h.example/get.php?username=bob&password=s3cret " + "x".repeat(200);
        String line = Redaction.line(text, 40);
        assertThat(line).doesNotContain("s3cret").endsWith("…").hasSize(41);
        // cut inside the user info after redaction, never before it
        assertThat(Redaction.line("see http://user:s3cret-is-long@h.example/x", 20)).doesNotContain("s3cret");
    }
}
