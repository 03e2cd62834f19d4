package org.polyplex.camera.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.polyplex.camera.model.CameraConfig;
import org.polyplex.camera.model.CameraTarget;
import org.polyplex.platform.process.ProcessIo;
import org.polyplex.platform.process.ProcessListener;
import org.polyplex.platform.process.ProcessRefusedException;
import org.polyplex.platform.process.ProcessSpec;
import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.ProgressChannel;
import org.polyplex.platform.process.RestartPolicy;
import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamListener;

import io.quarkus.logging.Log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * A channel session's camera: one supervised ffmpeg reading the camera ({@link CameraCommand#reader})
 * whose stdout is the channel's TS. A reader thread hands stdout to the session's context, at most
 * {@link #MAX_INFLIGHT} chunks ahead of it, so a busy event loop slows ffmpeg rather than filling
 * memory. The process is never restarted by the supervisor: its exit (a camera that drops, refuses
 * the credentials or stays silent past the RTSP timeout) is this upstream's one failure, and the
 * session fails over to its next source or slate and retries the camera within its backoff. Closing
 * stops ffmpeg (SIGTERM, then SIGKILL after the grace). Opened and closed on the session's context.
 */
final class CameraUpstream implements Upstream, ProcessListener, ProcessIo {

    /** Output chunks read but not yet delivered on the session's context. */
    static final int MAX_INFLIGHT = 64;

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Vertx vertx;
    private final Supervisor supervisor;
    private final CameraTarget camera;
    private final List<String> command;
    private final CameraConfig config;
    private final Path workingDir;
    private final Semaphore inflight = new Semaphore(MAX_INFLIGHT);
    private Context context;
    private UpstreamListener listener;
    private volatile SupervisedProcess process;
    private volatile boolean done;

    CameraUpstream(Vertx vertx, Supervisor supervisor, CameraTarget camera, List<String> command, CameraConfig config,
            Path workingDir) {
        this.vertx = vertx;
        this.supervisor = supervisor;
        this.camera = camera;
        this.command = command;
        this.config = config;
        this.workingDir = workingDir;
    }

    @Override
    public void open(UpstreamListener listener) {
        this.listener = listener;
        this.context = vertx.getOrCreateContext();
        String name = "camera-" + camera.id() + "-" + SEQUENCE.incrementAndGet();
        ProcessSpec spec = new ProcessSpec(name, "camera", command, workingDir, RestartPolicy.NEVER, ProgressChannel.NONE,
                Duration.ZERO, config.stopGrace());
        try {
            process = supervisor.start(spec, this, this);
            Log.debugf("camera %d reader %s: %s", camera.id(), name, CameraCommand.loggable(command));
        } catch (ProcessRefusedException e) {
            context.runOnContext(v -> fail(e.getMessage()));
        }
    }

    /** On the supervisor's thread, right after the spawn: a reader thread takes stdout. */
    @Override
    public void attached(int attempt, OutputStream stdin, InputStream stdout) {
        try {
            stdin.close();
        } catch (IOException e) {
            // ffmpeg runs with -nostdin
        }
        Thread reader = new Thread(() -> read(stdout), "camera-" + camera.id() + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream stdout) {
        byte[] buffer = new byte[64 * 1024];
        try (stdout) {
            for (int n; (n = stdout.read(buffer)) >= 0 && !done;) {
                if (n == 0) {
                    continue;
                }
                inflight.acquire();
                Buffer chunk = Buffer.buffer(Arrays.copyOf(buffer, n));
                context.runOnContext(v -> {
                    inflight.release();
                    if (!done) {
                        listener.onData(chunk);
                    }
                });
            }
        } catch (IOException e) {
            // the process is gone: its exit is the failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the session's event loop is gone (shutdown)
            stopProcess();
        }
    }

    @Override
    public void stateChanged(SupervisedProcess p, ProcessState state) {
        String reason = null;
        if (state instanceof ProcessState.Exited e) {
            reason = "ffmpeg exited with code " + e.code() + (e.lastError().isEmpty() ? "" : ": " + e.lastError());
        } else if (state instanceof ProcessState.GaveUp g) {
            reason = "ffmpeg: " + g.reason();
        } else if (state instanceof ProcessState.Stopped) {
            reason = "ffmpeg stopped";
        }
        String failure = reason;
        if (failure != null && !done) {
            context.runOnContext(v -> fail(failure));
        }
    }

    private void fail(String reason) {
        if (done) {
            return;
        }
        UpstreamListener heard = listener;
        close();
        heard.onFailure("camera " + camera.id() + ": " + reason);
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        stopProcess();
        inflight.release(MAX_INFLIGHT);
    }

    private void stopProcess() {
        SupervisedProcess p = process;
        if (p != null) {
            p.stop("the channel's session closed its camera source");
        }
    }

    @Override
    public Duration startGrace() {
        // ffmpeg connects, sets up RTSP and probes the streams before its first TS packet
        return config.startGrace();
    }
}
