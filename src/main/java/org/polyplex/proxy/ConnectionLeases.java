package org.polyplex.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.proxy.session.SessionRegistry;

/**
 * Connection slots for answers that are not live viewers but count against a line's
 * {@code maxConnections} all the same: catch-up (archive) playback. A lease takes a slot in the
 * node's one {@link ConnectionLimiter}, so a line with one connection watching live cannot open a
 * catch-up at once, and the other way round. Catch-up slots are keyed apart from live ones (the
 * bitwise complement of the channel id), so watching a channel live and its archive are two
 * connections, while the Range requests of one catch-up player (same channel, same address) share
 * one slot. A lease is held for the duration of one response and released exactly once.
 * <p>
 * Under the replace-oldest policy a new live viewer may take over a catch-up slot and the other
 * way round: {@link #kick} ends a lease's response, {@link SessionRegistry#kick} a live viewer.
 */
@ApplicationScoped
public class ConnectionLeases {

    /** What ends a leased answer when its slot is taken over. */
    public interface Holder {
        void end(String reason);
    }

    /** A granted slot; {@link #release} gives it back (idempotent, any thread). */
    public static final class Lease {
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(Runnable release) {
            this.release = release;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    /** A lease, or the refusal: a fixed code ({@code max_connections}, {@code max_shared_viewers}) and a message. */
    public record Grant(Lease lease, String code, String reason) {

        public boolean admitted() {
            return lease != null;
        }
    }

    private final ConnectionLimiter limiter;
    private final SessionRegistry registry;
    private final Map<Long, Holder> holders = new ConcurrentHashMap<>();

    ConnectionLeases(ConnectionLimiter limiter, SessionRegistry registry) {
        this.limiter = limiter;
        this.registry = registry;
    }

    /**
     * Takes a catch-up slot of the account for the channel from the address, ending whatever slot
     * the replace-oldest policy took over. Never blocks (a few list operations under a monitor).
     */
    public Grant catchup(Account account, long channelId, String address, Holder holder) {
        long id = registry.nextId();
        ConnectionLimiter.Decision decision = limiter.admit(account.id(), account.maxConnections(), ~channelId,
                address, id, false);
        if (!decision.admitted()) {
            return new Grant(null, decision.code(), decision.reason());
        }
        holders.put(id, holder);
        kick(decision.replaced(), "replaced by a newer connection of the same user");
        return new Grant(new Lease(() -> {
            holders.remove(id);
            limiter.release(account.id(), id);
        }), null, null);
    }

    /** Ends the viewers or leased answers with these ids (slots taken over). */
    void kick(Iterable<Long> ids, String reason) {
        for (long id : ids) {
            Holder holder = holders.remove(id);
            if (holder != null) {
                holder.end(reason);
            } else {
                registry.kick(id, reason);
            }
        }
    }
}
