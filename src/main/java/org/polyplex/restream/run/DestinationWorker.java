package org.polyplex.restream.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.process.ProcessListener;
import org.polyplex.platform.process.ProcessRefusedException;
import org.polyplex.platform.process.ProcessSpec;
import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.Progress;
import org.polyplex.platform.process.ProgressChannel;
import org.polyplex.platform.process.RestartPolicy;
import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.restream.destination.ResolvedDestination;
import org.polyplex.restream.ffmpeg.EncoderProbe;
import org.polyplex.restream.ffmpeg.OutputCommand;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;

/**
 * One destination of a running restream: its own ffmpeg (never shared with another destination),
 * fed from its own {@link FeedQueue} by its own writer thread, and its own retry loop (see
 * {@link DestinationState}). Every transition runs on the shared control thread; the session's
 * context only offers chunks to the queue; the supervisor's callbacks hop to the control thread.
 * Each attempt is one supervised process that is never restarted by the supervisor: the backoff
 * here resets only after a live spell of {@code resetAfter}, so no exit pattern makes it spin.
 */
final class DestinationWorker implements ProcessListener {

    private static final String FALLBACK_ENCODER = EncoderProbe.SOFTWARE;

    private final long restreamId;
    private final ResolvedDestination destination;
    private final Profile profile;
    private final AudioMode audio;
    private final WorkerEnv env;
    private final Runnable retried;
    private final Supplier<OverlayGraph> overlays;
    private final UnaryOperator<DestinationStatus> shown;
    private final FeedQueue queue;
    private final String processName;

    // read by status calls from any thread; written on the control thread
    private volatile DestinationState state = new DestinationState.Idle();
    private volatile Progress progress;
    private volatile long retries;
    private volatile String lastError;
    private volatile String encoder;

    // control thread only
    private final Attempts attempts;
    private SourceStreams streams;
    private boolean running;
    private int failures;
    private long lastFrame;
    private long lastAdvanceNanos;
    /** Where the next attempt's output timeline starts: 0, or past what a planned restart ended. */
    private Duration continueAt = Duration.ZERO;
    private final ProfileSteps steps;

    DestinationWorker(long restreamId, ResolvedDestination destination, Profile profile, AudioMode audio,
            WorkerEnv env, Runnable retried, Supplier<OverlayGraph> overlays) {
        this(restreamId, destination, profile, audio, env, retried, overlays, UnaryOperator.identity());
    }

    /**
     * @param shown how the status shows this destination: as it is, or (a member of a
     *        {@link SharedEncode}, whose own ffmpeg copies) with the shared encode's profile and encoder
     */
    DestinationWorker(long restreamId, ResolvedDestination destination, Profile profile, AudioMode audio,
            WorkerEnv env, Runnable retried, Supplier<OverlayGraph> overlays, UnaryOperator<DestinationStatus> shown) {
        this.restreamId = restreamId;
        this.destination = destination;
        this.profile = profile;
        this.audio = audio;
        this.env = env;
        this.retried = retried;
        this.overlays = overlays;
        this.shown = shown;
        this.queue = new FeedQueue(env.queueBytes());
        this.attempts = new Attempts(env.control());
        this.processName = "restream-" + restreamId + "-" + destination.id();
        this.steps = new ProfileSteps(profile, env.degrade().map(DegradePolicy::new).orElse(null));
    }

    long destinationId() {
        return destination.id();
    }

    DestinationState state() {
        return state;
    }

    /** On the session's context: never blocks. */
    void offer(Buffer chunk, boolean keyframe) {
        queue.offer(chunk, keyframe);
    }

    /** Control thread: sending is wanted; the first attempt waits for the source's first keyframe. */
    void start() {
        running = true;
        failures = 0;
        continueAt = Duration.ZERO;
        steps.reset();
        encoder = profile.encodes() ? env.encoder().get() : null;
        if (streams != null) {
            attempt();
        }
    }

    /** Control thread: the source's streams are known (its first keyframe chunk arrived). */
    void sourceReady(SourceStreams s) {
        boolean first = streams == null;
        streams = s;
        if (first && running && state instanceof DestinationState.Idle) {
            attempt();
        }
    }

