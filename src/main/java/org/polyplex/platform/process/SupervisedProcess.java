package org.polyplex.platform.process;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.quarkus.logging.Log;

/**
 * One supervised process across its restarts. Every transition runs on the supervisor's single
 * state thread, in order; stderr (and stdout when it carries progress) is read by daemon threads
 * of the attempt. Created by {@link Supervisor#start}.
 */
public final class SupervisedProcess {

    private final ProcessSpec spec;
    private final ProcessIo io;
    private final ProcessListener listener;
    private final ScheduledExecutorService exec;
    private final PidFiles pidFiles;
    private final Clock clock;
    private final Consumer<SupervisedProcess> ended;
    private final OutputTail tail;
    private final int maxLineLength;
    private final ProgressParser stderrProgress;
    private final ArrayDeque<Instant> restarts = new ArrayDeque<>();
    private final CompletableFuture<ProcessState> terminal = new CompletableFuture<>();
    private volatile ProcessState state = new ProcessState.Starting(1);
    private volatile long lastProgressNanos;
    private volatile Instant lastProgressAt;
    private volatile Progress lastProgress;
    private Process process;
    private int attempt;
    private boolean stopping;
    private boolean inputEnded;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> stallCheck;

    SupervisedProcess(ProcessSpec spec, ProcessIo io, ProcessListener listener, ScheduledExecutorService exec,
            PidFiles pidFiles, Clock clock, Consumer<SupervisedProcess> ended, int tailLines, int maxLineLength) {
        this.spec = spec;
        this.io = io;
        this.listener = listener;
        this.exec = exec;
        this.pidFiles = pidFiles;
        this.clock = clock;
        this.ended = ended;
        this.tail = new OutputTail(tailLines, maxLineLength);
        this.maxLineLength = maxLineLength;
        this.stderrProgress = new ProgressParser(clock);
    }

    public ProcessSpec spec() {
        return spec;
    }

    public ProcessState state() {
        return state;
    }

    /** The last progress block, or null before the first. */
    public Progress lastProgress() {
        return lastProgress;
    }

    /** The last stderr lines (bounded). */
    public List<String> tail() {
        return tail.lines();
    }

    /** Completes with {@link ProcessState.Stopped} or {@link ProcessState.GaveUp}. */
    public CompletableFuture<ProcessState> terminated() {
        return terminal;
    }

    /**
     * Stops the process for good: stdin closed and SIGTERM, SIGKILL after the stop grace. A process
     * in backoff is not started again. Idempotent; never blocks.
     */
    public CompletableFuture<ProcessState> stop(String reason) {
        exec.execute(() -> beginStop(reason));
        return terminal;
    }

