package org.polyplex.proxy.session;

import org.polyplex.proxy.ts.ChunkSink;

/**
 * What a {@link SessionTap} receives, on the session's context: it must never block (a recorder or
 * a transcoder hands the chunks to its own worker). The first chunk is a keyframe chunk, from the
 * session's GOP cache when it has one, else the next keyframe; after that every chunk, in order.
 * The buffers are shared with the viewers: read them, keep them, never modify them.
 */
public interface TapSink extends ChunkSink {

    /** The session ended (every source down, an admin kick, shutdown) or had no room: the tap is gone. */
    void ended(String reason);
}
