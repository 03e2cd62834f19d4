package org.polyplex.proxy.upstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceUrlTest {

    @Test
    void shouldClassifySourceUrlsByTransport() {
        assertThat(SourceUrl.kind("acestream://0123")).isEqualTo(SourceUrl.Kind.ACESTREAM);
        assertThat(SourceUrl.kind("http://h/a/b.m3u8?x=1")).isEqualTo(SourceUrl.Kind.HLS);
        assertThat(SourceUrl.kind("https://h/live/u/p/1.ts")).isEqualTo(SourceUrl.Kind.HTTP_TS);
        assertThat(SourceUrl.kind("ACESTREAM://0123")).isEqualTo(SourceUrl.Kind.ACESTREAM);
        assertThat(SourceUrl.kind("rtsp://cam/1")).isEqualTo(SourceUrl.Kind.UNSUPPORTED);
    }
}
