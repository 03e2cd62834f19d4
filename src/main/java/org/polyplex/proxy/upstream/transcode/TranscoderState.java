package org.polyplex.proxy.upstream.transcode;

/**
 * The life of one transcoder process, as a type: {@code Starting} (the fork is on a worker),
 * {@code Running} (a pid), {@code Stopping} (SIGTERM sent by its owner, SIGKILL after the grace),
 * {@code Exited} (with its exit code; a failure when its owner did not stop it). Moves only
 * forward.
 */
sealed interface TranscoderState {

    record Starting() implements TranscoderState {
    }

    record Running(long pid) implements TranscoderState {
    }

    record Stopping(long pid) implements TranscoderState {
    }

    /** @param code the exit code, or -1 when the process never started */
    record Exited(int code) implements TranscoderState {
    }

    default String name() {
        return getClass().getSimpleName().toLowerCase();
    }
}