    /**
     * The owner closed the process's stdin: its next exit is the end ({@code Stopped}), not a
     * failure to restart. One that has not exited after the stop grace is stopped.
     */
    public void endOfInput() {
        exec.execute(() -> {
            if (terminal.isDone() || stopping) {
                return;
            }
            inputEnded = true;
            if (process == null) {
                finish(new ProcessState.Stopped(-1));
                return;
            }
            cancelTimer();
            timer = exec.schedule(() -> beginStop("it did not exit after the end of its input"),
                    spec.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    void begin() {
        exec.execute(this::spawn);
    }

    private void spawn() {
        if (terminal.isDone()) {
            return;
        }
        if (stopping || inputEnded) {
            finish(new ProcessState.Stopped(-1));
            return;
        }
        attempt++;
        set(new ProcessState.Starting(attempt));
        Process p;
        try {
            p = new ProcessBuilder(spec.command()).directory(spec.workingDir().toFile()).start();
        } catch (IOException | RuntimeException e) {
            finish(new ProcessState.GaveUp("cannot start " + PidFiles.executable(spec.command().get(0)) + ": "
                    + e.getMessage()));
            return;
        }
        process = p;
        pidFiles.write(spec, p.toHandle());
        markProgress(null);
        String thread = "proc-" + spec.safeName() + "-" + attempt;
        CompletableFuture<Void> stderr = OutputDrainer.start(thread + "-err", p.getErrorStream(), maxLineLength,
                line -> stderrLine(line));
        try {
            attach(p, thread);
        } catch (RuntimeException e) {
            Log.warnf(e, "process %s: its owner failed to take its stdin/stdout", spec.name());
            p.toHandle().destroyForcibly();
        }
        if (io == ProcessIo.NONE) {
            closeQuietly(p.getOutputStream());
        }
        set(new ProcessState.Running(attempt, p.pid(), clock.instant()));
        // the exit is handled once stderr is read to its end (bounded: a grandchild may hold it open)
        p.onExit().thenCompose(x -> stderr.completeOnTimeout(null, 2, TimeUnit.SECONDS))
                .thenRunAsync(() -> exited(p), exec);
        if (spec.stallChecked()) {
            long every = Math.max(50, Math.min(1000, spec.stallTimeout().toMillis() / 4));
            stallCheck = exec.scheduleWithFixedDelay(this::checkStall, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void attach(Process p, String thread) {
        if (spec.progress() == ProgressChannel.STDOUT) {
            ProgressParser parser = new ProgressParser(clock);
            OutputDrainer.start(thread + "-out", p.getInputStream(), maxLineLength,
                    line -> parser.line(line).ifPresent(this::progress));
            io.attached(attempt, p.getOutputStream(), null);
        } else if (io == ProcessIo.NONE) {
            OutputDrainer.start(thread + "-out", p.getInputStream(), maxLineLength, line -> {
            });
        } else {
            io.attached(attempt, p.getOutputStream(), p.getInputStream());
        }
    }

    private void stderrLine(String line) {
        if (spec.progress() == ProgressChannel.STDERR && ProgressParser.isProgressLine(line)) {
            stderrProgress.line(line).ifPresent(this::progress);
            return;
        }
        boolean error = OutputTail.looksLikeError(line);
        String kept = tail.add(line, error);
        if (error) {
            listener.errorLine(this, kept);
        }
    }

    private void progress(Progress p) {
        markProgress(p);
        listener.progress(this, p);
    }

    private void markProgress(Progress p) {
        lastProgressNanos = System.nanoTime();
        lastProgressAt = clock.instant();
        if (p != null) {
            lastProgress = p;
        }
    }

    private void checkStall() {
        Process p = process;
        if (p == null || stopping || inputEnded || !(state instanceof ProcessState.Running)) {
            return;
        }
        if (System.nanoTime() - lastProgressNanos >= spec.stallTimeout().toNanos()) {
            Log.warnf("process %s: no progress for %s, killing it", spec.name(), spec.stallTimeout());
            set(new ProcessState.Stalled(p.pid(), lastProgressAt));
            p.toHandle().destroyForcibly();
        }
    }

    private void exited(Process p) {
        if (p != process) {
            return;
        }
        process = null;
        cancelStallCheck();
        cancelTimer();
        pidFiles.remove(spec);
        int code = p.exitValue();
        if (stopping || inputEnded) {
            finish(new ProcessState.Stopped(code));
            return;
        }
        String lastError = tail.lastError();
        set(new ProcessState.Exited(code, lastError));
        Instant now = clock.instant();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(spec.restart().window()))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= spec.restart().maxRestarts()) {
            finish(new ProcessState.GaveUp("exited with code " + code + " after " + restarts.size()
                    + " restarts within " + spec.restart().window() + (lastError.isEmpty() ? "" : ": " + lastError)));
            return;
        }
        Duration backoff = spec.restart().backoff(restarts.size());
        restarts.addLast(now);
        set(new ProcessState.Backoff(now.plus(backoff), restarts.size()));
        timer = exec.schedule(this::spawn, backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beginStop(String reason) {
        if (terminal.isDone() || stopping) {
            return;
        }
        stopping = true;
        cancelTimer();
        Process p = process;
        if (p == null) {
            finish(new ProcessState.Stopped(-1));
            return;
        }
        set(new ProcessState.Stopping(reason));
        // signals through the handle: Process.destroy() also closes stdin, which blocks this thread
        // (and every process it supervises) while the owner's writer is stuck in a write to a hung child
        p.toHandle().destroy();
        // off this thread: closing waits for a writer of the owner's that may be blocked in write
        CompletableFuture.runAsync(() -> closeQuietly(p.getOutputStream()));
        timer = exec.schedule(() -> {
            if (p.isAlive()) {
                Log.warnf("process %s: still running %s after SIGTERM, killing it", spec.name(), spec.stopGrace());
                p.toHandle().destroyForcibly();
            }
        }, spec.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(ProcessState last) {
        cancelTimer();
        cancelStallCheck();
        set(last);
        ended.accept(this); // out of the supervisor's list before anyone waiting hears the end
        terminal.complete(last);
    }

    private void set(ProcessState next) {
        state = next;
        if (next instanceof ProcessState.GaveUp g) {
            Log.warnf("process %s (%s) gave up: %s", spec.name(), spec.owner(), g.reason());
        }
        try {
            listener.stateChanged(this, next);
        } catch (RuntimeException e) {
            Log.warnf(e, "process %s: a state listener failed", spec.name());
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void cancelStallCheck() {
        if (stallCheck != null) {
            stallCheck.cancel(false);
            stallCheck = null;
        }
    }

    /** The running attempt's OS process, for the supervisor's last-resort kill at shutdown. */
    ProcessHandle handle() {
        Process p = process;
        return p == null ? null : p.toHandle();
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already closed or the process is gone
        }
    }
}
