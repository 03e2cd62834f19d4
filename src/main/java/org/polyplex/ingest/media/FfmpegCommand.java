package org.polyplex.ingest.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packager's argument list, built purely (golden-tested): FLV on stdin; per rendition an HLS
 * output into its directory (segments {@code r<run>-%06d.ts}, a new run appended to the same
 * playlist after {@code EXT-X-DISCONTINUITY}, no {@code ENDLIST} so the generation stays live,
 * atomic writes, a pruned window); the source as MPEG-TS on stdout; progress mixed into stderr.
 * ffmpeg's playlists are {@link SpoolLayout#PACKAGER_PLAYLIST}: the served {@code index.m3u8} is
 * derived from them ({@link PublicPlaylist}).
 *
 * @param ffmpeg the executable
 * @param hlsTime the target segment duration
 * @param listSize segments in the live playlist
 */
public record FfmpegCommand(String ffmpeg, Duration hlsTime, int listSize) {

    static final String HLS_FLAGS = "append_list+discont_start+omit_endlist+temp_file+delete_segments"
            + "+independent_segments";

    /** The arguments for one run of a generation whose directory is {@code generationDir}. */
    public List<String> build(PipelineSpec spec, Path generationDir) {
        List<String> a = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "warning", "-nostats",
                "-progress", "pipe:2", "-stats_period", "1", "-f", "flv", "-i", "pipe:0"));
        for (Rendition r : spec.renditions()) {
            a.addAll(List.of("-map", "0:v?", "-map", "0:a?"));
            if (r.copy()) {
                a.addAll(List.of("-c", "copy"));
            } else {
                a.addAll(encode(r));
            }
            a.addAll(hls(generationDir.resolve(r.name()), spec.run()));
        }
        a.addAll(List.of("-map", "0:v?", "-map", "0:a?", "-c", "copy", "-f", "mpegts", "pipe:1"));
        return List.copyOf(a);
    }

    private List<String> encode(Rendition r) {
        String kbps = r.videoKbps() + "k";
        return List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-vf",
                "scale=-2:" + r.height(), "-b:v", kbps, "-maxrate", kbps, "-bufsize", (2 * r.videoKbps()) + "k",
                "-force_key_frames", "expr:gte(t,n_forced*" + seconds() + ")", "-sc_threshold", "0", "-c:a", "aac",
                "-b:a", Rendition.AUDIO_KBPS + "k");
    }

    private List<String> hls(Path dir, int run) {
        return List.of("-f", "hls", "-hls_time", seconds(), "-hls_list_size", Integer.toString(listSize),
                "-hls_flags", HLS_FLAGS, "-hls_segment_type", "mpegts", "-hls_segment_filename",
                dir.resolve("r" + run + "-%06d.ts").toString(), dir.resolve(SpoolLayout.PACKAGER_PLAYLIST).toString());
    }

    private String seconds() {
        long ms = hlsTime.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }
}
