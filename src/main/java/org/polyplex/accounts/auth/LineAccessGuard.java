package org.polyplex.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.access.AccessRules;
import org.polyplex.accounts.access.StreamFormat;
import org.polyplex.platform.http.ClientAddress;

import io.quarkus.logging.Log;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Entry point of line access rules: whether an accepted line may be used for one request, from
 * its client address, with its user agent, for a stream format. Every line endpoint that plays or
 * lists asks it after the credentials and the line's status, before anything else. Memory only,
 * never blocking: the stream routes call it on the event loop.
 * <p>
 * A line locked to its first address records the first address that passes the other rules: at
 * once in memory (so two simultaneous first requests from two addresses cannot both win), then in
 * the database on a worker (once; another node sharing the database may have won meanwhile, and
 * then its address is the one kept). A refusal is logged once a minute per line and reason, with
 * the address and the user agent, never the password.
 */
@ApplicationScoped
public class LineAccessGuard {

    static final String FORMAT = "format_not_allowed";
    static final String ADDRESS = "address_not_allowed";
    static final String USER_AGENT = "user_agent_not_allowed";
    static final String FIRST_ADDRESS = "first_address_only";

    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final int MAX_LOGGED = 10_000;

    private final AccountService accounts;
    private final Vertx vertx;
    private final Clock clock;
    private final ClientAddress addresses;
    /** First addresses recorded in memory and perhaps not yet in the snapshot: one per line at most. */
    private final Map<Long, String> pending = new ConcurrentHashMap<>();
    private final Map<String, Instant> logged = new ConcurrentHashMap<>();
    /** Each line's latest refusal, for the admin API: one per line at most. */
    private final Map<Long, AccessRefusal> latest = new ConcurrentHashMap<>();

    LineAccessGuard(AccountService accounts, Vertx vertx, Clock clock, ClientAddress addresses) {
        this.addresses = addresses;
        this.accounts = accounts;
        this.vertx = vertx;
        this.clock = clock;
    }

    /**
     * Checks a request of an accepted line against its rules.
     *
     * @param address the request's {@link ClientAddress}
     * @param userAgent the request's {@code User-Agent}, or null
     * @param format the stream format asked for, or null for an endpoint that lists (no format rule)
     */
    public AccessVerdict check(Account account, String address, String userAgent, StreamFormat format) {
        AccessRules rules = account.access();
        AccessVerdict verdict = judge(account, rules, address, userAgent, format);
        if (verdict instanceof AccessVerdict.Refused refused) {
            if (latest.size() >= MAX_LOGGED && !latest.containsKey(account.id())) {
                latest.clear();
            }
            latest.put(account.id(), new AccessRefusal(refused.code(), refused.message(), address, clock.instant()));
            log(account, address, userAgent, refused);
        }
        return verdict;
    }

    /** The line's latest refusal by its access rules on this node, if any. */
    public Optional<AccessRefusal> latestRefusal(long id) {
        return Optional.ofNullable(latest.get(id));
    }

    /** Checks a request of an accepted line to an endpoint that lists (no format rule). */
    public AccessVerdict check(Account account, HttpServerRequest request) {
        return check(account, addresses.of(request), request.getHeader("User-Agent"), null);
    }

    /** Forgets a line's first address, in the database and here: the next address to use it is recorded. */
    public void resetFirstAddress(long id) {
        accounts.resetFirstAddress(id);
        pending.remove(id);
    }

    private AccessVerdict judge(Account account, AccessRules rules, String address, String userAgent,
            StreamFormat format) {
        if (!rules.allowsAddress(address)) {
            return new AccessVerdict.Refused(ADDRESS, "this line may not be used from " + address);
        }
        if (!rules.allowsUserAgent(userAgent)) {
            return new AccessVerdict.Refused(USER_AGENT, "this line may not be used with this player");
        }
        if (format != null && !rules.allows(format)) {
            return new AccessVerdict.Refused(FORMAT, "this line may not play " + format.word() + " streams");
        }
        if (rules.lockToFirstAddress()) {
            return firstAddress(account, address);
        }
        return AccessVerdict.ALLOWED;
    }

    private AccessVerdict firstAddress(Account account, String address) {
        String recorded = account.firstAddress();
        if (recorded != null) {
            pending.remove(account.id());
        } else if (ClientAddress.UNKNOWN.equals(address)) {
            return new AccessVerdict.Refused(FIRST_ADDRESS, "this line is locked to one address and yours is unknown");
        } else {
            String before = pending.putIfAbsent(account.id(), address);
            recorded = before == null ? address : before;
            if (before == null) {
                persist(account, address);
            }
        }
        return recorded.equals(address) ? AccessVerdict.ALLOWED
                : new AccessVerdict.Refused(FIRST_ADDRESS, "this line is locked to the first address that used it");
    }

    private void persist(Account account, String address) {
        vertx.executeBlocking(() -> accounts.recordFirstAddress(account.id(), address), false).onComplete(ar -> {
            if (ar.failed() || !ar.result()) {
                // not stored, or another node's address won: the snapshot tells from now on
                pending.remove(account.id(), address);
            }
            if (ar.failed()) {
                Log.warnf(ar.cause(), "first address of line id=%d not stored", account.id());
            }
        });
    }

    private void log(Account account, String address, String userAgent, AccessVerdict.Refused refused) {
        Instant now = clock.instant();
        String key = account.id() + " " + refused.code();
        Instant last = logged.get(key);
        if (last != null && last.plus(LOG_EVERY).isAfter(now)) {
            return;
        }
        if (logged.size() >= MAX_LOGGED) {
            logged.clear();
        }
        logged.put(key, now);
        Log.infof("line refused user=%d username=%s address=%s user-agent=%s: %s (%s)", account.id(),
                account.username(), address, printable(userAgent), refused.code(), refused.message());
    }

    /** A user agent fit for a log line: no control characters, at most 120 characters. */
    static String printable(String userAgent) {
        if (userAgent == null) {
            return "(none)";
        }
        String clean = userAgent.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }
}
