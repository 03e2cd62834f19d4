package org.polyplex.ingest.rtmp;

import org.polyplex.ingest.publish.PublishSink;

/**
 * Turns the protocol's 32-bit message timestamps into 64-bit ones that never go back, per
 * message type (audio, video and data each keep their own clock, as FLV consumers expect):
 * each step is the signed 32-bit difference to the previous timestamp, so the wrap after 49.7
 * days continues upwards, and a step back is held at the last value without shifting what follows.
 */
final class MediaClock {

    private final long[] last = new long[3];
    private final long[] unwrapped = new long[3];
    private final long[] out = new long[3];
    private final boolean[] seen = new boolean[3];

    long next(int type, long timestamp32) {
        int i = type == PublishSink.AUDIO ? 0 : type == PublishSink.VIDEO ? 1 : 2;
        if (!seen[i]) {
            seen[i] = true;
            last[i] = timestamp32;
            unwrapped[i] = timestamp32;
            out[i] = timestamp32;
            return timestamp32;
        }
        int step = (int) (timestamp32 - last[i]);
        last[i] = timestamp32;
        unwrapped[i] += step;
        out[i] = Math.max(out[i], unwrapped[i]);
        return out[i];
    }
}