    /** Control thread: the once-a-second check of the start and stall bounds. */
    void tick() {
        if (!attempts.active()) {
            return;
        }
        long now = System.nanoTime();
        if (state instanceof DestinationState.Starting) {
            long first = queue.firstOfferNanos();
            if (first != 0 && now - first > env.startTimeout().toNanos()) {
                fail("no frame went out within " + env.startTimeout().toSeconds() + " s");
            }
        } else if (state instanceof DestinationState.Live) {
            boolean fed = now - queue.lastOfferNanos() < env.stallTimeout().toNanos();
            if (fed && now - lastAdvanceNanos > env.stallTimeout().toNanos()) {
                fail("stalled: no frame went out for " + env.stallTimeout().toSeconds() + " s");
                return;
            }
        }
        degrade(now);
    }

    /** Control thread: steps the encoded profile down or back up when degraded mode says so. */
    private void degrade(long now) {
        Progress p = progress;
        double speed = state instanceof DestinationState.Live && p != null && p.speed() > 0 ? p.speed() : Double.NaN;
        String change = steps.tick(now, speed, env.cpu());
        if (change != null) {
            replan("profile change", change);
        }
    }

    /**
     * Control thread: a planned restart with what changed (the active profile, the overlays); not
     * a failure, not a retry, no backoff.
     */
    private void replan(String stopReason, String why) {
        Log.infof("restream %d: destination %d %s", restreamId, destination.id(), why);
        continueTimeline();
        attempts.end(stopReason);
        queue.close();
        progress = null;
        state = new DestinationState.Idle();
        attempt();
    }

    /** Control thread: stops for good; completes when its ffmpegs are gone. */
    CompletableFuture<Void> stop(String reason) {
        running = false;
        queue.close();
        state = new DestinationState.Idle();
        progress = null;
        return attempts.close(reason);
    }

    /**
     * Control thread: the overlays' filter graph changed. An encoded destination with an ffmpeg
     * starts a new one with the new graph at once (not a failure: no backoff, no retry counted);
     * one waiting to retry takes it at its next attempt; copy destinations draw nothing.
     */
    void overlaysChanged() {
        if (!profile.encodes() || !running || !attempts.active()) {
            return;
        }
        replan("overlays changed", "restarts its ffmpeg: the overlays changed");
    }

    /**
     * Control thread: what this destination is fed changes its stream header (its shared encode
     * stepped to another picture size): a connected destination starts a new ffmpeg, so its server
     * gets the new header (a planned restart: no retry counted, no backoff).
     */
    void streamsChanged(String why) {
        if (running && attempts.active()) {
            replan("the shared encode changed", "restarts its ffmpeg: the shared encode " + why);
        }
    }

    /**
     * Control thread: what feeds this destination gave up for good (its shared encode failed past
     * its bounded attempts): the ffmpeg stops and the destination is failed with that reason.
     */
    void giveUp(String reason) {
        if (!running) {
            return;
        }
        attempts.end(reason);
        queue.close();
        progress = null;
        lastError = scrub(reason);
        state = new DestinationState.Failed(lastError);
        Log.warnf("restream %d: destination %d failed: %s", restreamId, destination.id(), lastError);
    }

    private void attempt() {
        if (!running || !(state instanceof DestinationState.Idle || state instanceof DestinationState.Retrying)
                || !attempts.ready(this::attempt)) {
            return;
        }
        Instant now = env.clock().instant();
        state = state instanceof DestinationState.Retrying r ? r.start(now)
                : ((DestinationState.Idle) state).start(1, now);
        int at = attempts.begin();
        AudioMode resolved = OutputCommand.resolve(audio, streams.hasAudio());
        String enc = encoder == null ? FALLBACK_ENCODER : encoder;
        List<String> command = env.command().build(steps.active(), resolved, streams.audioAac(), enc,
                destination.publishUrl(), steps.fit(overlays.get()), continueAt);
        progress = null;
        lastFrame = -1;
        lastAdvanceNanos = System.nanoTime();
        queue.open();
        Log.infof("restream %d: destination %d attempt %d: %s", restreamId, destination.id(),
                ((DestinationState.Starting) state).attempt(),
                OutputCommand.forLog(command, scrub(Redaction.url(destination.publishUrl()))));
        ProcessSpec spec = new ProcessSpec(processName, "restream", command, env.workDir(), RestartPolicy.NEVER,
                ProgressChannel.STDOUT, env.stallTimeout(), env.stopGrace());
        try {
            attempts.started(env.supervisor().start(spec,
                    (n, stdin, stdout) -> FeedWriter.start(processName, queue, stdin, () -> attempts.isCurrent(at)),
                    this));
        } catch (ProcessRefusedException e) {
            fail(e.getMessage());
        }
    }

