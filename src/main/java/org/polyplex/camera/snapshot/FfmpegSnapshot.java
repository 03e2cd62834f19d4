package org.polyplex.camera.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.polyplex.camera.link.CameraCommand;
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

/**
 * Grabs one frame of a camera as a JPEG with a supervised ffmpeg ({@link CameraCommand#snapshot}):
 * stdout read into a buffer bounded at {@code snapshot-max-bytes}, the whole grab bounded by
 * {@code snapshot-timeout} (then the process is stopped and the answer is a timeout). Never restarted.
 */
final class FfmpegSnapshot {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Supervisor supervisor;
    private final CameraConfig config;

    FfmpegSnapshot(Supervisor supervisor, CameraConfig config) {
        this.supervisor = supervisor;
        this.config = config;
    }

    CompletableFuture<byte[]> grab(CameraTarget camera) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        ProcessIo io = (attempt, stdin, stdout) -> {
            close(stdin);
            Thread reader = new Thread(() -> read(stdout, output), "camera-" + camera.id() + "-snapshot");
            reader.setDaemon(true);
            reader.start();
        };
        ProcessListener listener = new ProcessListener() {
            @Override
            public void stateChanged(SupervisedProcess p, ProcessState state) {
                if (state instanceof ProcessState.Exited e && e.code() == 0) {
                    output.whenComplete((bytes, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else if (bytes.length == 0) {
                            result.completeExceptionally(new SnapshotFailure("ffmpeg gave no frame", false));
                        } else {
                            result.complete(bytes);
                        }
                    });
                } else if (state instanceof ProcessState.Exited e) {
                    result.completeExceptionally(new SnapshotFailure("ffmpeg could not grab a frame (exit code " + e.code()
                            + (e.lastError().isEmpty() ? "" : ": " + e.lastError()) + ")", false));
                } else if (state instanceof ProcessState.GaveUp g) {
                    result.completeExceptionally(new SnapshotFailure("ffmpeg: " + g.reason(), false));
                }
            }
        };
        ProcessSpec spec = new ProcessSpec("camera-" + camera.id() + "-snapshot-" + SEQUENCE.incrementAndGet(), "camera",
                CameraCommand.snapshot(config.ffmpeg(), camera.connectUrl(), camera.transport(), config.readTimeout()),
                Path.of("."), RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, config.stopGrace());
        SupervisedProcess process;
        try {
            process = supervisor.start(spec, io, listener);
        } catch (ProcessRefusedException e) {
            return CompletableFuture.failedFuture(new SnapshotFailure(e.getMessage(), false));
        }
        long timeoutMs = config.snapshotTimeout().toMillis();
        CompletableFuture.delayedExecutor(timeoutMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (result.completeExceptionally(
                    new SnapshotFailure("the camera gave no frame within " + timeoutMs + " ms", true))) {
                process.stop("the snapshot timed out");
            }
        });
        return result;
    }

    private void read(InputStream stdout, CompletableFuture<byte[]> output) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (stdout) {
            for (int n; (n = stdout.read(buffer)) >= 0;) {
                if (bytes.size() + n > config.snapshotMaxBytes()) {
                    output.completeExceptionally(new SnapshotFailure(
                            "the frame is larger than " + config.snapshotMaxBytes() + " bytes", false));
                    return;
                }
                bytes.write(buffer, 0, n);
            }
            output.complete(bytes.toByteArray());
        } catch (IOException e) {
            output.completeExceptionally(new SnapshotFailure("ffmpeg's output broke off", false));
        }
    }

    private static void close(OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException e) {
            // ffmpeg runs with -nostdin
        }
    }
}
