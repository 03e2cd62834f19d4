package org.polyplex.proxy.upstream.ace;

import java.time.Duration;

import org.polyplex.platform.logging.Redaction;

/**
 * Judges an engine session from its successive stat answers (pure; times are nanoTime values):
 * too long prebuffering, no peers for too long, or a live position that stopped moving. Each
 * condition is timed from its first observation, so one odd sample never fails a session.
 */
final class StatWatch {

    private final long prebufMax;
    private final long noPeersMax;
    private final long stallMax;
    private long prebufSince = -1;
    private long noPeersSince = -1;
    private long lastPos = Long.MIN_VALUE;
    private long posSince;

    StatWatch(Duration prebufMax, Duration noPeersMax, Duration liveposStallMax, long openedAt) {
        this.prebufMax = prebufMax.toNanos();
        this.noPeersMax = noPeersMax.toNanos();
        this.stallMax = liveposStallMax.toNanos();
        // Prebuffering counts from the start: the engine answers "prebuf" or nothing at first.
        this.prebufSince = openedAt;
    }

    /** The reason to give the session up, or null while it looks healthy. */
    String observe(AceStat stat, long now) {
        if (stat.error() != null) {
            return "engine stat error: " + Redaction.line(stat.error(), AceStreamEngine.TEXT_MAX);
        }
        if ("prebuf".equals(stat.status())) {
            if (prebufSince < 0) {
                prebufSince = now;
            }
            if (now - prebufSince > prebufMax) {
                return "prebuffering for more than " + prebufMax / 1_000_000 + " ms";
            }
        } else {
            prebufSince = -1;
        }
        if (stat.peers() == 0) {
            if (noPeersSince < 0) {
                noPeersSince = now;
            }
            if (now - noPeersSince > noPeersMax) {
                return "no peers for more than " + noPeersMax / 1_000_000 + " ms";
            }
        } else {
            noPeersSince = -1;
        }
        if ("dl".equals(stat.status()) && stat.livePos() >= 0) {
            if (stat.livePos() != lastPos) {
                lastPos = stat.livePos();
                posSince = now;
            } else if (now - posSince > stallMax) {
                return "live position stuck for more than " + stallMax / 1_000_000 + " ms";
            }
        }
        return null;
    }

    /** True before the first sample that left prebuffering. */
    boolean prebuffering() {
        return prebufSince >= 0;
    }
}
