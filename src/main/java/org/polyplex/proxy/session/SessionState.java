package org.polyplex.proxy.session;

import java.util.Objects;

import org.polyplex.proxy.config.ProxyConfig;

/**
 * Lifecycle of a {@link ChannelSession}, as types that carry their own data: the source attempt
 * that feeds the session or is being tried, the fallback slate, and the times, in nanoseconds of
 * the session's one monotonic clock ({@link SessionEnvironment#nanoTime()}). Each transition is a
 * method that returns the next state; calling one that the current state does not allow throws
 * {@link IllegalStateException}. Owned and changed on the session's context only.
 *
 * <pre>
 * Idle       --connect-->   Connecting
 * Connecting --streaming--> Streaming     Connecting --fallback--> Fallback
 * Streaming  --failover-->  Switching     Streaming  --linger-->   Lingering
 * Switching  --streaming--> Streaming     Switching  --fallback--> Fallback
 * Fallback   --streaming--> Streaming     Lingering  --resume-->   Streaming
 * Connecting, Switching, Fallback (the outages) --retry--> the same state with another attempt
 * every state but Closed --close--> Closed
 * </pre>
 */
public sealed interface SessionState {

    /** The state's name for logs and the sessions API. */
    String name();

    /** The source attempt feeding the session or being tried, or null when there is none now. */
    default SourceAttempt attempt() {
        return null;
    }

    /** The first viewer arrived: look for a source. */
    default Connecting connect(long now) {
        throw illegal("connect");
    }

    /** {@code live}, the outage's attempt, delivered its first keyframe. */
    default Streaming streaming(long now, SourceAttempt live) {
        throw illegal("streaming");
    }

    /** The streaming source failed with viewers attached. */
    default Switching failover(long now) {
        throw illegal("failover");
    }

    /** Every source stayed down past the keepalive bound: the fallback slate is about to play. */
    default Fallback fallback() {
        throw illegal("fallback");
    }

    /** The last viewer left a streaming session; the upstream runs on until {@code until}. */
    default Lingering linger(long until) {
        throw illegal("linger");
    }

    /** A viewer came back to a lingering session. */
    default Streaming resume(long now) {
        throw illegal("resume");
    }

    default Closed close(String reason) {
        return new Closed(reason);
    }

    private IllegalStateException illegal(String transition) {
        return new IllegalStateException("illegal session transition " + name() + " -> " + transition);
    }

    /**
     * No source delivers: viewers wait (with null-packet keepalive, or the slate) while sources are
     * tried one attempt at a time. The keepalive and slate bounds count from {@link #since()}.
     */
    sealed interface Outage extends SessionState {

        /** When the outage began. */
        long since();

        /** The outage with another attempt, or with none ({@code null}) until the tick finds one. */
        Outage retry(SourceAttempt next);

        /**
         * Whether the outage outlasted its bound: the keepalive bound (then the slate plays, or the
         * session ends), or for the slate, the keepalive and slate bounds together.
         */
        default boolean overdue(long now, ProxyConfig.Failover bounds) {
            return now - since() > bounds.keepaliveMax().toNanos();
        }

        @Override
        default Streaming streaming(long now, SourceAttempt live) {
            return new Streaming(now, live);
        }
    }

    /** Created, no upstream yet. */
    record Idle() implements SessionState {
        @Override
        public String name() {
            return "idle";
        }

        @Override
        public Connecting connect(long now) {
            return new Connecting(now, null);
        }
    }

    /** Looking for a first source since {@code since}; {@code attempt} is the one being tried. */
    record Connecting(long since, SourceAttempt attempt) implements Outage {
        @Override
        public String name() {
            return "connecting";
        }

        @Override
        public Connecting retry(SourceAttempt next) {
            return new Connecting(since, next);
        }

        @Override
        public Fallback fallback() {
            return new Fallback(since, attempt, null);
        }
    }

    /** {@code attempt} delivers and viewers are fed, since {@code since}. */
    record Streaming(long since, SourceAttempt attempt) implements SessionState {
        public Streaming {
            Objects.requireNonNull(attempt, "a streaming session has a live attempt");
        }

        @Override
        public String name() {
            return "streaming";
        }

        @Override
        public Switching failover(long now) {
            return new Switching(now, null);
        }

        @Override
        public Lingering linger(long until) {
            return new Lingering(until, attempt);
        }
    }

    /** The live source failed at {@code since}; the next one is tried while viewers stay connected. */
    record Switching(long since, SourceAttempt attempt) implements Outage {
        @Override
        public String name() {
            return "switching";
        }

        @Override
        public Switching retry(SourceAttempt next) {
            return new Switching(since, next);
        }

        @Override
        public Fallback fallback() {
            return new Fallback(since, attempt, null);
        }
    }

    /**
     * Every source is down since {@code since}: {@code slate} plays (null until its file is read)
     * while {@code attempt} retries the real sources.
     */
    record Fallback(long since, SourceAttempt attempt, SourceAttempt slate) implements Outage {
        @Override
        public String name() {
            return "fallback";
        }

        @Override
        public Fallback retry(SourceAttempt next) {
            return new Fallback(since, next, slate);
        }

        @Override
        public boolean overdue(long now, ProxyConfig.Failover bounds) {
            return now - since > bounds.keepaliveMax().plus(bounds.slateMax()).toNanos();
        }

        /** The slate file was read and its attempt opened. */
        public Fallback playing(SourceAttempt slateAttempt) {
            if (slate != null) {
                throw new IllegalStateException("the fallback slate already plays");
            }
            return new Fallback(since, attempt, Objects.requireNonNull(slateAttempt));
        }
    }

    /** No viewers; {@code attempt} keeps running until {@code until} in case one comes back. */
    record Lingering(long until, SourceAttempt attempt) implements SessionState {
        public Lingering {
            Objects.requireNonNull(attempt, "a lingering session keeps its live attempt");
        }

        @Override
        public String name() {
            return "lingering";
        }

        /** Whether the linger ran out. */
        public boolean over(long now) {
            return now - until >= 0;
        }

        @Override
        public Streaming resume(long now) {
            return new Streaming(now, attempt);
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
