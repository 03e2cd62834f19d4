package org.polyplex.archive.record;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.polyplex.archive.ArchiveConfig;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.archive.store.Recording;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.proxy.session.SessionTap;
import org.polyplex.proxy.session.TapSink;

import io.quarkus.logging.Log;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The always-on recording of one archived channel. It holds a tap on the channel's session (so
 * the session stays open with no viewers) and hands each chunk, with its arrival instant, to a
 * bounded queue; one writer task at a time drains the queue into the channel's current archive
 * file, cutting a new file at the first keyframe chunk past {@code file-duration}. Nothing here
 * blocks the session's context: past {@code queue-bytes} chunks are dropped until the next
 * keyframe, which starts a new file (a gap, counted). When the tap ends (all sources down) a new
 * one is asked for after a bounded exponential backoff. A write that fails (disk full, file
 * system error) closes the file, deletes the oldest archive file of any channel to make room, and
 * recording resumes at a keyframe after a backoff of its own, so a persistent failure deletes at
 * most one file per backoff.
 */
final class ChannelRecorder {

    /** Opens a tap on the channel's session ({@code SessionRegistry.tap} with purpose "archive"). */
    @FunctionalInterface
    interface Taps {
        SessionTap open(LiveChannel channel, TapSink sink);
    }

    /** A queued item: chunk bytes, or the end of the current file ({@code packets == null}). */
    private record Item(Buffer packets, boolean keyframe, Instant at, boolean newFile) {
    }

    private final long channelId;
    private final ArchiveStore store;
    private final Taps taps;
    private final ArchiveMetrics metrics;
    private final Clock clock;
    private final Vertx vertx;
    private final Executor writers;
    private final ArchiveConfig config;
    private final long fileMillis;

    // control state, guarded by this
    private LiveChannel channel;
    private RecorderState state;
    private SessionTap tap;
    private volatile Feed feed;
    private long timer = -1;

    // the hand-off: any thread adds, one writer task at a time drains
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();

    // counters for the API
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    // the writer's own state: touched only by the draining task (one at a time, happens-before via draining)
    private Recording file;
    private long resumeAtMs;
    private long failureDelayMs;

    ChannelRecorder(LiveChannel channel, ArchiveStore store, Taps taps, ArchiveMetrics metrics, Clock clock,
            Vertx vertx, Executor writers, ArchiveConfig config) {
        this.channelId = channel.id();
        this.channel = channel;
        this.store = store;
        this.taps = taps;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
        this.writers = writers;
        this.config = config;
        this.fileMillis = config.fileDuration().toMillis();
        this.state = new RecorderState.Opening(0, clock.instant());
    }

    /** Opens the first tap. */
    synchronized void start() {
        openTap();
    }

    /** The channel as the catalog has it now; the next tap uses it. */
    synchronized void update(LiveChannel latest) {
        this.channel = latest;
    }

    synchronized RecorderState state() {
        return state;
    }

    synchronized LiveChannel channel() {
        return channel;
    }

    long gaps() {
        return gaps.get();
    }

    long droppedBytes() {
        return dropped.get();
    }

    long writeErrors() {
        return errors.get();
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }

    /** Stops for good: the tap goes, the current file is closed by the writer after what is queued. */
    void stop(String reason) {
        SessionTap closing;
        synchronized (this) {
            if (state instanceof RecorderState.Stopped) {
                return;
            }
            state = new RecorderState.Stopped(reason);
            closing = tap;
            tap = null;
            feed = null;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
        if (closing != null) {
            closing.close();
        }
        enqueue(new Item(null, false, clock.instant(), false), 0);
        Log.infof("archive: channel %d no longer recorded (%s)", channelId, reason);
    }

    // guarded by this
    private void openTap() {
        Feed f = new Feed();
        feed = f;
        try {
            SessionTap handle = taps.open(channel, f);
            synchronized (this) {
                if (feed == f) {
                    tap = handle;
                    return;
                }
            }
            handle.close();
        } catch (RuntimeException e) {
            ended(f, "tap refused: " + e.getMessage());
        }
    }

    private synchronized void ended(Feed f, String reason) {
        if (feed != f || state instanceof RecorderState.Stopped) {
            return;
        }
        feed = null;
        tap = null;
        Instant now = clock.instant();
        RecorderState.Waiting waiting;
        if (state instanceof RecorderState.Recording r) {
            boolean longLived = Duration.between(r.since(), now).compareTo(config.retry().maxDelay()) >= 0;
            waiting = r.ended(now, reason, longLived);
        } else if (state instanceof RecorderState.Opening o) {
            waiting = o.ended(now, reason);
        } else {
            throw new IllegalStateException("tap ended while " + state.name());
        }
        long delay = backoff(waiting.attempt());
        state = new RecorderState.Waiting(waiting.attempt(), now.plusMillis(delay), reason);
        // the file ends with the last chunk; the next tap starts a new one
        enqueue(new Item(null, false, now, false), 0);
        timer = vertx.setTimer(delay, id -> retry());
        Log.infof("archive: channel %d recording interrupted (%s), retrying in %d ms", channelId, reason, delay);
    }

    private synchronized void retry() {
        timer = -1;
        if (state instanceof RecorderState.Waiting w) {
            state = w.retry(clock.instant());
            openTap();
        }
    }

    private synchronized void recordingStarted(Feed f, Instant at) {
        if (feed == f && state instanceof RecorderState.Opening o) {
            state = o.firstChunk(at);
        }
    }

    private long backoff(int attempt) {
        long initial = config.retry().initialDelay().toMillis();
        long max = config.retry().maxDelay().toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        return Math.min(max, initial << shift);
    }

    private void enqueue(Item item, long bytes) {
        queued.addAndGet(bytes);
        queue.add(item);
        if (draining.compareAndSet(false, true)) {
            submit();
        }
    }

    private void submit() {
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException shutdown) {
            draining.set(false);
        }
    }

