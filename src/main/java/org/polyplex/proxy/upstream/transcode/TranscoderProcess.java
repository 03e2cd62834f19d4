package org.polyplex.proxy.upstream.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.polyplex.platform.logging.Redaction;

import io.quarkus.logging.Log;

import io.vertx.core.buffer.Buffer;

/**
 * One supervised ffmpeg: MPEG-TS in on stdin, MPEG-TS out on stdout. Its owner (one
 * {@link TranscoderUpstream}) offers chunks from any thread into a queue bounded in bytes; a
 * writer thread feeds stdin from it, a reader thread hands stdout to the owner (at most
 * {@link #MAX_INFLIGHT} chunks waiting for the owner's event loop, so a busy loop slows ffmpeg, not
 * memory), and a third drains stderr, keeping its last lines for the error message. When the
 * queue is full a chunk is dropped, and so is everything after it up to the next keyframe chunk,
 * so ffmpeg sees whole GOPs. Each process has its own three daemon threads, not pool workers:
 * they block on pipes for the life of the process, and the number of processes is bounded
 * ({@code polyplex.profiles.max-processes}). {@link #stop} sends SIGTERM, and SIGKILL after the
 * grace; the end (exit code and stderr tail) is reported once, after stdout and stderr closed.
 */
final class TranscoderProcess {

    /** Output chunks read but not yet delivered on the owner's context. */
    static final int MAX_INFLIGHT = 64;

    private static final Buffer END_OF_INPUT = Buffer.buffer();

    private final String label;
    private final List<String> command;
    private final long maxQueuedBytes;
    private final int tailLines;
    private final LinkedBlockingQueue<Buffer> input = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private final Semaphore inflight = new Semaphore(MAX_INFLIGHT);
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final AtomicReference<TranscoderState> state = new AtomicReference<>(new TranscoderState.Starting());
    private boolean skipToKeyframe;
    private volatile Process process;

    /** @param label names the process in logs and thread names (channel and profile, never a URL) */
    TranscoderProcess(String label, List<String> command, long maxQueuedBytes, int tailLines) {
        this.label = label;
        this.command = List.copyOf(command);
        this.maxQueuedBytes = maxQueuedBytes;
        this.tailLines = tailLines;
    }

    TranscoderState state() {
        return state.get();
    }

    /** Bytes of input dropped so far because ffmpeg did not keep up. */
    long droppedBytes() {
        return droppedBytes.get();
    }

    /**
     * Queues a chunk for stdin; called by one thread at a time (the channel session's context).
     * Never blocks: a full queue drops the chunk and the rest of its GOP.
     */
    void offer(Buffer chunk, boolean keyframe) {
        if (skipToKeyframe && !keyframe) {
            droppedBytes.addAndGet(chunk.length());
            return;
        }
        if (queuedBytes.get() + chunk.length() > maxQueuedBytes) {
            skipToKeyframe = true;
            droppedBytes.addAndGet(chunk.length());
            return;
        }
        skipToKeyframe = false;
        queuedBytes.addAndGet(chunk.length());
        input.offer(chunk);
    }

    /**
     * Forks ffmpeg and starts its threads; blocking (fork and exec), so on a worker. Output goes to
     * {@code output}, which must take the chunk and call the release it gets once delivered; the end
     * goes to {@code ended} once, with the exit code and the stderr tail.
     *
     * @throws IOException when the executable cannot be started
     */
    void start(Consumer<Delivery> output, Consumer<Exit> ended) throws IOException {
        if (!(state.get() instanceof TranscoderState.Starting)) {
            ended.accept(new Exit(-1, List.of(), true));
            return;
        }
        Process started = new ProcessBuilder(command).start();
        process = started;
        TranscoderState forking = state.get();
        if (!(forking instanceof TranscoderState.Starting)
                || !state.compareAndSet(forking, new TranscoderState.Running(started.pid()))) {
            // stopped while forking: its threads still drain it, its exit counts as stopped
            started.destroyForcibly();
        }
        Log.infof("transcoder %s started pid=%d", label, started.pid());
        CompletableFuture<Void> stdout = new CompletableFuture<>();
        CompletableFuture<Void> stderr = new CompletableFuture<>();
        thread("stdin", () -> write(started.getOutputStream()));
        thread("stdout", () -> {
            read(started.getInputStream(), output);
            stdout.complete(null);
        });
        thread("stderr", () -> {
            drainErrors(started);
            stderr.complete(null);
        });
        CompletableFuture.allOf(stdout, stderr, started.onExit()).whenComplete((v, e) -> {
            boolean stopped = !(state
                    .getAndSet(new TranscoderState.Exited(started.exitValue())) instanceof TranscoderState.Running);
            input.offer(END_OF_INPUT);
            Log.infof("transcoder %s pid=%d exited with code %d%s", label, started.pid(), started.exitValue(),
                    stopped ? " (stopped)" : "");
            try {
                ended.accept(new Exit(started.exitValue(), tail(), stopped));
            } catch (RejectedExecutionException gone) {
                // the owner's event loop is gone (shutdown): nobody to tell
            }
        });
    }

