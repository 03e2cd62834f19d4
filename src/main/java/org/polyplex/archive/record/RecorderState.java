package org.polyplex.archive.record;

import java.time.Instant;

/** Where a channel's recording stands; transitions are methods, an illegal one throws. */
public sealed interface RecorderState {

    /** Short name for the API and logs. */
    String name();

    /** A tap asked for, no chunk yet; {@code attempt} counts since the last good recording. */
    record Opening(int attempt, Instant since) implements RecorderState {
        @Override
        public String name() {
            return "opening";
        }

        Recording firstChunk(Instant at) {
            return new Recording(at, attempt);
        }

        Waiting ended(Instant until, String reason) {
            return new Waiting(attempt + 1, until, reason);
        }
    }

    /** Chunks are arriving and being written. */
    record Recording(Instant since, int attempt) implements RecorderState {
        @Override
        public String name() {
            return "recording";
        }

        /** A tap that recorded long enough starts the backoff over. */
        Waiting ended(Instant until, String reason, boolean longLived) {
            return new Waiting(longLived ? 1 : attempt + 1, until, reason);
        }
    }

    /** The session ended; a new tap is asked for at {@code until}. */
    record Waiting(int attempt, Instant until, String reason) implements RecorderState {
        @Override
        public String name() {
            return "waiting";
        }

        Opening retry(Instant now) {
            return new Opening(attempt, now);
        }
    }

    /** Archive turned off, channel gone, or shutdown: final. */
    record Stopped(String reason) implements RecorderState {
        @Override
        public String name() {
            return "stopped";
        }
    }
}
