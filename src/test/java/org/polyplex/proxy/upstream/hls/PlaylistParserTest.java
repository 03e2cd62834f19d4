package org.polyplex.proxy.upstream.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The playlist parser on hand-trimmed playlists in the shapes providers and ffmpeg write. */
class PlaylistParserTest {

    private static final String BASE = "http://origin.example/live/ch1/index.m3u8?token=abc";

    @Test
    void parsesALiveMediaPlaylistWithDiscontinuityAndKeys() {
        Playlist playlist = PlaylistParser.parse("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:1200
                #EXTINF:4.000000,
                seg1200.ts
                #EXT-X-DISCONTINUITY
                #EXT-X-KEY:METHOD=AES-128,URI="https://keys.example/k1",IV=0x000102030405060708090a0b0c0d0e0f
                #EXTINF:3.96,title
                /abs/seg1201.ts
                #EXT-X-KEY:METHOD=NONE
                #EXTINF:4,
                http://cdn.example/seg1202.ts
                """, BASE);
        Playlist.Media media = (Playlist.Media) playlist;
        assertThat(media.targetDuration()).isEqualTo(4.0);
        assertThat(media.mediaSequence()).isEqualTo(1200);
        assertThat(media.ended()).isFalse();
        assertThat(media.segments()).extracting(Playlist.Segment::uri).containsExactly(
                "http://origin.example/live/ch1/seg1200.ts", "http://origin.example/abs/seg1201.ts",
                "http://cdn.example/seg1202.ts");
        assertThat(media.segments()).extracting(Playlist.Segment::sequence).containsExactly(1200L, 1201L, 1202L);
        assertThat(media.segments()).extracting(Playlist.Segment::discontinuity).containsExactly(false, true, false);
        Playlist.Key key = media.segments().get(1).key();
        assertThat(key.uri()).isEqualTo("https://keys.example/k1");
        assertThat(HexFormat.of().formatHex(key.iv())).isEqualTo("000102030405060708090a0b0c0d0e0f");
        assertThat(media.segments().get(2).key()).isNull();
    }

    @Test
    void parsesEndListAndCrlf() {
        Playlist.Media media = (Playlist.Media) PlaylistParser.parse(
                "#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXTINF:2.0,\r\na.ts\r\n#EXT-X-ENDLIST\r\n", BASE);
        assertThat(media.ended()).isTrue();
        assertThat(media.mediaSequence()).isZero();
    }

    @Test
    void parsesAMasterAndPicksByBandwidth() {
        Playlist.Master master = (Playlist.Master) PlaylistParser.parse("""
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=2500000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720
                720p.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080
                1080p.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360
                360p.m3u8
                """, BASE);
        assertThat(master.variants()).hasSize(3);
        assertThat(PlaylistParser.pick(master, 0).uri()).endsWith("/1080p.m3u8");
        assertThat(PlaylistParser.pick(master, 3_000_000).uri()).endsWith("/720p.m3u8");
        assertThat(PlaylistParser.pick(master, 2_500_000).uri()).endsWith("/720p.m3u8");
        assertThat(PlaylistParser.pick(master, 100_000).uri()).as("nothing fits: the lowest").endsWith("/360p.m3u8");
    }

    @Test
    void quotedAttributesMayHoldCommas() {
        assertThat(PlaylistParser.attributes("BANDWIDTH=1,CODECS=\"a,b\",NAME=x"))
                .containsEntry("CODECS", "a,b").containsEntry("NAME", "x").containsEntry("BANDWIDTH", "1");
    }

    @Test
    void rejectsWhatItCannotTrust() {
        assertThatThrownBy(() -> PlaylistParser.parse("<html>Not found</html>", BASE)).hasMessageContaining("#EXTM3U");
        assertThatThrownBy(() -> PlaylistParser.parse("", BASE)).hasMessageContaining("#EXTM3U");
        assertThatThrownBy(() -> PlaylistParser.parse("#EXTM3U\n#EXTINF:1,\na.ts\n", BASE))
                .hasMessageContaining("TARGETDURATION");
        assertThatThrownBy(() -> PlaylistParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:4\n", BASE))
                .hasMessageContaining("without segments");
        assertThatThrownBy(() -> PlaylistParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:x\n#EXTINF:1,\na.ts\n", BASE))
                .hasMessageContaining("bad target duration");
        assertThatThrownBy(() -> PlaylistParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:4\na.ts\n", BASE))
                .hasMessageContaining("without #EXTINF");
        assertThatThrownBy(() -> PlaylistParser.parse(
                "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"k\"\n#EXTINF:1,\na.ts\n", BASE))
                .hasMessageContaining("unsupported key method SAMPLE-AES");
        assertThatThrownBy(() -> PlaylistParser.parse(
                "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0x12\n#EXTINF:1,\na.ts\n",
                BASE)).hasMessageContaining("IV");
        assertThatThrownBy(() -> PlaylistParser.parse(
                "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n#EXT-X-TARGETDURATION:4\n#EXTINF:1,\na.ts\n", BASE))
                .hasMessageContaining("mixes");
    }

    @Test
    void shouldNameNoCredentialWhenThePlaylistUrlIsNotAUri() {
        String media = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\na.ts\n";
        for (String url : new String[] { "http://user:pw-secret@host/list.m3u8?x=a b",
                "http://host/live/acct/pass-secret/list|m3u8", "http://host/list.m3u8?token=tok-secret x" }) {
            assertThatThrownBy(() -> PlaylistParser.parse(media, url)).hasMessage("playlist URL is not a URI");
        }
    }

    @Test
    void ivFromTheSequenceAndAesRoundTrip() {
        byte[] iv = SegmentBytes.iv(new Playlist.Key("k", null), 0x0102);
        assertThat(HexFormat.of().formatHex(iv)).isEqualTo("00000000000000000000000000000102");
        byte[] key = "0123456789abcdef".getBytes();
        byte[] clear = new byte[188 * 3];
        clear[0] = 0x47;
        assertThat(SegmentBytes.decrypt(key, iv, SegmentBytes.encrypt(key, iv, clear))).isEqualTo(clear);
        assertThatThrownBy(() -> SegmentBytes.decrypt(new byte[5], iv, clear)).hasMessageContaining("not 16");
        assertThatThrownBy(() -> SegmentBytes.decrypt(key, iv, new byte[17])).hasMessageContaining("does not decrypt");
    }
}