    /**
     * Stops the process: closes its input and sends SIGTERM, then SIGKILL when it is still alive
     * after {@code grace}. Idempotent, any thread, never blocks.
     */
    void stop(long graceMillis) {
        TranscoderState was = state.getAndUpdate(s -> s instanceof TranscoderState.Running running
                ? new TranscoderState.Stopping(running.pid())
                : s instanceof TranscoderState.Starting ? new TranscoderState.Exited(-1) : s);
        input.clear();
        queuedBytes.set(0);
        input.offer(END_OF_INPUT);
        Process running = process;
        if (was instanceof TranscoderState.Running && running != null) {
            // the handle's signal only: Process.destroy() would also close stdin and block while the
            // writer is stuck in a write to a hung transcoder
            running.toHandle().destroy();
            running.onExit().copy().completeOnTimeout(null, graceMillis, TimeUnit.MILLISECONDS).thenAccept(exited -> {
                if (exited == null && running.isAlive() && graceMillis == 0) {
                    running.toHandle().destroyForcibly();
                } else if (exited == null && running.isAlive()) {
                    Log.warnf("transcoder %s pid=%d ignored SIGTERM for %d ms: killed", label, running.pid(), graceMillis);
                    running.toHandle().destroyForcibly();
                }
            });
        }
    }

    private void write(OutputStream stdin) {
        try (stdin) {
            while (true) {
                Buffer chunk = input.take();
                if (chunk == END_OF_INPUT) {
                    return;
                }
                queuedBytes.addAndGet(-chunk.length());
                stdin.write(chunk.getBytes());
                stdin.flush();
            }
        } catch (IOException e) {
            // ffmpeg closed its input (it exited): the exit is reported by the exit watch
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(InputStream stdout, Consumer<Delivery> output) {
        byte[] buffer = new byte[64 * 1024];
        try (stdout) {
            for (int n; (n = stdout.read(buffer)) >= 0;) {
                if (n == 0) {
                    continue;
                }
                inflight.acquire();
                output.accept(new Delivery(Buffer.buffer(Arrays.copyOf(buffer, n)), inflight::release));
            }
        } catch (IOException e) {
            // the process is gone: its exit is reported by the exit watch
        } catch (RejectedExecutionException e) {
            // the owner's event loop is gone (shutdown): nobody to deliver to
            stop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainErrors(Process started) {
        try (var errors = started.errorReader()) {
            for (String line; (line = errors.readLine()) != null;) {
                String shown = Redaction.line(line, 300);
                synchronized (tail) {
                    if (tail.size() == tailLines) {
                        tail.removeFirst();
                    }
                    tail.addLast(shown);
                }
            }
        } catch (IOException e) {
            // closed with the process
        }
    }

    private List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    private void thread(String stream, Runnable body) {
        Thread thread = new Thread(body, "transcoder-" + label + "-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    /** A chunk of output, and what to call once it is delivered (frees its in-flight slot). */
    record Delivery(Buffer chunk, Runnable delivered) {
    }

    /**
     * How the process ended.
     *
     * @param tail the last stderr lines, redacted
     * @param stopped whether its owner stopped it (not a failure)
     */
    record Exit(int code, List<String> tail, boolean stopped) {
    }
}
