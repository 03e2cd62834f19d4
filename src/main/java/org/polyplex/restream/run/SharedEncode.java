package org.polyplex.restream.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.process.ProcessListener;
import org.polyplex.platform.process.ProcessRefusedException;
import org.polyplex.platform.process.ProcessSpec;
import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.Progress;
import org.polyplex.platform.process.ProgressChannel;
import org.polyplex.platform.process.RestartPolicy;
import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.restream.ffmpeg.EncoderProbe;
import org.polyplex.restream.ffmpeg.OutputCommand;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;

/**
 * One encode shared by the destinations of a restream that run the same encoded profile and audio
 * mode: one supervised ffmpeg turns the channel's TS into the profile's H.264 and AAC (overlays
 * drawn) as MPEG-TS on its stdout, which a reader thread cuts into keyframe-aligned chunks and
 * offers to each destination, whose own ffmpeg only copies it to its server. So N destinations
 * cost one encode, and keep what makes them independent: their own queue, ffmpeg, connection and
 * retries. What they share is the encode: its encoder fallback, its degraded mode (one step for
 * all of them) and its overlays (a new graph restarts the encode only; the destinations stay
 * connected). The encode is retried like a destination ({@link RetrySchedule}, reset after a
 * producing spell of {@code resetAfter}); past its attempts its destinations fail with its reason.
 * Transitions on the control thread, like {@link DestinationWorker}.
 */
final class SharedEncode implements ProcessListener {

    private static final String FALLBACK_ENCODER = EncoderProbe.SOFTWARE;

    private final long restreamId;
    private final Profile profile;
    private final AudioMode audio;
    private final WorkerEnv env;
    private final Supplier<OverlayGraph> overlays;
    private final List<DestinationWorker> members;
    private final FeedQueue queue;
    private final String processName;
    private final ProfileSteps steps;

    // read by status calls from any thread; written on the control thread
    private volatile String encoder;
    private volatile Progress progress;
    private volatile String lastError;

    // control thread only
    private final Attempts attempts;
    private SourceStreams streams;
    private boolean running;
    private boolean failed;
    private int failures;
    private int attemptNumber;
    private Instant producingSince;
    private long lastFrame;
    private long lastAdvanceNanos;

    /**
     * @param members the destinations this encode feeds, made with {@link #memberProfile} and
     *        {@link #memberAudio} and shown through {@link #show}
     */
    SharedEncode(long restreamId, Profile profile, AudioMode audio, WorkerEnv env, Supplier<OverlayGraph> overlays,
            List<DestinationWorker> members) {
        this.restreamId = restreamId;
        this.profile = profile;
        this.audio = audio;
        this.env = env;
        this.overlays = overlays;
        this.members = members;
        this.queue = new FeedQueue(env.queueBytes());
        this.attempts = new Attempts(env.control());
        this.processName = "restream-" + restreamId + "-encode-" + profile.wire() + "-"
                + audio.name().toLowerCase(java.util.Locale.ROOT);
        this.steps = new ProfileSteps(profile, env.degrade().map(DegradePolicy::new).orElse(null));
    }

    /** The profile a member's own ffmpeg runs: it copies what the encode made. */
    static Profile memberProfile() {
        return Profile.COPY;
    }

    /** The audio mode a member's own ffmpeg runs: the encode's AAC as it is, or none when muted. */
    static AudioMode memberAudio(AudioMode audio) {
        return audio == AudioMode.MUTE ? AudioMode.MUTE : AudioMode.PASSTHROUGH;
    }

    /**
     * A member's status as the API shows it: the encode's profile, encoder and degraded mode; the
     * slower of its own speed and the encode's (a destination gets no more than the encode makes),
     * and the frames the encode dropped or duplicated added to its own.
     */
    DestinationStatus show(DestinationStatus s) {
        Progress p = progress;
        String error = s.lastError() != null ? s.lastError() : lastError == null ? null : "shared encode: " + lastError;
        double speed = p != null && p.speed() > 0 && s.speed() > 0 ? Math.min(s.speed(), p.speed()) : s.speed();
        long dropped = s.droppedFrames() + (p == null ? 0 : Math.max(0, p.droppedFrames()));
        long duplicated = s.duplicatedFrames() + (p == null ? 0 : Math.max(0, p.duplicatedFrames()));
        return new DestinationStatus(s.destinationId(), s.name(), profile, s.state(), s.fps(), s.bitrateKbps(), speed,
                dropped, duplicated, s.uptimeSeconds(), s.retries(), error, encoder == null ? FALLBACK_ENCODER : encoder,
                s.droppedBytes() + queue.droppedBytes(), s.retryAt(), steps.active(), steps.degraded());
    }

    /** On the session's context: never blocks. */
    void offer(Buffer chunk, boolean keyframe) {
        queue.offer(chunk, keyframe);
    }

    /** Control thread: encoding is wanted; the first attempt waits for the source's first keyframe. */
    void start() {
        running = true;
        failed = false;
        failures = 0;
        steps.reset();
        encoder = env.encoder().get();
        if (streams != null) {
            attempt();
        }
    }

    /** Control thread: the source's streams are known. */
    void sourceReady(SourceStreams s) {
        boolean first = streams == null;
        streams = s;
        if (first && running && !attempts.active() && !attempts.waiting()) {
            attempt();
        }
    }

    /** Control thread: stops for good; completes when its ffmpegs are gone. */
    CompletableFuture<Void> stop(String reason) {
        running = false;
        queue.close();
        progress = null;
        producingSince = null;
        return attempts.close(reason);
    }

