package org.polyplex.console.session;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One admin's console login on this node. The cookie carries only {@link #id()}, a random token;
 * everything else stays here. {@link #csrf()} is the per-session token every form posts back.
 */
public final class ConsoleSession {

    /** A line password just set, shown once on the line's page and then forgotten. */
    public record Reveal(long lineId, String password) {
    }

    private final String id;
    private final String csrf;
    private final long accountId;
    private final String username;
    private final Instant expiresAt;
    private volatile Instant lastSeen;
    private final AtomicReference<Reveal> reveal = new AtomicReference<>();

    ConsoleSession(String id, String csrf, long accountId, String username, Instant now, Instant expiresAt) {
        this.id = id;
        this.csrf = csrf;
        this.accountId = accountId;
        this.username = username;
        this.lastSeen = now;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String csrf() {
        return csrf;
    }

    public long accountId() {
        return accountId;
    }

    public String username() {
        return username;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    /** Keeps a password to show once on the page of that line. */
    public void reveal(long lineId, String password) {
        reveal.set(new Reveal(lineId, password));
    }

    /** The password kept for this line, handed out once. */
    public String takeReveal(long lineId) {
        Reveal current = reveal.get();
        if (current == null || current.lineId() != lineId || !reveal.compareAndSet(current, null)) {
            return null;
        }
        return current.password();
    }
}
