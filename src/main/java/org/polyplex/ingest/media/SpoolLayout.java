package org.polyplex.ingest.media;

import java.nio.file.Path;

/**
 * The spool's directory grammar: {@code <spool>/streams/<stream-id>/<generation-id>/} holds the
 * multivariant {@code index.m3u8} and one directory per rendition with its {@code index.m3u8} and
 * segments {@code r<run>-<n>.ts}. Only numeric ids appear in it, never a stream key.
 */
public record SpoolLayout(Path root) {

    public static final String PLAYLIST = "index.m3u8";

    /** The media playlist ffmpeg writes, beside the served one; never served. */
    public static final String PACKAGER_PLAYLIST = ".packager.m3u8";

    public Path streams() {
        return root.resolve("streams");
    }

    public Path stream(long streamId) {
        return streams().resolve(Long.toString(streamId));
    }

    public Path generation(long streamId, long generationId) {
        return stream(streamId).resolve(Long.toString(generationId));
    }

    public Path rendition(long streamId, long generationId, String rendition) {
        return generation(streamId, generationId).resolve(rendition);
    }

    /** The multivariant playlist of a generation. */
    public Path master(long streamId, long generationId) {
        return generation(streamId, generationId).resolve(PLAYLIST);
    }
}