    /** Control thread: the overlays' graph changed: a new encode draws it; the members stay connected. */
    void overlaysChanged() {
        if (running && attempts.active()) {
            replan("overlays changed", "the overlays changed", false);
        }
    }

    /** Control thread, once a second: the start and stall bounds, and degraded mode. */
    void tick() {
        if (!attempts.active()) {
            return;
        }
        long now = System.nanoTime();
        if (producingSince == null) {
            long first = queue.firstOfferNanos();
            if (first != 0 && now - first > env.startTimeout().toNanos()) {
                fail("the encode made no frame within " + env.startTimeout().toSeconds() + " s");
            }
            return;
        }
        boolean fed = now - queue.lastOfferNanos() < env.stallTimeout().toNanos();
        if (fed && now - lastAdvanceNanos > env.stallTimeout().toNanos()) {
            fail("the encode stalled: no frame for " + env.stallTimeout().toSeconds() + " s");
            return;
        }
        Progress p = progress;
        String change = steps.tick(now, p != null && p.speed() > 0 ? p.speed() : Double.NaN, env.cpu());
        if (change != null) {
            // a new picture size needs a new stream header at each server: the members reconnect
            replan("profile change", change, true);
        }
    }

    private void replan(String stopReason, String why, boolean reconnectMembers) {
        Log.infof("restream %d: the shared %s encode restarts: %s", restreamId, profile.wire(), why);
        endAttempt(stopReason);
        if (reconnectMembers) {
            members.forEach(m -> m.streamsChanged(why));
        }
        attempt();
    }

    private void attempt() {
        if (!running || failed || attempts.active() || !attempts.ready(this::attempt)) {
            return;
        }
        int at = attempts.begin();
        attemptNumber++;
        String enc = encoder == null ? FALLBACK_ENCODER : encoder;
        AudioMode resolved = OutputCommand.resolve(audio, streams.hasAudio());
        List<String> command = env.command().encode(steps.active(), resolved, enc, steps.fit(overlays.get()));
        progress = null;
        producingSince = null;
        lastFrame = -1;
        lastAdvanceNanos = System.nanoTime();
        queue.open();
        Log.infof("restream %d: shared encode attempt %d for %d destinations: %s", restreamId, attemptNumber,
                members.size(), String.join(" ", command));
        ProcessSpec spec = new ProcessSpec(processName, "restream", command, env.workDir(), RestartPolicy.NEVER,
                ProgressChannel.STDERR, env.stallTimeout(), env.stopGrace());
        boolean splice = attemptNumber > 1;
        try {
            attempts.started(env.supervisor().start(spec, (n, stdin, stdout) -> {
                FeedWriter.start(processName, queue, stdin, () -> attempts.isCurrent(at));
                EncodeReader.start(processName, stdout, splice, () -> attempts.isCurrent(at), members,
                        made -> env.control().execute(() -> producing(at, made)),
                        reason -> env.control().execute(() -> {
                            if (attempts.isCurrent(at)) {
                                fail("the encode's output was refused: " + reason);
                            }
                        }));
            }, this));
        } catch (ProcessRefusedException e) {
            fail(e.getMessage());
        }
    }

    private void producing(int at, SourceStreams made) {
        if (!attempts.isCurrent(at) || !running) {
            return;
        }
        producingSince = env.clock().instant();
        lastError = null;
        Log.infof("restream %d: the shared %s encode is producing (attempt %d)", restreamId, steps.active().wire(),
                attemptNumber);
        members.forEach(m -> m.sourceReady(made));
    }

    @Override
    public void stateChanged(SupervisedProcess p, ProcessState s) {
        if (s instanceof ProcessState.Exited e) {
            env.control().execute(() -> attempts.exited(p, e.code()));
        } else if (s.terminal()) {
            env.control().execute(() -> {
                if (attempts.isCurrent(p)) {
                    fail(attempts.exitReason(s, t -> Redaction.line(t, 300)));
                }
            });
        }
    }

    @Override
    public void progress(SupervisedProcess p, Progress block) {
        env.control().execute(() -> {
            if (!attempts.isCurrent(p)) {
                return;
            }
            progress = block;
            if (block.frame() > lastFrame) {
                lastFrame = block.frame();
                lastAdvanceNanos = System.nanoTime();
            }
        });
    }

    @Override
    public void errorLine(SupervisedProcess p, String line) {
        attempts.errorLine(p, Redaction.line(line, 300));
    }

    private void fail(String why) {
        Instant now = env.clock().instant();
        boolean produced = producingSince != null;
        if (produced && !producingSince.plus(env.resetAfter()).isAfter(now)) {
            failures = 0;
        }
        endAttempt(why);
        failures++;
        String reason = why;
        if (encoder != null && !encoder.equals(FALLBACK_ENCODER) && !produced) {
            reason += " (encoder " + encoder + " failed: falling back to " + FALLBACK_ENCODER + ")";
            encoder = FALLBACK_ENCODER;
        }
        lastError = reason;
        if (env.retry().exhausted(failures)) {
            failed = true;
            Log.warnf("restream %d: the shared %s encode failed after %d attempts: %s", restreamId, profile.wire(),
                    failures, reason);
            String given = "shared encode failed: " + reason;
            members.forEach(m -> m.giveUp(given));
            return;
        }
        Duration delay = env.retry().delay(failures);
        Log.infof("restream %d: the shared %s encode stopped (%s); retry %d in %d ms", restreamId, profile.wire(),
                reason, failures, delay.toMillis());
        attempts.retryIn(delay, this::attempt);
    }

    private void endAttempt(String reason) {
        attempts.end(reason);
        queue.close();
        progress = null;
        producingSince = null;
    }
}
