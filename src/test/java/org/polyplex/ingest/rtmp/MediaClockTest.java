package org.polyplex.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.polyplex.ingest.publish.PublishSink;

import org.junit.jupiter.api.Test;

class MediaClockTest {

    @Test
    void shouldContinueUpwardsAcrossTheThirtyTwoBitWrap() {
        MediaClock clock = new MediaClock();
        assertThat(clock.next(PublishSink.VIDEO, 0xFFFFFFFFL - 40)).isEqualTo(0xFFFFFFFFL - 40);
        assertThat(clock.next(PublishSink.VIDEO, 0xFFFFFFFFL)).isEqualTo(0xFFFFFFFFL);
        assertThat(clock.next(PublishSink.VIDEO, 39)).isEqualTo(0x1_0000_0000L + 39);
    }

    @Test
    void shouldHoldAStepBackWithoutShiftingWhatFollows() {
        MediaClock clock = new MediaClock();
        assertThat(clock.next(PublishSink.AUDIO, 1000)).isEqualTo(1000);
        assertThat(clock.next(PublishSink.AUDIO, 990)).isEqualTo(1000);
        assertThat(clock.next(PublishSink.AUDIO, 1040)).isEqualTo(1040);
    }

    @Test
    void shouldKeepOneClockPerType() {
        MediaClock clock = new MediaClock();
        assertThat(clock.next(PublishSink.AUDIO, 1000)).isEqualTo(1000);
        assertThat(clock.next(PublishSink.VIDEO, 980)).isEqualTo(980);
    }
}
