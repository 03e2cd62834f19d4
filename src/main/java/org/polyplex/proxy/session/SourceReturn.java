package org.polyplex.proxy.session;

import java.util.Optional;

import org.polyplex.proxy.config.ProxyConfig;

/**
 * Brings a session back to an earlier source of its channel's list once a failover left it on a
 * later one (the backup camera, the second provider). While a later source streams, the earlier
 * ones are tried in the background, first {@code return-retry} after that source took over, then
 * at a delay that doubles per failed try up to {@code return-retry-max}. A try's bytes reach no
 * viewer before its first keyframe; then the session splices over to it and stops the later
 * source. A try that fails is no failover and leaves the source's backoff as it was. Confined to
 * the session's context.
 */
final class SourceReturn {

    private final SourceFailover sources;
    private final ProxyConfig.Failover config;
    private SourceAttempt trying;
    private SourceAttempt watched;
    private long dueAt;
    private long delay;

    SourceReturn(SourceFailover sources, ProxyConfig.Failover config) {
        this.sources = sources;
        this.config = config;
    }

    /**
     * On the session's tick: with {@code live} streaming a later source (null when the session is
     * not streaming), starts a try of an earlier one when it is due; stops a try when nothing
     * streams any more.
     */
    void tick(long now, SourceAttempt live) {
        if (live == null || !config.returnToEarlier()) {
            cancel();
            watched = null;
            return;
        }
        if (live != watched) {
            cancel();
            watched = live;
            delay = config.returnRetry().toNanos();
            dueAt = now + delay;
        }
        if (trying != null || now - dueAt < 0 || !sources.later(live)) {
            return;
        }
        Optional<SourceAttempt> attempt = sources.earlier(live);
        if (attempt.isEmpty()) {
            again(now);
            return;
        }
        trying = attempt.get();
        trying.open();
    }

    /** Whether {@code attempt} is this session's background try. */
    boolean owns(SourceAttempt attempt) {
        return attempt == trying;
    }

    /**
     * The try delivered its keyframe and became the live source; if it is itself a later one,
     * the next tick starts its own schedule from {@code return-retry}.
     */
    void tookOver(SourceAttempt attempt) {
        sources.returned(attempt);
        trying = null;
        watched = null;
    }

    /** The try failed (its slot is given back already): the next one waits twice as long. */
    void failed(long now) {
        trying = null;
        again(now);
    }

    /** Checks the running try's first-byte, keyframe and idle bounds. */
    void watchdog(long now) {
        if (trying != null) {
            trying.watchdog(now);
        }
    }

    /** Stops the running try, if any. */
    void cancel() {
        if (trying != null) {
            sources.release(trying);
            trying = null;
        }
    }

    private void again(long now) {
        delay = Math.min(delay * 2, config.returnRetryMax().toNanos());
        dueAt = now + delay;
    }
}
