package org.polyplex.ingest.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.polyplex.ingest.media.mux.HlsWindow;
import org.polyplex.ingest.media.mux.TsMuxer;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * One publish packaged inside Polyplex, for a generation whose only rendition is the source: the
 * FLV is remuxed to MPEG-TS on the publisher's event loop as it arrives ({@link TsMuxer}), handed
 * to the channel's fan-out at once, and cut into HLS segments at the first keyframe past the target
 * duration. Each finished segment is written by a writer task (temp file, then an atomic rename;
 * then the playlist, the same way), one task at a time per generation, so the event loop never
 * touches the disk; past {@code maxPendingBytes} not yet written the publisher is paused. The
 * generation's next run continues the playlist after a discontinuity, with segment names scoped
 * by run as the ffmpeg packager's are.
 */
final class RemuxPipeline implements MediaPipeline {

    private final PipelineSpec spec;
    private final Path generationDir;
    private final Path dir;
    private final Executor writers;
    private final PipelineListener listener;
    private final long segmentMillis;
    private final int listSize;
    private final long maxPendingBytes;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    // the publisher's event loop
    private final FlvTags tags = new FlvTags();
    private final TsMuxer muxer = new TsMuxer();
    private List<byte[]> parts = new ArrayList<>();
    private long partsBytes;
    private long segmentStart = -1;
    private long lastMillis = -1;
    private long lastDelta = 40;
    private boolean ended;

    // shared
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Runnable> drain = new AtomicReference<>();
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile boolean stopped;
    private CompletableFuture<Void> chain;

    // the writer tasks' own state (one task at a time: each runs after the previous one)
    private HlsWindow window;
    private boolean firstOfRun = true;
    private String lastGone;

    RemuxPipeline(PipelineSpec spec, Path generationDir, Executor writers, PipelineListener listener, long segmentMillis,
            int listSize, long maxPendingBytes, CompletableFuture<Void> previousRun) {
        this.spec = spec;
        this.generationDir = generationDir;
        this.dir = generationDir.resolve(Rendition.SOURCE.name());
        this.writers = writers;
        this.listener = listener;
        this.segmentMillis = segmentMillis;
        this.listSize = listSize;
        this.maxPendingBytes = maxPendingBytes;
        this.chain = previousRun.exceptionally(e -> null).thenRunAsync(this::prepare, writers);
    }

    /** Completes when this run's last write is done (or it failed or stopped). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public void flv(Buffer bytes) {
        if (stopped || ended) {
            return;
        }
        try {
            tags.feed(bytes.getBytes(), this::unit);
        } catch (FlvTags.NotFlvException | TsMuxer.UnsupportedCodecException e) {
            fail(e.getMessage());
        }
    }

    private void unit(FlvTags.Unit unit) {
        if (stopped) {
            return;
        }
        if (unit.kind() == FlvTags.Kind.HEADER) {
            muxer.header(unit.bytes());
            return;
        }
        TsMuxer.Muxed m = muxer.tag(unit.bytes());
        if (m.ts().length == 0) {
            return;
        }
        long at = m.dtsMillis();
        if (m.video() && lastMillis >= 0 && at > lastMillis) {
            lastDelta = at - lastMillis;
        }
        if (segmentStart >= 0 && m.keyframe() && at - segmentStart >= segmentMillis) {
            cut(at);
        }
        if (segmentStart < 0) {
            segmentStart = at;
        }
        parts.add(m.ts());
        partsBytes += m.ts().length;
        lastMillis = Math.max(lastMillis, at);
        listener.ts(Buffer.buffer(m.ts()));
        if (partsBytes > maxPendingBytes / 2) {
            // no keyframe for far too long: bounded memory comes before independent segments
            cut(lastMillis + lastDelta);
        }
    }

    /** Hands the open segment, ending at {@code end}, to the writer. */
    private void cut(long end) {
        List<byte[]> segment = parts;
        long bytes = partsBytes;
        double seconds = Math.max(0.001, (end - segmentStart) / 1000.0);
        parts = new ArrayList<>();
        partsBytes = 0;
        segmentStart = -1;
        pending.addAndGet(bytes);
        then(() -> write(segment, bytes, seconds));
    }

    @Override
    public boolean writable() {
        return pending.get() < maxPendingBytes;
    }

    @Override
    public void drainHandler(Runnable drained) {
        Context ctx = Vertx.currentContext();
        drain.set(ctx == null ? drained : () -> ctx.runOnContext(v -> drained.run()));
        if (writable()) {
            fireDrain();
        }
    }

    @Override
    public void publisherGone() {
        if (ended) {
            return;
        }
        ended = true;
        if (segmentStart >= 0 && !stopped) {
            cut(lastMillis + lastDelta);
        }
        then(() -> finished.complete(null));
    }

    @Override
    public void stop() {
        stopped = true;
        ended = true;
        parts = new ArrayList<>();
        then(() -> finished.complete(null));
    }

    /** Runs {@code task} on a writer thread after every task handed over before it. */
    private synchronized void then(Runnable task) {
        chain = chain.thenRunAsync(task, writers).exceptionally(e -> {
            fail("the packager's writer failed: " + e.getClass().getSimpleName());
            return null;
        });
    }

    private void prepare() {
        try {
            Files.createDirectories(dir);
            MasterPlaylist.write(generationDir, spec.renditions());
            Path playlist = dir.resolve(SpoolLayout.PLAYLIST);
            int target = (int) Math.max(1, Math.round(segmentMillis / 1000.0));
            window = Files.isRegularFile(playlist)
                    ? HlsWindow.parse(Files.readString(playlist, StandardCharsets.UTF_8), listSize, target)
                    : new HlsWindow(listSize, target);
        } catch (IOException | RuntimeException e) {
            fail("the spool is not writable: " + e.getMessage());
        }
    }

    private void write(List<byte[]> segment, long bytes, double seconds) {
        try {
            if (window == null || stopped) {
                return;
            }
            String name = "r" + spec.run() + "-" + String.format("%06d", window.nextSequence()) + ".ts";
            Path tmp = dir.resolve(name + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer[] buffers = segment.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
                long left = bytes;
                while (left > 0) {
                    left -= ch.write(buffers);
                }
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            boolean discontinuity = firstOfRun && !window.isEmpty();
            List<String> gone = window.add(new HlsWindow.Segment(name, seconds, discontinuity));
            Path playlist = dir.resolve(SpoolLayout.PLAYLIST);
            Path playlistTmp = dir.resolve(SpoolLayout.PLAYLIST + ".tmp");
            Files.writeString(playlistTmp, window.text(), StandardCharsets.UTF_8);
            Files.move(playlistTmp, playlist, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String g : gone) {
                // one segment past the window stays on disk for a player still fetching it
                if (lastGone != null) {
                    Files.deleteIfExists(dir.resolve(lastGone));
                }
                lastGone = g;
            }
            if (firstOfRun) {
                firstOfRun = false;
                listener.playlistReady(playlist);
            }
        } catch (IOException | RuntimeException e) {
            fail("the spool is not writable: " + e.getMessage());
        } finally {
            if (pending.addAndGet(-bytes) < maxPendingBytes / 2) {
                fireDrain();
            }
        }
    }

    private void fail(String reason) {
        stopped = true;
        if (failed.compareAndSet(false, true)) {
            Log.warnf("%s: %s", spec.processName(), reason);
            // after the tasks already handed over, so nothing touches the spool once it is told
            then(() -> {
                listener.failed(reason);
                finished.complete(null);
            });
        }
    }

    private void fireDrain() {
        Runnable r = drain.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }
}
