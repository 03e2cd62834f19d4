package org.polyplex.restream.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.proxy.session.SessionTap;
import org.polyplex.proxy.session.TapSink;
import org.polyplex.restream.destination.ResolvedDestination;
import org.polyplex.restream.ffmpeg.OverlayGraph;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;

/**
 * One running restream: ONE tap on the source channel's session, whose chunks fan out to one
 * {@link DestinationWorker} per destination, each with its own bounded queue and ffmpeg, so a slow
 * or dead destination loses only its own data. Destinations that run the same encoded profile
 * and audio mode share one {@link SharedEncode} (when {@code WorkerEnv.shareEncodes}): the tap
 * feeds the encode, the encode feeds their copy ffmpegs. When the session ends (every source down) the tap
 * is asked for again with a bounded backoff; the destinations' ffmpegs wait meanwhile. Control
 * transitions run on the shared control thread; the tap's callbacks on the session's context only
 * offer chunks and hand events over.
 */
public final class RestreamRun {

    /** Opens a tap on the channel's session ({@code SessionRegistry.tap} with purpose "restream"). */
    @FunctionalInterface
    public interface Taps {
        SessionTap open(LiveChannel channel, TapSink sink);
    }

    /** One destination to start: who, with which profile and audio mode. */
    public record Target(ResolvedDestination destination, Profile profile, AudioMode audio) {
    }

    private static final long MAX_SOURCE_RETRY_MS = 30_000;

    private final long id;
    private final LiveChannel channel;
    private final Taps taps;
    private final WorkerEnv env;
    private final RestreamMetrics metrics;
    private final long sourceRetryMs;
    private final List<DestinationWorker> workers = new ArrayList<>();
    /** The workers the tap feeds directly: those without a shared encode. */
    private final List<DestinationWorker> direct = new ArrayList<>();
    private final List<SharedEncode> encodes = new ArrayList<>();
    private final List<RestreamMetrics.Registered> meters = new ArrayList<>();

    // control thread only
    private Feed feed;
    private SessionTap tap;
    private int sourceFailures;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> reopen;
    private boolean stopped;
    private volatile String sourceState = "waiting";
    private volatile OverlayGraph overlays;

    public RestreamRun(long id, LiveChannel channel, List<Target> targets, Taps taps, WorkerEnv env,
            RestreamMetrics metrics, long sourceRetryMs, OverlayGraph overlays) {
        this.id = id;
        this.channel = channel;
        this.taps = taps;
        this.env = env;
        this.metrics = metrics;
        this.sourceRetryMs = sourceRetryMs;
        this.overlays = overlays;
        Map<List<Object>, Integer> sizes = new HashMap<>();
        for (Target t : targets) {
            sizes.merge(shareKey(t), 1, Integer::sum);
        }
        Map<List<Object>, SharedEncode> byKey = new HashMap<>();
        Map<SharedEncode, List<DestinationWorker>> members = new HashMap<>();
        for (Target t : targets) {
            List<Object> key = shareKey(t);
            if (!env.shareEncodes() || !t.profile().encodes() || sizes.get(key) < 2) {
                direct.add(worker(t, UnaryOperator.identity()));
                continue;
            }
            SharedEncode encode = byKey.computeIfAbsent(key, k -> {
                List<DestinationWorker> fed = new ArrayList<>();
                SharedEncode e = new SharedEncode(id, t.profile(), t.audio(), env, () -> this.overlays, fed);
                members.put(e, fed);
                encodes.add(e);
                return e;
            });
            members.get(encode).add(worker(new Target(t.destination(), SharedEncode.memberProfile(),
                    SharedEncode.memberAudio(t.audio())), encode::show));
        }
    }

    /** Destinations with equal keys can share an encode: the same profile and audio mode. */
    private static List<Object> shareKey(Target t) {
        return List.of(t.profile(), t.audio());
    }

    private DestinationWorker worker(Target t, UnaryOperator<DestinationStatus> shown) {
        RestreamMetrics.Registered[] reg = new RestreamMetrics.Registered[1];
        DestinationWorker w = new DestinationWorker(id, t.destination(), t.profile(), t.audio(), env,
                () -> reg[0].retries().increment(), () -> this.overlays, shown);
        reg[0] = metrics.register(id, w);
        workers.add(w);
        meters.add(reg[0]);
        return w;
    }

