package org.polyplex.proxy.upstream.transcode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.polyplex.proxy.session.SessionTap;
import org.polyplex.proxy.session.TapSink;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * A profile session's upstream: one ffmpeg ({@link TranscoderProcess}) whose stdin is a tap on
 * the channel's passthrough session and whose stdout goes to the profile session's TS assembly
 * like any source's bytes. Opening takes a transcoder slot, taps the channel, then forks ffmpeg on
 * a worker; closing detaches the tap and stops ffmpeg (SIGTERM, SIGKILL after the grace). ffmpeg's
 * exit, a failed fork or the end of the channel's session is this upstream's one failure, with the
 * exit code and the end of ffmpeg's stderr; the profile session then retries it within its
 * bounds. Opened and closed on the profile session's context, which hears of everything there.
 */
final class TranscoderUpstream implements Upstream, TapSink {

    private final TranscoderKind kind;
    private final Vertx vertx;
    private final String profile;
    private final long channelId;
    private final TapOpener taps;
    private final TranscoderKind.Bounds bounds;
    private final TranscoderProcess process;
    private Context context;
    private UpstreamListener listener;
    private SessionTap tap;
    private boolean slot;
    private boolean done;

    TranscoderUpstream(TranscoderKind kind, Vertx vertx, String profile, long channelId, List<String> command,
            TapOpener taps, TranscoderKind.Bounds bounds) {
        this.kind = kind;
        this.vertx = vertx;
        this.profile = profile;
        this.channelId = channelId;
        this.taps = taps;
        this.bounds = bounds;
        this.process = new TranscoderProcess("channel" + channelId + "-" + profile, command, bounds.inputQueueBytes(),
                bounds.stderrTailLines());
    }

    @Override
    public void open(UpstreamListener listener) {
        this.listener = listener;
        this.context = vertx.getOrCreateContext();
        Optional<String> refused = kind.acquire(channelId + "/" + profile);
        if (refused.isPresent()) {
            failLater(refused.get());
            return;
        }
        slot = true;
        Optional<SessionTap> opened = taps.tap(channelId, "profile " + profile, this);
        if (opened.isEmpty()) {
            releaseSlot();
            failLater("channel " + channelId + " is not known here");
            return;
        }
        tap = opened.get();
        vertx.executeBlocking(() -> {
            process.start(this::output, this::exited);
            return null;
        }, false).onFailure(e -> {
            releaseSlot();
            fail("ffmpeg did not start: " + (e instanceof IOException ? e.getMessage() : e.getClass().getSimpleName()));
        });
    }

    /** From the channel's session (its context): into ffmpeg's bounded input queue. */
    @Override
    public void chunk(Buffer packets, boolean keyframe) {
        process.offer(packets, keyframe);
    }

    /** The channel's session ended or dropped the tap: this transcoder has no input any more. */
    @Override
    public void ended(String reason) {
        context.runOnContext(v -> fail("the channel's session ended: " + reason));
    }

    private void output(TranscoderProcess.Delivery delivery) {
        context.runOnContext(v -> {
            delivery.delivered().run();
            if (!done) {
                listener.onData(delivery.chunk());
            }
        });
    }

    private void exited(TranscoderProcess.Exit exit) {
        context.runOnContext(v -> {
            releaseSlot();
            if (!exit.stopped()) {
                String tail = exit.tail().isEmpty() ? "" : ": " + String.join(" | ", exit.tail());
                fail("ffmpeg exited with code " + exit.code() + tail);
            }
        });
    }

    private void releaseSlot() {
        if (slot) {
            slot = false;
            kind.release();
        }
    }

    private void failLater(String reason) {
        context.runOnContext(v -> fail(reason));
    }

    private void fail(String reason) {
        if (done) {
            return;
        }
        UpstreamListener heard = listener;
        close();
        heard.onFailure("transcoder " + profile + ": " + reason);
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        if (tap != null) {
            tap.close();
        }
        process.stop(bounds.stopGraceMillis());
    }

    @Override
    public Duration startGrace() {
        return bounds.startGrace();
    }

    @Override
    public Duration idleGrace() {
        // the encoder holds a few frames (lookahead, B-frames) before its output flows
        return Duration.ofSeconds(1);
    }
}
