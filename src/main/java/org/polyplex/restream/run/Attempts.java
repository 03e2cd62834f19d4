package org.polyplex.restream.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.SupervisedProcess;

/**
 * The process side of something that runs one ffmpeg at a time and starts it again (a
 * destination, a shared encode): the current attempt's process, the last one while it is still
 * stopping (its name is taken until it is gone), the token that tells a stale callback or thread
 * from the current attempt, the timer of the next attempt, and what the current attempt's process
 * said on its way out (its exit code, its last error line). Changed on the control thread only;
 * {@link #active()}, {@link #isCurrent(int)}, {@link #isCurrent(SupervisedProcess)} and
 * {@link #errorLine} may be used from any thread.
 */
final class Attempts {

    private final ScheduledExecutorService control;
    private volatile SupervisedProcess current;
    private volatile int token;
    private SupervisedProcess previous;
    private ScheduledFuture<?> timer;
    private volatile String lastErrorLine;
    private int lastExitCode = -1;

    Attempts(ScheduledExecutorService control) {
        this.control = control;
    }

    /** Whether an attempt's process runs (or is being started). */
    boolean active() {
        return current != null;
    }

    boolean isCurrent(SupervisedProcess p) {
        return p != null && p == current;
    }

    /** Whether the attempt of this token is still the current one. */
    boolean isCurrent(int attempt) {
        return token == attempt;
    }

    /** Whether the next attempt waits on its timer. */
    boolean waiting() {
        return timer != null;
    }

    /**
     * Whether a new attempt may start now. While the last process is still stopping it may not:
     * {@code again} then runs on the control thread once that process is gone, unless an attempt
     * was begun or ended meanwhile.
     */
    boolean ready(Runnable again) {
        if (previous == null || previous.terminated().isDone()) {
            return true;
        }
        int at = token;
        previous.terminated().whenComplete((s, e) -> control.execute(() -> {
            if (token == at) {
                again.run();
            }
        }));
        return false;
    }

    /** A new attempt begins: its token, for its threads and callbacks. */
    int begin() {
        lastErrorLine = null;
        lastExitCode = -1;
        return ++token;
    }

    /** Any thread: an error line of a process (already scrubbed), kept when it is the current one's. */
    void errorLine(SupervisedProcess p, String scrubbed) {
        if (isCurrent(p) || !active()) {
            lastErrorLine = scrubbed;
        }
    }

    /** The exit code of a process, kept when it is the current one's. */
    void exited(SupervisedProcess p, int code) {
        if (isCurrent(p)) {
            lastExitCode = code;
        }
    }

    /**
     * Why the current attempt's process ended ({@code s} its terminal state): its exit code and its
     * last error line, or the supervisor's reason when it said none.
     */
    String exitReason(ProcessState s, UnaryOperator<String> scrub) {
        String detail = lastErrorLine;
        if (detail == null && s instanceof ProcessState.GaveUp g) {
            detail = scrub.apply(g.reason());
        }
        return "ffmpeg exited" + (lastExitCode >= 0 ? " with code " + lastExitCode : "")
                + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }

    /** The process of the attempt just begun. */
    void started(SupervisedProcess p) {
        current = p;
    }

    /**
     * Ends the current attempt: a pending next attempt is cancelled, no callback of the old one
     * counts any more, and its process (if any) is stopped and kept until it is gone.
     */
    void end(String reason) {
        cancelTimer();
        token++;
        SupervisedProcess p = current;
        current = null;
        if (p != null) {
            previous = p;
            p.stop(reason);
        }
    }

    /** The next attempt, {@code delay} from now. */
    void retryIn(Duration delay, Runnable attempt) {
        cancelTimer();
        timer = control.schedule(() -> {
            timer = null;
            attempt.run();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends for good; completes when the current and the last process are gone. */
    CompletableFuture<Void> close(String reason) {
        end(reason);
        // an attempt starts only once the one before it is gone: the last process is the only one left
        return previous == null ? CompletableFuture.completedFuture(null) : previous.terminated().thenApply(s -> null);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
