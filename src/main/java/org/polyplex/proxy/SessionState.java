package org.polyplex.proxy;

import java.time.Instant;

/**
 * Lifecycle of a {@link ChannelSession}, as types. Each transition is a method that returns the
 * next state; calling one that the current state does not allow throws
 * {@link IllegalStateException}. Owned and changed on the session's context only.
 */
public sealed interface SessionState {

    /** The state's name for logs and the sessions API. */
    String name();

    default Connecting connect(Instant now) {
        throw illegal("connect");
    }

    /** A source delivered its first keyframe. */
    default Streaming streaming(Instant now) {
        throw illegal("streaming");
    }

    /** The streaming source failed with viewers attached. */
    default Switching failover(Instant now) {
        throw illegal("failover");
    }

    /** Every source is down and a fallback slate plays while they are retried. */
    default Fallback fallback(Instant now) {
        throw illegal("fallback");
    }

    /** The last viewer left a streaming session. */
    default Lingering linger(Instant until) {
        throw illegal("linger");
    }

    /** A viewer came back to a lingering session. */
    default Streaming resume(Instant now) {
        throw illegal("resume");
    }

    default Closed close(String reason) {
        return new Closed(reason);
    }

    private IllegalStateException illegal(String transition) {
        return new IllegalStateException("illegal session transition " + name() + " -> " + transition);
    }

    /** Created, no upstream yet. */
    record Idle() implements SessionState {
        @Override
        public String name() {
            return "idle";
        }

        @Override
        public Connecting connect(Instant now) {
            return new Connecting(now);
        }
    }

    /** Looking for a first source; viewers wait (with null-packet keepalive). */
    record Connecting(Instant since) implements SessionState {
        @Override
        public String name() {
            return "connecting";
        }

        @Override
        public Streaming streaming(Instant now) {
            return new Streaming(now);
        }

        @Override
        public Fallback fallback(Instant now) {
            return new Fallback(now);
        }
    }

    /** A source delivers and viewers are fed. */
    record Streaming(Instant since) implements SessionState {
        @Override
        public String name() {
            return "streaming";
        }

        @Override
        public Switching failover(Instant now) {
            return new Switching(now);
        }

        @Override
        public Lingering linger(Instant until) {
            return new Lingering(until);
        }
    }

    /** The source failed; the next one is being tried while viewers stay connected. */
    record Switching(Instant since) implements SessionState {
        @Override
        public String name() {
            return "switching";
        }

        @Override
        public Streaming streaming(Instant now) {
            return new Streaming(now);
        }

        @Override
        public Fallback fallback(Instant now) {
            return new Fallback(now);
        }
    }

    /** Every source is down: the fallback slate plays while sources are retried. */
    record Fallback(Instant since) implements SessionState {
        @Override
        public String name() {
            return "fallback";
        }

        @Override
        public Streaming streaming(Instant now) {
            return new Streaming(now);
        }
    }

    /** No viewers; the upstream keeps running until {@code until} in case one comes back. */
    record Lingering(Instant until) implements SessionState {
        @Override
        public String name() {
            return "lingering";
        }

        @Override
        public Streaming resume(Instant now) {
            return new Streaming(now);
        }
    }

    /** Terminal: upstream released, viewers ended. */
    record Closed(String reason) implements SessionState {
        @Override
        public String name() {
            return "closed";
        }

        @Override
        public Closed close(String reason) {
            throw new IllegalStateException("session already closed: " + this.reason);
        }
    }
}
