package org.polyplex.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Golden argument lists of the packager. */
class FfmpegCommandTest {

    private final FfmpegCommand command = new FfmpegCommand("/usr/bin/ffmpeg", Duration.ofSeconds(2), 6);
    private final Path dir = Path.of("/spool/streams/7/42");

    @Test
    void sourceOnly() {
        List<String> args = command.build(new PipelineSpec(7, 42, 3, List.of(Rendition.SOURCE)), dir);
        assertThat(String.join(" ", args)).isEqualTo("/usr/bin/ffmpeg -hide_banner -loglevel warning -nostats"
                + " -progress pipe:2 -stats_period 1 -f flv -i pipe:0"
                + " -map 0:v? -map 0:a? -c copy -f hls -hls_time 2 -hls_list_size 6"
                + " -hls_flags append_list+discont_start+omit_endlist+temp_file+delete_segments+independent_segments"
                + " -hls_segment_type mpegts -hls_segment_filename /spool/streams/7/42/source/r3-%06d.ts"
                + " /spool/streams/7/42/source/.packager.m3u8"
                + " -map 0:v? -map 0:a? -c copy -f mpegts pipe:1");
    }

    @Test
    void sourceAndEncodedVariants() {
        List<String> args = new FfmpegCommand("ffmpeg", Duration.ofMillis(1500), 10).build(
                new PipelineSpec(7, 42, 1, List.of(Rendition.SOURCE, Rendition.parse("720p:2800k"))), dir);
        assertThat(String.join(" ", args)).isEqualTo("ffmpeg -hide_banner -loglevel warning -nostats"
                + " -progress pipe:2 -stats_period 1 -f flv -i pipe:0"
                + " -map 0:v? -map 0:a? -c copy -f hls -hls_time 1.5 -hls_list_size 10"
                + " -hls_flags append_list+discont_start+omit_endlist+temp_file+delete_segments+independent_segments"
                + " -hls_segment_type mpegts -hls_segment_filename /spool/streams/7/42/source/r1-%06d.ts"
                + " /spool/streams/7/42/source/.packager.m3u8"
                + " -map 0:v? -map 0:a? -c:v libx264 -preset veryfast -tune zerolatency -vf scale=-2:720"
                + " -b:v 2800k -maxrate 2800k -bufsize 5600k -force_key_frames expr:gte(t,n_forced*1.5)"
                + " -sc_threshold 0 -c:a aac -b:a 128k"
                + " -f hls -hls_time 1.5 -hls_list_size 10"
                + " -hls_flags append_list+discont_start+omit_endlist+temp_file+delete_segments+independent_segments"
                + " -hls_segment_type mpegts -hls_segment_filename /spool/streams/7/42/720p/r1-%06d.ts"
                + " /spool/streams/7/42/720p/.packager.m3u8"
                + " -map 0:v? -map 0:a? -c copy -f mpegts pipe:1");
        assertThat(args).doesNotContain("sh").allSatisfy(a -> assertThat(a).doesNotContain(" "));
    }

    @Test
    void renditionsParseWithBounds() {
        assertThat(Rendition.parse(" 480p:1200k ")).isEqualTo(new Rendition("480p", 480, 1200));
        assertThatThrownBy(() -> Rendition.parse("720p")).hasMessageContaining("<height>p:<kbps>k");
        assertThatThrownBy(() -> Rendition.parse("4320p:2800k")).hasMessageContaining("height");
        assertThatThrownBy(() -> Rendition.parse("720p:50k")).hasMessageContaining("bitrate");
        assertThatThrownBy(() -> new PipelineSpec(1, 1, 1, List.of(Rendition.parse("720p:2800k"))))
                .hasMessageContaining("source");
        assertThat(FfmpegHlsBackend.renditions(List.of("720p:2800k", "480p:1200k"))).extracting(Rendition::name)
                .containsExactly("source", "720p", "480p");
    }

    @Test
    void theMasterPlaylistListsEveryRendition() {
        assertThat(MasterPlaylist.text(List.of(Rendition.SOURCE, Rendition.parse("720p:2800k"))))
                .isEqualTo("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                        + "#EXT-X-STREAM-INF:BANDWIDTH=6000000\nsource/index.m3u8\n"
                        + "#EXT-X-STREAM-INF:BANDWIDTH=2928000\n720p/index.m3u8\n");
    }
}
