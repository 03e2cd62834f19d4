package org.polyplex.camera.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.polyplex.camera.model.Transport;

import org.junit.jupiter.api.Test;

class CameraCommandTest {

    @Test
    void shouldCopyIntoTsWithABoundedSocketTimeout() {
        List<String> c = CameraCommand.reader("ffmpeg", "rtsp://u:secret@cam/live", Transport.UDP, Duration.ofSeconds(10),
                false);

        assertThat(c).containsSequence("-rtsp_transport", "udp").containsSequence("-timeout", "10000000")
                .containsSequence("-i", "rtsp://u:secret@cam/live").containsSequence("-c:v", "copy")
                .containsSequence("-c:a", "copy").containsSequence("-f", "mpegts").endsWith("pipe:1");
    }

    @Test
    void shouldReencodeAudioOnlyWhenAsked() {
        assertThat(CameraCommand.reader("ffmpeg", "rtsp://cam/live", Transport.TCP, Duration.ofSeconds(5), true))
                .containsSequence("-c:a", "aac").containsSequence("-c:v", "copy");
    }

    @Test
    void shouldGrabOneJpegFrame() {
        assertThat(CameraCommand.snapshot("ffmpeg", "rtsp://cam/live", Transport.TCP, Duration.ofSeconds(5)))
                .containsSequence("-frames:v", "1").containsSequence("-f", "image2").containsSequence("-c:v", "mjpeg")
                .endsWith("pipe:1");
    }

    @Test
    void shouldLogTheCommandWithoutTheCredentials() {
        String logged = CameraCommand.loggable(
                CameraCommand.reader("ffmpeg", "rtsp://admin:s3cr%40t@cam:554/live", Transport.TCP, Duration.ofSeconds(5),
                        false));

        assertThat(logged).contains("rtsp://cam:554/live").doesNotContain("s3cr").doesNotContain("admin");
    }
}
