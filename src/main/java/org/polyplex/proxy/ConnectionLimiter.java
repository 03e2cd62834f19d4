package org.polyplex.proxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.polyplex.proxy.config.ProxyConfig;

/**
 * Counts each user's connection slots across all channels of this node. A slot is one channel
 * watched from one client address: every viewer of the same user, channel and address (the TVs of
 * one home behind its router, a player that probes then plays, a reconnect whose old socket is not
 * yet known to be gone) shares it, up to the per-address cap, and none of them is ended for the
 * others. A viewer's place in its slot is given back the moment it leaves (socket closed, ghost
 * evicted, HLS window passed), and a slot with no viewer left is gone at once. Viewers of one user
 * arrive on any event loop, so the per-user slot lists are guarded by this object's monitor; the
 * critical sections are a few list operations and never do I/O.
 */
final class ConnectionLimiter {

    /** Refusal code when the user has all its slots in use. */
    static final String MAX_CONNECTIONS = "max_connections";
    /** Refusal code when a slot already has the per-address cap of viewers. */
    static final String MAX_SHARED_VIEWERS = "max_shared_viewers";

    /**
     * Admitted into {@code slot} (the id of the viewer that opened it), after ending the viewers
     * of {@code replaced} (ids; empty unless a slot was taken over), or refused with a code and a
     * reason.
     */
    record Decision(boolean admitted, long slot, List<Long> replaced, String code, String reason) {

        static Decision refused(String code, String reason) {
            return new Decision(false, -1, List.of(), code, reason);
        }
    }

    /** One slot: a channel from an address, and the viewers sharing it (oldest first). */
    private static final class Slot {
        final long id;
        final long channelId;
        final String address;
        final List<Long> viewers = new ArrayList<>();
        final List<Long> hlsViewers = new ArrayList<>();

        Slot(long id, long channelId, String address) {
            this.id = id;
            this.channelId = channelId;
            this.address = address;
        }

        int size() {
            return viewers.size() + hlsViewers.size();
        }

        /** Only HLS viewers, whose players never say they left. */
        boolean hlsOnly() {
            return viewers.isEmpty() && !hlsViewers.isEmpty();
        }

        List<Long> all() {
            List<Long> all = new ArrayList<>(viewers);
            all.addAll(hlsViewers);
            return all;
        }

        boolean remove(long viewerId) {
            return viewers.remove(Long.valueOf(viewerId)) || hlsViewers.remove(Long.valueOf(viewerId));
        }
    }

    /** Each user's slots, oldest first. */
    private final Map<Long, List<Slot>> byUser = new HashMap<>();
    private final ProxyConfig.LimitPolicy policy;
    private final int maxSharedViewers;

    /** @param maxSharedViewers how many viewers one slot holds at most (the per-address cap) */
    ConnectionLimiter(ProxyConfig.LimitPolicy policy, int maxSharedViewers) {
        this.policy = policy;
        this.maxSharedViewers = maxSharedViewers;
    }

    /**
     * Counts a new TS viewer; see {@link #admit(long, int, long, String, long, boolean)}.
     */
    Decision admit(long userId, int maxConnections, long channelId, String address, long viewerId) {
        return admit(userId, maxConnections, channelId, address, viewerId, false);
    }

    /**
     * Counts a new viewer, TS or HLS. One of the user's slots for this channel and address takes it
     * while it has fewer than the per-address cap of viewers (beyond it: refused, the viewers
     * already in it keep playing). Otherwise it opens a new slot: at {@code maxConnections} slots,
     * a slot of the same address holding only HLS viewers (a player that zapped to another channel
     * and never said it left) is taken over whatever the policy; failing that, the policy refuses
     * or takes over the user's oldest slot, ending its viewers. A limit of 0 or less means
     * unlimited, and then nothing is refused.
     */
    synchronized Decision admit(long userId, int maxConnections, long channelId, String address, long viewerId,
            boolean hls) {
        boolean limited = maxConnections > 0;
        List<Slot> slots = byUser.computeIfAbsent(userId, id -> new ArrayList<>());
        Slot shared = find(slots, channelId, address);
        if (shared != null) {
            if (limited && shared.size() >= maxSharedViewers) {
                return Decision.refused(MAX_SHARED_VIEWERS,
                        "maximum viewers of one channel from one address reached (" + maxSharedViewers + ")");
            }
            (hls ? shared.hlsViewers : shared.viewers).add(viewerId);
            return new Decision(true, shared.id, List.of(), null, null);
        }
        Slot replaced = null;
        if (limited && slots.size() >= maxConnections) {
            replaced = slots.stream().filter(slot -> slot.hlsOnly() && slot.address.equals(address)).findFirst()
                    .orElse(null);
            if (replaced == null && policy == ProxyConfig.LimitPolicy.REFUSE) {
                return Decision.refused(MAX_CONNECTIONS, "maximum connections reached (" + maxConnections + ")");
            }
            if (replaced == null) {
                replaced = slots.get(0);
            }
            slots.remove(replaced);
        }
        Slot slot = new Slot(viewerId, channelId, address);
        (hls ? slot.hlsViewers : slot.viewers).add(viewerId);
        slots.add(slot);
        return new Decision(true, slot.id, replaced == null ? List.of() : replaced.all(), null, null);
    }

    private static Slot find(List<Slot> slots, long channelId, String address) {
        for (Slot slot : slots) {
            if (slot.channelId == channelId && slot.address.equals(address)) {
                return slot;
            }
        }
        return null;
    }

    /** The viewer left: its place in its slot is free now, and a slot left empty is gone. */
    synchronized void release(long userId, long viewerId) {
        List<Slot> slots = byUser.get(userId);
        if (slots == null) {
            return;
        }
        for (Slot slot : slots) {
            if (slot.remove(viewerId)) {
                if (slot.size() == 0) {
                    slots.remove(slot);
                }
                break;
            }
        }
        if (slots.isEmpty()) {
            byUser.remove(userId);
        }
    }

    /** The user's slots in use: what counts against {@code maxConnections} ({@code active_cons}). */
    synchronized int count(long userId) {
        List<Slot> slots = byUser.get(userId);
        return slots == null ? 0 : slots.size();
    }
}
