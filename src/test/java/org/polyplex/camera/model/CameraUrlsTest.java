package org.polyplex.camera.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraUrlsTest {

    @Test
    void shouldMoveUserInfoOutOfTheUrl() {
        CameraUrls.Split s = CameraUrls.stream("rtsp://admin:p%40ss%3Aw0rd@192.168.1.10:554/Streaming/Channels/101?x=1");

        assertThat(s.url()).isEqualTo("rtsp://192.168.1.10:554/Streaming/Channels/101?x=1");
        assertThat(s.username()).isEqualTo("admin");
        assertThat(s.password()).isEqualTo("p@ss:w0rd");
        assertThat(s.toString()).doesNotContain("w0rd");
    }

    @Test
    void shouldKeepAUrlWithoutCredentials() {
        CameraUrls.Split s = CameraUrls.stream("RTSPS://cam.local/live");

        assertThat(s.url()).isEqualTo("rtsps://cam.local/live");
        assertThat(s.username()).isNull();
        assertThat(s.password()).isNull();
    }

    @Test
    void shouldRefuseWhatIsNotACameraUrl() {
        assertThat(CameraUrls.stream("http://cam/live")).isNull();
        assertThat(CameraUrls.stream("rtsp:///nohost")).isNull();
        assertThat(CameraUrls.stream("rtsp://cam/a b")).isNull();
        assertThat(CameraUrls.stream("rtsp://cam/a#frag")).isNull();
        assertThat(CameraUrls.stream("")).isNull();
        assertThat(CameraUrls.snapshot("rtsp://cam/live")).isNull();
        assertThat(CameraUrls.snapshot("http://u:p@cam/cgi-bin/snap.cgi").url()).isEqualTo("http://cam/cgi-bin/snap.cgi");
    }

    @Test
    void shouldPutEncodedCredentialsBackForTheProcessThatConnects() {
        assertThat(CameraUrls.withCredentials("rtsp://cam:554/live", "ad min", "p@ss:w/rd"))
                .isEqualTo("rtsp://ad%20min:p%40ss%3Aw%2Frd@cam:554/live");
        assertThat(CameraUrls.withCredentials("rtsp://cam/live", null, "x")).isEqualTo("rtsp://cam/live");
        CameraUrls.Split back = CameraUrls.stream(CameraUrls.withCredentials("rtsp://cam/live", "u", "é+%&"));
        assertThat(back.password()).isEqualTo("é+%&");
    }
}
