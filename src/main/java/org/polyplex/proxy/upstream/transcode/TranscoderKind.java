package org.polyplex.proxy.upstream.transcode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;

import io.vertx.core.Vertx;

/**
 * The transcoder sources: {@code profile://<profile>/<channel id>}, the one source of a profile's
 * own session. Its upstream is a supervised ffmpeg fed by a tap on the channel's passthrough
 * session, so a channel and profile pair runs one ffmpeg whatever its number of viewers. Holds the
 * node-wide bounds: the number of running transcoders and each pair's starts within the restart
 * window. Thread-safe.
 */
public final class TranscoderKind implements UpstreamKind {

    private static final Pattern URL = Pattern.compile("profile://([a-z0-9][a-z0-9._-]{0,31})/([0-9]{1,18})");

    /**
     * The bounds of the transcoders.
     *
     * @param startGrace extra time before the first byte and keyframe (ffmpeg probes, then encodes)
     * @param stopGraceMillis SIGTERM to SIGKILL
     */
    public record Bounds(int maxProcesses, Duration startGrace, long stopGraceMillis, int stderrTailLines,
            long inputQueueBytes, int maxStarts, Duration restartWindow) {
    }

    private final Vertx vertx;
    private final Function<String, Optional<List<String>>> commands;
    private final TapOpener taps;
    private final Bounds bounds;
    private final LongSupplier nanoTime;
    private final AtomicInteger running = new AtomicInteger();
    private final ConcurrentHashMap<String, ArrayDeque<Long>> starts = new ConcurrentHashMap<>();

    /** @param commands a profile's full ffmpeg command, or empty when it is unknown or not a transcoder */
    public TranscoderKind(Vertx vertx, Function<String, Optional<List<String>>> commands, TapOpener taps, Bounds bounds,
            LongSupplier nanoTime) {
        this.vertx = vertx;
        this.commands = commands;
        this.taps = taps;
        this.bounds = bounds;
        this.nanoTime = nanoTime;
    }

    /** The source URL of a channel's profile session. */
    public static String url(String profile, long channelId) {
        return "profile://" + profile + "/" + channelId;
    }

    @Override
    public boolean supports(String url) {
        Matcher m = URL.matcher(url);
        return m.matches() && commands.apply(m.group(1)).isPresent();
    }

    @Override
    public Upstream create(String url) {
        return create(url, Map.of());
    }

    @Override
    public Upstream create(String url, Map<String, String> headers) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a transcoder source");
        }
        String profile = m.group(1);
        long channelId = Long.parseLong(m.group(2));
        return new TranscoderUpstream(this, vertx, profile, channelId, commands.apply(profile).orElseThrow(), taps,
                bounds);
    }

    /** Transcoders running (or stopping) on this node now. */
    public int running() {
        return running.get();
    }

    /** Whether the node has room for one more transcoder. */
    public boolean hasRoom() {
        return running.get() < bounds.maxProcesses();
    }

    /**
     * Takes a transcoder slot for a start of this pair; the refusal's reason when the node runs its
     * maximum or the pair started too often within the restart window.
     */
    Optional<String> acquire(String pair) {
        long now = nanoTime.getAsLong();
        boolean[] often = { false };
        starts.compute(pair, (key, times) -> {
            ArrayDeque<Long> recent = times == null ? new ArrayDeque<>() : times;
            while (!recent.isEmpty() && now - recent.peekFirst() > bounds.restartWindow().toNanos()) {
                recent.removeFirst();
            }
            if (recent.size() >= bounds.maxStarts()) {
                often[0] = true;
            } else {
                recent.addLast(now);
            }
            return recent;
        });
        if (often[0]) {
            return Optional.of("the transcoder started " + bounds.maxStarts() + " times within "
                    + bounds.restartWindow().toSeconds() + " s");
        }
        if (running.incrementAndGet() > bounds.maxProcesses()) {
            running.decrementAndGet();
            return Optional.of("this node runs its maximum of " + bounds.maxProcesses() + " transcoders");
        }
        return Optional.empty();
    }

    /** Gives a slot back once its process exited (or never started). */
    void release() {
        running.decrementAndGet();
    }
}
