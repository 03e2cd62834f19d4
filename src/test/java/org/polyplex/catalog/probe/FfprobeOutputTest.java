package org.polyplex.catalog.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FfprobeOutputTest {

    private static final String TS = """
            {"streams": [
              {"index": 0, "codec_name": "h264", "codec_type": "video", "width": 1280, "height": 720},
              {"index": 1, "codec_name": "aac", "codec_type": "audio", "sample_rate": "48000"}
            ], "format": {"filename": "http://provider.example/live/u/p/1.ts", "format_name": "mpegts"}}
            """;

    @Test
    void shouldReadTheContainerAndTheFirstVideoAndAudioStreams() {
        ProbeReport report = FfprobeOutput.parse("http://provider.example/live/***/***/1.ts", TS, Duration.ofMillis(80));
        assertThat(report.reachable()).isTrue();
        assertThat(report.container()).isEqualTo("mpegts");
        assertThat(report.videoCodec()).isEqualTo("h264");
        assertThat(report.resolution()).isEqualTo("1280×720");
        assertThat(report.audioCodec()).isEqualTo("aac");
        assertThat(report.url()).doesNotContain("/u/p/");
    }

    @Test
    void shouldReportAnAudioOnlySourceWithoutVideo() {
        ProbeReport report = FfprobeOutput.parse("u", """
                {"streams": [{"codec_name": "mp3", "codec_type": "audio"}], "format": {"format_name": "mp3"}}
                """, Duration.ZERO);
        assertThat(report.reachable()).isTrue();
        assertThat(report.videoCodec()).isNull();
        assertThat(report.resolution()).isEmpty();
        assertThat(report.audioCodec()).isEqualTo("mp3");
    }

    @Test
    void shouldFailWhenThereIsNoStreamOrTheAnswerIsNotJson() {
        assertThat(FfprobeOutput.parse("u", "{\"streams\": [], \"format\": {}}", Duration.ZERO).error())
                .contains("no audio or video stream");
        assertThat(FfprobeOutput.parse("u", "{\"streams\": [", Duration.ZERO).error()).contains("could not be read");
        assertThat(FfprobeOutput.parse("u", "", Duration.ZERO).reachable()).isFalse();
    }

    @Test
    void shouldKeepTheLastStderrLineWithItsUrlMasked() {
        String stderr = "[tcp @ 0x1] Connection to tcp://provider.example:80 failed\n"
                + "http://provider.example/get.php?username=alice&password=secret: Connection refused\n";
        assertThat(SourceProbe.reason(stderr, 1)).isEqualTo(
                "http://provider.example/get.php?username=***&password=*** Connection refused");
        assertThat(SourceProbe.reason("\n", 1)).isEqualTo("ffprobe failed (exit 1)");
    }
}
