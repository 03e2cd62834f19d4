package org.polyplex.restream.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.polyplex.testsupport.TsFixtures;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

/** The PMT reading that decides whether a destination gets the source's audio or silence. */
class SourceStreamsTest {

    @Test
    void shouldSeeAacAudioInAnH264Fixture() {
        SourceStreams s = SourceStreams.of(Buffer.buffer(TsFixtures.read(TsFixtures.h264(2, 300))));
        assertThat(s).isEqualTo(new SourceStreams(true, true));
    }

    @Test
    void shouldSeeNoAudioInAVideoOnlyStream() {
        SourceStreams s = SourceStreams.of(Buffer.buffer(TsFixtures.read(TsFixtures.videoOnly(2))));
        assertThat(s).isEqualTo(new SourceStreams(false, false));
    }

    @Test
    void shouldAssumeAudioWhenThereIsNoPmt() {
        assertThat(SourceStreams.of(Buffer.buffer(new byte[188 * 4]))).isEqualTo(SourceStreams.UNKNOWN);
    }
}
