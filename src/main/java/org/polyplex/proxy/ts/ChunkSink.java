package org.polyplex.proxy.ts;

import io.vertx.core.buffer.Buffer;

/** Takes chunks of whole, aligned TS packets, in order; called on the producing session's context. */
public interface ChunkSink {

    /** Whole packets; {@code keyframe} when the chunk starts with PAT, PMT and a keyframe. */
    void chunk(Buffer packets, boolean keyframe);
}