    public long id() {
        return id;
    }

    /** Starts every destination and opens the tap; the ffmpegs start at the source's first keyframe. */
    public void start() {
        env.control().execute(() -> {
            workers.forEach(DestinationWorker::start);
            encodes.forEach(SharedEncode::start);
            ticker = env.control().scheduleWithFixedDelay(() -> {
                encodes.forEach(SharedEncode::tick);
                workers.forEach(DestinationWorker::tick);
            }, 1, 1, TimeUnit.SECONDS);
            openTap();
        });
    }

    /** Stops the tap and every ffmpeg; completes when all of them are gone. */
    public CompletableFuture<Void> stop(String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        env.control().execute(() -> {
            stopped = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            if (reopen != null) {
                reopen.cancel(false);
            }
            feed = null;
            if (tap != null) {
                tap.close();
                tap = null;
            }
            List<CompletableFuture<Void>> all = new ArrayList<>();
            encodes.forEach(e -> all.add(e.stop(reason)));
            workers.forEach(w -> all.add(w.stop(reason)));
            meters.forEach(metrics::remove);
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> done.complete(null));
        });
        return done;
    }

    /**
     * The overlays' filter graph (numbers and file paths, never text) changed: encoded destinations
     * restart their ffmpeg with it, shared encodes their encode (their destinations stay connected).
     * Equal draws (a text change alone) change nothing.
     */
    public void overlays(OverlayGraph next) {
        env.control().execute(() -> {
            if (stopped || next.equals(overlays)) {
                return;
            }
            overlays = next;
            encodes.forEach(SharedEncode::overlaysChanged);
            direct.forEach(DestinationWorker::overlaysChanged);
        });
    }

    /** The state of the whole restream and of each destination (any thread). */
    public RestreamStatus status() {
        List<DestinationStatus> destinations = workers.stream().map(DestinationWorker::status).toList();
        return new RestreamStatus(id, channel.id(), RestreamStatus.overall(destinations), sourceState, destinations);
    }

    private void openTap() {
        if (stopped) {
            return;
        }
        Feed f = new Feed();
        feed = f;
        try {
            SessionTap handle = taps.open(channel, f);
            if (feed == f) {
                tap = handle;
            } else {
                handle.close();
            }
        } catch (RuntimeException e) {
            tapEnded(f, "tap refused: " + e.getMessage());
        }
    }

    private void tapEnded(Feed f, String reason) {
        if (stopped || feed != f) {
            return;
        }
        feed = null;
        tap = null;
        sourceState = "waiting";
        sourceFailures++;
        long delay = Math.min(MAX_SOURCE_RETRY_MS, sourceRetryMs << Math.min(sourceFailures - 1, 10));
        Log.infof("restream %d: the channel %d's session ended (%s); asking again in %d ms", id, channel.id(), reason,
                delay);
        reopen = env.control().schedule(this::openTap, delay, TimeUnit.MILLISECONDS);
    }

    private void firstKeyframe(Feed f, SourceStreams streams) {
        if (stopped || feed != f) {
            return;
        }
        sourceFailures = 0;
        sourceState = "receiving";
        direct.forEach(w -> w.sourceReady(streams));
        encodes.forEach(e -> e.sourceReady(streams));
    }

    /** One tap's sink; on the session's context: offers chunks, hands the rest to the control thread. */
    private final class Feed implements TapSink {

        private boolean started;

        @Override
        public void chunk(Buffer packets, boolean keyframe) {
            if (!started) {
                if (!keyframe) {
                    return;
                }
                started = true;
                SourceStreams streams = SourceStreams.of(packets);
                env.control().execute(() -> firstKeyframe(this, streams));
            }
            for (DestinationWorker w : direct) {
                w.offer(packets, keyframe);
            }
            for (SharedEncode e : encodes) {
                e.offer(packets, keyframe);
            }
        }

        @Override
        public void ended(String reason) {
            env.control().execute(() -> tapEnded(this, reason));
        }
    }
}
