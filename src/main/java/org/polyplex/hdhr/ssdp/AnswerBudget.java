package org.polyplex.hdhr.ssdp;

import java.util.function.LongSupplier;

/**
 * A token bucket of SSDP answers: {@code perSecond} tokens a second, at most {@code perSecond}
 * saved up. Bounds what a flood of searches (or spoofed ones, which would turn us into an
 * amplifier) can make us send. Confined to the socket's event loop: not thread-safe.
 */
final class AnswerBudget {

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    AnswerBudget(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = perSecond;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one answer's token; false when the budget is spent for now. */
    boolean take() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(perSecond, tokens + (double) (now - last) * perSecond / SECOND);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
