package org.polyplex.platform.process;

import java.time.Instant;

/**
 * Where a supervised process is: {@code Starting -> Running -> (Stalled) -> Exited -> Backoff ->
 * Starting ...}, and finally {@code Stopping -> Stopped} or {@code GaveUp}.
 */
public sealed interface ProcessState {

    /** Whether no further state follows. */
    default boolean terminal() {
        return false;
    }

    /** Being spawned; {@code attempt} counts from 1. */
    record Starting(int attempt) implements ProcessState {
    }

    /** Spawned, with its pid. */
    record Running(int attempt, long pid, Instant since) implements ProcessState {
    }

    /** No progress for the stall timeout: it is being killed to start again. */
    record Stalled(long pid, Instant lastProgress) implements ProcessState {
    }

    /** The process ended on its own (or was killed after a stall) with this exit code. */
    record Exited(int code, String lastError) implements ProcessState {
    }

    /** Waiting until {@code until} before the next start. */
    record Backoff(Instant until, int restartsInWindow) implements ProcessState {
    }

    /** Being stopped (input closed, SIGTERM, SIGKILL after the grace). */
    record Stopping(String reason) implements ProcessState {
    }

    /** Stopped on request or after the end of its input; {@code code} -1 when it never ran. */
    record Stopped(int code) implements ProcessState {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** It could not be kept running: restarts used up, or it could not be spawned at all. */
    record GaveUp(String reason) implements ProcessState {
        @Override
        public boolean terminal() {
            return true;
        }
    }
}
