package org.polyplex.ingest.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.polyplex.platform.process.ProcessIo;
import org.polyplex.platform.process.ProcessListener;
import org.polyplex.platform.process.ProcessRefusedException;
import org.polyplex.platform.process.ProcessSpec;
import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.platform.process.Supervisor;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;

/**
 * One publish packaged by one supervised ffmpeg: a writer thread prepares the spool, spawns the
 * process and feeds it the FLV; each attempt's stdout is read as MPEG-TS; a poll derives the served
 * playlists from ffmpeg's and notices this run's first segment in the source playlist.
 */
final class FfmpegPipeline implements MediaPipeline, ProcessIo, ProcessListener {

    private static final long POLL_MS = 100;
    private static final long MAX_PLAYLIST_BYTES = 1 << 20;

    private final PipelineSpec spec;
    private final ProcessSpec processSpec;
    private final Path generationDir;
    private final Supervisor supervisor;
    private final ScheduledExecutorService poller;
    private final PipelineListener listener;
    private final FlvInput input;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile SupervisedProcess process;
    private volatile ScheduledFuture<?> poll;
    private volatile boolean stopped;
    private volatile boolean ready;
    private final FileTime[] mirrored;

    FfmpegPipeline(PipelineSpec spec, ProcessSpec processSpec, Path generationDir, Supervisor supervisor,
            ScheduledExecutorService poller, PipelineListener listener, int maxQueuedBytes) {
        this.spec = spec;
        this.processSpec = processSpec;
        this.generationDir = generationDir;
        this.supervisor = supervisor;
        this.poller = poller;
        this.listener = listener;
        this.input = new FlvInput(maxQueuedBytes);
        this.mirrored = new FileTime[spec.renditions().size()];
    }

    void start() {
        Thread t = new Thread(this::writer, processSpec.safeName() + "-flv");
        t.setDaemon(true);
        t.start();
    }

    private void writer() {
        try {
            prepare();
        } catch (IOException e) {
            fail("the spool is not writable: " + e.getMessage());
            return;
        }
        try {
            process = supervisor.start(processSpec, this, this);
        } catch (ProcessRefusedException e) {
            fail(e.getMessage());
            return;
        }
        if (stopped) {
            process.stop("stopped");
            return;
        }
        poll = poller.scheduleWithFixedDelay(this::tick, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        try {
            if (input.run()) {
                process.endOfInput();
            }
        } catch (FlvTags.NotFlvException e) {
            fail(e.getMessage());
            process.stop(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.stop("interrupted");
        }
    }

    private void prepare() throws IOException {
        for (Rendition r : spec.renditions()) {
            Files.createDirectories(generationDir.resolve(r.name()));
        }
        MasterPlaylist.write(generationDir, spec.renditions());
    }

    private void tick() {
        mirror();
        if (!ready) {
            checkPlaylist(generationDir.resolve(Rendition.SOURCE.name()).resolve(SpoolLayout.PLAYLIST));
        }
    }

    /** Derives each rendition's served playlist from ffmpeg's when that changed (see PublicPlaylist). */
    private synchronized void mirror() {
        for (int i = 0; i < spec.renditions().size(); i++) {
            Path dir = generationDir.resolve(spec.renditions().get(i).name());
            Path packager = dir.resolve(SpoolLayout.PACKAGER_PLAYLIST);
            try {
                FileTime modified = Files.getLastModifiedTime(packager);
                if (modified.equals(mirrored[i]) || Files.size(packager) > MAX_PLAYLIST_BYTES) {
                    continue;
                }
                Path served = dir.resolve(SpoolLayout.PLAYLIST);
                String previous = Files.isRegularFile(served) ? Files.readString(served, StandardCharsets.UTF_8) : "";
                String text = PublicPlaylist.derive(Files.readString(packager, StandardCharsets.UTF_8), previous);
                Path tmp = dir.resolve(SpoolLayout.PLAYLIST + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                mirrored[i] = modified;
            } catch (IOException e) {
                // not written yet, or renamed by ffmpeg meanwhile: the next tick reads it
            }
        }
    }

    private void checkPlaylist(Path playlist) {
        try {
            if (Files.isRegularFile(playlist) && Files.size(playlist) <= MAX_PLAYLIST_BYTES
                    && Files.readString(playlist, StandardCharsets.UTF_8).contains("\nr" + spec.run() + "-")) {
                ready = true;
                listener.playlistReady(playlist);
            }
        } catch (IOException e) {
            // not there yet: the next tick reads it
        }
    }

    @Override
    public void attached(int attempt, OutputStream stdin, InputStream stdout) {
        input.attach(stdin);
        TsOutput.start(processSpec.safeName() + "-ts-" + attempt, stdout, listener::ts);
    }

    @Override
    public void stateChanged(SupervisedProcess p, ProcessState state) {
        if (state.terminal()) {
            cancelPoll();
            mirror(); // ffmpeg's last playlist, served before anyone hears the end
        }
        listener.stateChanged(state);
        if (state instanceof ProcessState.GaveUp g) {
            fail(g.reason());
        }
        if (state.terminal()) {
            cancelPoll();
            input.close();
        }
    }

    @Override
    public void errorLine(SupervisedProcess p, String line) {
        Log.debugf("%s: %s", processSpec.name(), line);
    }

    @Override
    public void flv(Buffer bytes) {
        if (!stopped) {
            input.offer(bytes);
        }
    }

    @Override
    public boolean writable() {
        return input.writable();
    }

    @Override
    public void drainHandler(Runnable drained) {
        input.drainHandler(drained);
    }

    @Override
    public void publisherGone() {
        input.end();
    }

    @Override
    public void stop() {
        stopped = true;
        input.close();
        SupervisedProcess p = process;
        if (p != null) {
            p.stop("stopped");
        }
        cancelPoll();
    }

    /** The running attempt's process, for tests and stats (null before the spawn). */
    SupervisedProcess process() {
        return process;
    }

    List<Rendition> renditions() {
        return spec.renditions();
    }

    private void fail(String reason) {
        if (failed.compareAndSet(false, true)) {
            Log.warnf("%s: %s", processSpec.name(), reason);
            cancelPoll();
            input.close();
            listener.failed(reason);
        }
    }

    private void cancelPoll() {
        ScheduledFuture<?> f = poll;
        if (f != null) {
            f.cancel(false);
        }
    }
}
