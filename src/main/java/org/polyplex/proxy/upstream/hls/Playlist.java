package org.polyplex.proxy.upstream.hls;

import java.util.List;

/** A parsed HLS playlist: a master (variants) or a media playlist (segments). */
sealed interface Playlist {

    /** A multivariant playlist; variants in file order, URIs resolved. */
    record Master(List<Variant> variants) implements Playlist {
    }

    /** A media playlist; segments in order, URIs resolved. */
    record Media(double targetDuration, long mediaSequence, boolean ended, List<Segment> segments)
            implements
                Playlist {
    }

    /** One {@code #EXT-X-STREAM-INF} entry. */
    record Variant(String uri, long bandwidth) {
    }

    /**
     * One media segment.
     *
     * @param discontinuity preceded by {@code #EXT-X-DISCONTINUITY}
     * @param key its encryption, or null when clear
     */
    record Segment(String uri, double duration, long sequence, boolean discontinuity, Key key) {
    }

    /** {@code #EXT-X-KEY:METHOD=AES-128}; {@code iv} is null when it comes from the sequence. */
    record Key(String uri, byte[] iv) {
    }
}
