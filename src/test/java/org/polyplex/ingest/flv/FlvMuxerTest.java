package org.polyplex.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;

import org.junit.jupiter.api.Test;

class FlvMuxerTest {

    private static final Buffer AVC_CONFIG = Buffer.buffer(new byte[] { 0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1e });
    private static final Buffer AVC_FRAME = Buffer.buffer(new byte[] { 0x27, 1, 0, 0, 0, 9, 9 });
    private static final Buffer AAC_CONFIG = Buffer.buffer(new byte[] { (byte) 0xAF, 0, 0x12, 0x10 });
    private static final Buffer AAC_FRAME = Buffer.buffer(new byte[] { (byte) 0xAF, 1, 5, 5 });
    private static final Buffer HEVC_CONFIG = Buffer.buffer(new byte[] { (byte) 0x90, 'h', 'v', 'c', '1', 1 });

    @Test
    void shouldWriteTheFileHeaderAndTags() {
        FlvMuxer muxer = new FlvMuxer();
        Buffer header = muxer.header();
        assertThat(header.getBytes()).containsExactly('F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0);
        Buffer tag = muxer.tag(FlvMuxer.VIDEO, 0x12345678L, AVC_FRAME);
        assertThat(tag.length()).isEqualTo(11 + AVC_FRAME.length() + 4);
        assertThat((int) tag.getUnsignedByte(0)).isEqualTo(9);
        assertThat(tag.getMedium(1)).isEqualTo(AVC_FRAME.length());
        assertThat(tag.getMedium(4)).isEqualTo(0x345678);
        assertThat((int) tag.getUnsignedByte(7)).isEqualTo(0x12);
        assertThat(tag.getMedium(8)).isZero();
        assertThat(tag.getBuffer(11, 11 + AVC_FRAME.length())).isEqualTo(AVC_FRAME);
        assertThat(tag.getInt(tag.length() - 4)).isEqualTo(11 + AVC_FRAME.length());
    }

    @Test
    void shouldRepeatTheLatestMetadataAndSequenceHeadersInALaterHeader() {
        FlvMuxer muxer = new FlvMuxer();
        Buffer metadata = Buffer.buffer(new byte[] { 2, 0, 10, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a' });
        muxer.tag(FlvMuxer.SCRIPT, 0, metadata);
        muxer.tag(FlvMuxer.VIDEO, 0, AVC_CONFIG);
        muxer.tag(FlvMuxer.AUDIO, 0, AAC_CONFIG);
        muxer.tag(FlvMuxer.VIDEO, 40, AVC_FRAME);
        muxer.tag(FlvMuxer.AUDIO, 40, AAC_FRAME);
        Buffer header = muxer.header();
        int expected = 13 + (15 + metadata.length()) + (15 + AVC_CONFIG.length()) + (15 + AAC_CONFIG.length());
        assertThat(header.length()).isEqualTo(expected);
        assertThat((int) header.getUnsignedByte(13)).isEqualTo(18);
        int video = 13 + 15 + metadata.length();
        assertThat(header.getBuffer(video + 11, video + 11 + AVC_CONFIG.length())).isEqualTo(AVC_CONFIG);
        int audio = video + 15 + AVC_CONFIG.length();
        assertThat(header.getBuffer(audio + 11, audio + 11 + AAC_CONFIG.length())).isEqualTo(AAC_CONFIG);

        muxer.tag(FlvMuxer.VIDEO, 80, HEVC_CONFIG);
        assertThat(muxer.header().toString()).contains("hvc1");
    }

    @Test
    void shouldRecogniseSequenceHeadersOnly() {
        assertThat(FlvMuxer.videoSequenceHeader(AVC_CONFIG)).isTrue();
        assertThat(FlvMuxer.videoSequenceHeader(AVC_FRAME)).isFalse();
        assertThat(FlvMuxer.videoSequenceHeader(HEVC_CONFIG)).isTrue();
        assertThat(FlvMuxer.videoSequenceHeader(Buffer.buffer(new byte[] { (byte) 0x91, 'h', 'v', 'c', '1' })))
                .isFalse();
        assertThat(FlvMuxer.audioSequenceHeader(AAC_CONFIG)).isTrue();
        assertThat(FlvMuxer.audioSequenceHeader(AAC_FRAME)).isFalse();
        assertThat(FlvMuxer.audioSequenceHeader(Buffer.buffer(new byte[] { 0x2F, 0 }))).isFalse();
    }
}
