package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicPlaylistTest {

    private static String ffmpeg(int mseq, String body) {
        return "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:" + mseq + "\n" + body;
    }

    @Test
    void theDiscontinuitySequenceGrowsWhenADiscontinuityLeavesTheWindow() {
        String first = PublicPlaylist.derive(ffmpeg(0,
                "#EXT-X-DISCONTINUITY\n#EXTINF:2.0,\nr1-000000.ts\n#EXTINF:2.0,\nr1-000001.ts\n"
                        + "#EXT-X-DISCONTINUITY\n#EXTINF:2.0,\nr2-000002.ts\n"),
                "");
        assertThat(first).startsWith(
                "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n"
                        + "#EXT-X-DISCONTINUITY-SEQUENCE:0\n#EXT-X-DISCONTINUITY\n");

        // r1-000000 (with its discontinuity) left: +1; r1-000001 left without one: +0
        String second = PublicPlaylist.derive(ffmpeg(2, "#EXT-X-DISCONTINUITY\n#EXTINF:2.0,\nr2-000002.ts\n"
                + "#EXTINF:2.0,\nr2-000003.ts\n"), first);
        assertThat(PublicPlaylist.discontinuitySequence(second)).isEqualTo(1);

        // unchanged window: unchanged sequence; the r2 discontinuity leaves: +1
        assertThat(PublicPlaylist.discontinuitySequence(PublicPlaylist.derive(ffmpeg(2,
                "#EXT-X-DISCONTINUITY\n#EXTINF:2.0,\nr2-000002.ts\n#EXTINF:2.0,\nr2-000003.ts\n"), second)))
                .isEqualTo(1);
        String third = PublicPlaylist.derive(ffmpeg(3, "#EXTINF:2.0,\nr2-000003.ts\n"), second);
        assertThat(PublicPlaylist.discontinuitySequence(third)).isEqualTo(2);
        assertThat(third).containsOnlyOnce("#EXT-X-DISCONTINUITY-SEQUENCE:");
    }
}
