package org.polyplex.camera.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdpAudioTest {

    private static final String VIDEO = "v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";

    @Test
    void shouldCopyAacAndNoAudio() {
        assertThat(SdpAudio.needsTranscode(VIDEO + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/48000/2\r\n"))
                .isFalse();
        assertThat(SdpAudio.needsTranscode(VIDEO)).isFalse();
        assertThat(SdpAudio.needsTranscode(null)).isFalse();
    }

    @Test
    void shouldReencodeG711AndPcm() {
        assertThat(SdpAudio.needsTranscode(VIDEO + "m=audio 0 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n")).isTrue();
        assertThat(SdpAudio.needsTranscode(VIDEO + "m=audio 0 RTP/AVP 0\r\n")).isTrue();
        assertThat(SdpAudio.needsTranscode(VIDEO + "m=audio 0 RTP/AVP 98\r\na=rtpmap:98 G726-32/8000\r\n")).isTrue();
    }
}
