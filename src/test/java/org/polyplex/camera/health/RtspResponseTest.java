package org.polyplex.camera.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RtspResponseTest {

    @Test
    void shouldParseAResponseWithABody() {
        String sdp = "v=0\r\nm=video 0 RTP/AVP 96\r\n";
        byte[] b = ("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length()
                + "\r\n\r\n" + sdp + "RTSP/1.0").getBytes(StandardCharsets.ISO_8859_1);

        RtspResponse.Complete c = (RtspResponse.Complete) RtspResponse.parse(b, b.length);

        assertThat(c.response().status()).isEqualTo(200);
        assertThat(c.response().reason()).isEqualTo("OK");
        assertThat(c.response().header("cseq")).contains("2");
        assertThat(c.response().body()).isEqualTo(sdp);
        assertThat(c.consumed()).isEqualTo(b.length - "RTSP/1.0".length());
    }

    @Test
    void shouldWaitForTheRestOfHeadersAndBody() {
        byte[] head = "RTSP/1.0 200 OK\r\nCSeq: 1\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RtspResponse.parse(head, head.length)).isInstanceOf(RtspResponse.Incomplete.class);
        byte[] partial = "RTSP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RtspResponse.parse(partial, partial.length)).isInstanceOf(RtspResponse.Incomplete.class);
        byte[] three = "RTS".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RtspResponse.parse(three, three.length)).isInstanceOf(RtspResponse.Incomplete.class);
    }

    @Test
    void shouldKeepEveryAuthenticateHeader() {
        byte[] b = ("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Basic realm=\"x\"\r\n"
                + "www-authenticate: Digest realm=\"x\", nonce=\"n\"\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        RtspResponse r = ((RtspResponse.Complete) RtspResponse.parse(b, b.length)).response();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers("WWW-Authenticate")).hasSize(2);
    }

    @Test
    void shouldCallOtherProtocolsGarbage() {
        byte[] http = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RtspResponse.parse(http, http.length)).isEqualTo(new RtspResponse.Garbage("an HTTP answer"));
        byte[] noise = { 0x16, 0x03, 0x01, 0x00, 0x05, 0x01 };
        assertThat(RtspResponse.parse(noise, noise.length)).isInstanceOf(RtspResponse.Garbage.class);
        byte[] badStatus = "RTSP/1.0 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RtspResponse.parse(badStatus, badStatus.length)).isInstanceOf(RtspResponse.Garbage.class);
        byte[] badLength = "RTSP/1.0 200 OK\r\nContent-Length: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RtspResponse.parse(badLength, badLength.length)).isInstanceOf(RtspResponse.Garbage.class);
    }
}
