package org.polyplex.restream.run;

import java.time.Instant;

/**
 * Where one destination of a running restream is. {@code Idle -> Starting} when the source's first
 * keyframe arrives; {@code Starting -> Live} when ffmpeg's progress shows frames going out;
 * {@code Starting|Live -> Retrying} when ffmpeg exits, stalls or sends nothing in time;
 * {@code Retrying -> Starting} after the backoff; {@code Retrying -> Failed} when the attempts are
 * used up (instead of retrying). A stop from any state is {@code Idle}. Transitions are methods of
 * the state they leave; any other throws.
 */
public sealed interface DestinationState {

    /** The word the API answers: idle, starting, live, retrying, failed. */
    String wire();

    /** The gauge value of the state (0 idle, 1 starting, 2 live, 3 retrying, 4 failed). */
    int level();

    /** Not sending: never started, or stopped. */
    record Idle() implements DestinationState {
        public Starting start(int attempt, Instant now) {
            return new Starting(attempt, now);
        }

        @Override
        public String wire() {
            return "idle";
        }

        @Override
        public int level() {
            return 0;
        }
    }

    /** An ffmpeg is spawned (attempt counts from 1) and has not shown a frame going out yet. */
    record Starting(int attempt, Instant since) implements DestinationState {
        public Live live(Instant now) {
            return new Live(attempt, now);
        }

        public Retrying retry(Instant until, String reason) {
            return new Retrying(attempt, until, reason);
        }

        @Override
        public String wire() {
            return "starting";
        }

        @Override
        public int level() {
            return 1;
        }
    }

    /** Frames are going out since {@code since}. */
    record Live(int attempt, Instant since) implements DestinationState {
        public Retrying retry(Instant until, String reason) {
            return new Retrying(attempt, until, reason);
        }

        @Override
        public String wire() {
            return "live";
        }

        @Override
        public int level() {
            return 2;
        }
    }

    /** Waiting until {@code until} before attempt {@code attempt + 1}. */
    record Retrying(int attempt, Instant until, String reason) implements DestinationState {
        public Starting start(Instant now) {
            return new Starting(attempt + 1, now);
        }

        @Override
        public String wire() {
            return "retrying";
        }

        @Override
        public int level() {
            return 3;
        }
    }

    /** Given up after too many failed attempts in a row; a restart of the restream tries again. */
    record Failed(String reason) implements DestinationState {
        @Override
        public String wire() {
            return "failed";
        }

        @Override
        public int level() {
            return 4;
        }
    }
}
