package org.polyplex.proxy.upstream.slate;

import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Plays a fallback slate (an MPEG-TS file already in memory) in a loop at a fixed bit rate, paced
 * by elapsed time on a 20 ms timer. Used by a session while every real source is down.
 */
public final class SlateUpstream implements Upstream {

    private final Vertx vertx;
    private final Buffer content;
    private final long bitsPerSecond;
    private long timer = -1;
    private int position;

    public SlateUpstream(Vertx vertx, Buffer content, long bitsPerSecond) {
        this.vertx = vertx;
        this.content = content;
        this.bitsPerSecond = bitsPerSecond;
    }

    @Override
    public void open(UpstreamListener listener) {
        long started = System.nanoTime();
        long[] sent = { 0 };
        timer = vertx.setPeriodic(20, t -> {
            long due = (System.nanoTime() - started) * bitsPerSecond / 8 / 1_000_000_000L - sent[0];
            while (due > 0 && timer >= 0) {
                int end = (int) Math.min(position + Math.min(due, 64 * 1024), content.length());
                Buffer slice = content.slice(position, end);
                position = end == content.length() ? 0 : end;
                sent[0] += slice.length();
                due -= slice.length();
                listener.onData(slice);
            }
        });
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