    @Override
    public void stateChanged(SupervisedProcess p, ProcessState s) {
        if (s instanceof ProcessState.Exited e) {
            env.control().execute(() -> attempts.exited(p, e.code()));
        } else if (s.terminal()) {
            env.control().execute(() -> {
                if (attempts.isCurrent(p)) {
                    fail(attempts.exitReason(s, this::scrub));
                }
            });
        }
    }

    @Override
    public void progress(SupervisedProcess p, Progress block) {
        env.control().execute(() -> progressed(p, block));
    }

    @Override
    public void errorLine(SupervisedProcess p, String line) {
        attempts.errorLine(p, scrub(line));
    }

    private void progressed(SupervisedProcess p, Progress block) {
        if (!attempts.isCurrent(p)) {
            return;
        }
        progress = block;
        if (block.frame() > lastFrame) {
            lastFrame = block.frame();
            lastAdvanceNanos = System.nanoTime();
            if (block.frame() > 0 && state instanceof DestinationState.Starting s) {
                state = s.live(env.clock().instant());
                lastError = null;
                Log.infof("restream %d: destination %d is live (attempt %d)", restreamId, destination.id(),
                        s.attempt());
                env.used().accept(destination.id());
            }
        }
    }

    private void fail(String why) {
        Instant now = env.clock().instant();
        continueTimeline();
        attempts.end(why);
        queue.close();
        progress = null;
        if (state instanceof DestinationState.Live l && !l.since().plus(env.resetAfter()).isAfter(now)) {
            failures = 0;
        }
        failures++;
        retries++;
        retried.run();
        String reason = scrub(why);
        if (profile.encodes() && encoder != null && !encoder.equals(FALLBACK_ENCODER)
                && state instanceof DestinationState.Starting) {
            reason += " (encoder " + encoder + " failed: falling back to " + FALLBACK_ENCODER + ")";
            encoder = FALLBACK_ENCODER;
        }
        lastError = reason;
        if (env.retry().exhausted(failures)) {
            state = new DestinationState.Failed(reason);
            Log.warnf("restream %d: destination %d failed after %d attempts: %s", restreamId, destination.id(),
                    failures, reason);
            return;
        }
        Duration delay = env.retry().delay(failures);
        Instant until = now.plus(delay);
        state = state instanceof DestinationState.Live l ? l.retry(until, reason)
                : ((DestinationState.Starting) state).retry(until, reason);
        Log.infof("restream %d: destination %d dropped (%s); retry %d in %d ms", restreamId, destination.id(),
                reason, failures, delay.toMillis());
        attempts.retryIn(delay, this::attempt);
    }

    /**
     * The next attempt's output starts where this one's ended (its last progress block's
     * {@code out_time}), so the server's timeline only goes forward across restarts.
     */
    private void continueTimeline() {
        Progress last = progress;
        if (last != null && last.outTimeUs() > 0) {
            continueAt = continueAt.plus(Duration.ofNanos(last.outTimeUs() * 1000));
        }
    }

    /** A text with the stream key removed wherever it stands, then redacted and cut to one line. */
    private String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        String secret = destination.secret();
        if (secret != null && !secret.isEmpty()) {
            s = s.replace(secret, "***");
        }
        return Redaction.line(s, 300);
    }

    /** The destination's status now (any thread). */
    DestinationStatus status() {
        DestinationState s = state;
        Progress p = progress;
        boolean live = s instanceof DestinationState.Live;
        long uptime = s instanceof DestinationState.Live l
                ? Math.max(0, Duration.between(l.since(), env.clock().instant()).toSeconds())
                : 0;
        String retryAt = s instanceof DestinationState.Retrying r ? r.until().toString() : null;
        return shown.apply(new DestinationStatus(destination.id(), destination.name(), profile, s.wire(),
                live && p != null ? Math.max(0, p.fps()) : 0, live && p != null ? Math.max(0, p.bitrateKbps()) : 0,
                live && p != null ? Math.max(0, p.speed()) : 0, p == null ? 0 : Math.max(0, p.droppedFrames()),
                p == null ? 0 : Math.max(0, p.duplicatedFrames()), uptime, retries, lastError,
                profile.encodes() ? encoder : "copy", queue.droppedBytes(), retryAt, steps.active(), steps.degraded()));
    }
}
