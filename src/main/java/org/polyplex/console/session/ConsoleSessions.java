package org.polyplex.console.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;

/**
 * The console sessions of this node, in memory and bounded. A session ends at its absolute
 * expiry, after its idle timeout, at logout, or as soon as its account is no longer an active
 * admin (checked against the accounts snapshot on every request, so disabling an admin locks
 * their console out at once).
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final LongFunction<Optional<Account>> accounts;
    private final Clock clock;
    private final Duration ttl;
    private final Duration idle;
    private final int max;

    @Inject
    ConsoleSessions(AccountService accounts, Clock clock, ConsoleConfig config) {
        this(id -> accounts.snapshot().byId(id), clock, config.sessionTtl(), config.idleTimeout(),
                config.maxSessions());
    }

    /** @param accounts the current account of an id (the accounts snapshot) */
    ConsoleSessions(LongFunction<Optional<Account>> accounts, Clock clock, Duration ttl, Duration idle, int max) {
        this.accounts = accounts;
        this.clock = clock;
        this.ttl = ttl;
        this.idle = idle;
        this.max = max;
    }

    /** Opens a session for an admin who just logged in. */
    public ConsoleSession open(Account admin) {
        Instant now = clock.instant();
        if (sessions.size() >= max) {
            sessions.values().removeIf(s -> !alive(s, now));
        }
        while (sessions.size() >= max) {
            sessions.values().stream().min(Comparator.comparing(ConsoleSession::lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        ConsoleSession session = new ConsoleSession(token(), token(), admin.id(), admin.username(), now,
                now.plus(ttl));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of this cookie value, touched; empty when unknown, over or no longer an admin's. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!alive(session, now) || !stillAdmin(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** How long a cookie should live: the session's remaining life. */
    public Duration ttl() {
        return ttl;
    }

    int size() {
        return sessions.size();
    }

    /** Compares a posted token with the session's, in constant time. */
    public static boolean sameToken(ConsoleSession session, String posted) {
        return posted != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.US_ASCII),
                posted.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean alive(ConsoleSession session, Instant now) {
        return now.isBefore(session.expiresAt()) && now.isBefore(session.lastSeen().plus(idle));
    }

    private boolean stillAdmin(ConsoleSession session, Instant now) {
        return accounts.apply(session.accountId())
                .filter(a -> a.username().equals(session.username()))
                .filter(a -> a.admin() && a.status(now) == Account.Status.ACTIVE)
                .isPresent();
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