    /** The writer task: writes what is queued, in order; one task per channel at a time. */
    private void drain() {
        Item item;
        int budget = 256;
        while (budget-- > 0 && (item = queue.poll()) != null) {
            if (item.packets() == null) {
                closeFile();
            } else {
                queued.addAndGet(-item.packets().length());
                write(item);
            }
        }
        draining.set(false);
        // more arrived meanwhile (or the budget ran out: let other channels' tasks run first)
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            submit();
        }
    }

    private void write(Item item) {
        long at = item.at().toEpochMilli();
        if (file != null && (item.newFile() || item.keyframe() && at - file.start().toEpochMilli() >= fileMillis)) {
            closeFile();
        }
        if (file == null) {
            if (!item.keyframe() || at < resumeAtMs) {
                return;
            }
            try {
                file = store.begin(channelId, item.at());
                metrics.fileStarted();
            } catch (IllegalStateException busy) {
                // the recorder this one replaced (archive turned off and on again) has not closed
                // its last file yet: not a disk failure, try again at the next keyframe
                return;
            } catch (IOException | RuntimeException e) {
                failed(e);
                return;
            }
        }
        try {
            file.append(item.packets().getByteBuf().nioBuffer(), item.keyframe(), item.at());
            metrics.written(item.packets().length());
            failureDelayMs = 0;
            if (item.keyframe() && store.totalBytes() > config.maxBytes()) {
                metrics.pruned("quota", store.enforceQuota(config.maxBytes()));
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void closeFile() {
        if (file == null) {
            return;
        }
        Recording closing = file;
        file = null;
        try {
            closing.close();
        } catch (IOException e) {
            failed(e);
        }
        if (store.totalBytes() > config.maxBytes()) {
            metrics.pruned("quota", store.enforceQuota(config.maxBytes()));
        }
    }

    /** A failed write: the file is closed as it is, the oldest file of any channel goes, and writing resumes later. */
    private void failed(Exception e) {
        errors.incrementAndGet();
        metrics.writeError();
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        lastErrorAt = clock.instant();
        if (file != null) {
            Recording broken = file;
            file = null;
            try {
                broken.close();
            } catch (IOException | RuntimeException ignored) {
                // the file keeps what reached it
            }
        }
        boolean freed = store.deleteOldest();
        metrics.pruned("write_error", freed ? 1 : 0);
        long initial = config.retry().initialDelay().toMillis();
        failureDelayMs = failureDelayMs == 0 ? initial : Math.min(config.retry().maxDelay().toMillis(), failureDelayMs * 2);
        resumeAtMs = clock.millis() + failureDelayMs;
        if (errors.get() == 1 || Long.bitCount(errors.get()) == 1) {
            // rate-limited: the 1st, 2nd, 4th, 8th... failure
            Log.warnf("archive: channel %d write failed (%d so far), %s; oldest file %s, resuming in %d ms",
                    channelId, errors.get(), lastError, freed ? "deleted" : "none to delete", failureDelayMs);
        }
    }

    /** One tap's listener, so chunks of a tap that was replaced are ignored. On the session's context. */
    private final class Feed implements TapSink {

        private boolean started;
        private boolean dropping;

        @Override
        public void chunk(Buffer packets, boolean keyframe) {
            if (feed != this) {
                return;
            }
            Instant at = clock.instant();
            boolean newFile = false;
            if (!started) {
                if (!keyframe) {
                    return;
                }
                started = true;
                newFile = true;
                recordingStarted(this, at);
            }
            int length = packets.length();
            if (dropping && !keyframe) {
                dropped.addAndGet(length);
                metrics.dropped(length);
                return;
            }
            if (queued.get() + length > config.queueBytes()) {
                if (!dropping) {
                    dropping = true;
                    gaps.incrementAndGet();
                    metrics.gap(length);
                } else {
                    metrics.dropped(length);
                }
                dropped.addAndGet(length);
                return;
            }
            if (dropping) {
                dropping = false;
                newFile = true;
            }
            enqueue(new Item(packets, keyframe, at, newFile), length);
        }

        @Override
        public void ended(String reason) {
            ChannelRecorder.this.ended(this, reason);
        }
    }
}
