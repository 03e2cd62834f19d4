package org.polyplex.camera.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DigestAuthTest {

    @Test
    void shouldAnswerTheRfc2617ExampleWithQopAuth() {
        DigestAuth.Challenge c = DigestAuth.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").orElseThrow();

        String answer = DigestAuth.digest(c, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b", 1);

        assertThat(answer).contains("response=\"6629fae49393a05397450978507c4ef1\"")
                .contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\"")
                .contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").startsWith("Digest username=\"Mufasa\"");
    }

    @Test
    void shouldAnswerAnRtspCameraChallengeWithoutQop() {
        // what GStreamer's RTSP server and many cameras send: no qop, so response = MD5(HA1:nonce:HA2)
        DigestAuth.Challenge c = DigestAuth.parse("Digest realm=\"GStreamer RTSP Server\", nonce=\"abc123\"").orElseThrow();

        String answer = DigestAuth.digest(c, "DESCRIBE", "rtsp://127.0.0.1:8554/stream", "cam", "s3cret", "x", 1);

        // md5("cam:GStreamer RTSP Server:s3cret"), md5("DESCRIBE:rtsp://127.0.0.1:8554/stream"), then md5 of both with the nonce
        String ha1 = md5("cam:GStreamer RTSP Server:s3cret");
        String ha2 = md5("DESCRIBE:rtsp://127.0.0.1:8554/stream");
        assertThat(answer).contains("response=\"" + md5(ha1 + ":abc123:" + ha2) + "\"").doesNotContain("qop")
                .doesNotContain("s3cret");
    }

    @Test
    void shouldParseUnquotedAndEscapedValues() {
        DigestAuth.Challenge c = DigestAuth.parse("Digest realm=\"a \\\"b\\\"\", nonce=n1, algorithm=MD5, stale=FALSE")
                .orElseThrow();

        assertThat(c.param("realm")).isEqualTo("a \"b\"");
        assertThat(c.param("nonce")).isEqualTo("n1");
        assertThat(c.param("algorithm")).isEqualTo("MD5");
        assertThat(c.param("stale")).isEqualTo("FALSE");
    }

    @Test
    void shouldPreferDigestOverBasicAndSkipUnknownSchemes() {
        assertThat(DigestAuth.best(List.of("Basic realm=\"x\"", "Digest realm=\"x\", nonce=\"y\"")).orElseThrow().scheme())
                .isEqualTo("digest");
        assertThat(DigestAuth.best(List.of("Negotiate abc", "Basic realm=\"x\"")).orElseThrow().scheme())
                .isEqualTo("basic");
        assertThat(DigestAuth.best(List.of("Negotiate abc"))).isEmpty();
        assertThat(DigestAuth.parse(null)).isEmpty();
    }

    @Test
    void shouldEncodeBasicCredentials() {
        assertThat(DigestAuth.basic("Aladdin", "open sesame")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void shouldUseSha256WhenTheChallengeAsksForIt() {
        DigestAuth.Challenge c = DigestAuth.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256").orElseThrow();

        String answer = DigestAuth.digest(c, "GET", "/", "u", "p", "c", 1);

        assertThat(answer).contains("algorithm=SHA-256").containsPattern("response=\"[0-9a-f]{64}\"");
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                            .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
