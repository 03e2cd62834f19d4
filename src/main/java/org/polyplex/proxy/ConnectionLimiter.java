package org.polyplex.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.polyplex.proxy.config.ProxyConfig;

/**
 * Counts each user's open viewers across all channels of this node. Viewers of one user arrive
 * on any event loop, so the per-user lists are guarded by this object's monitor; the critical
 * sections are a few list operations and never do I/O.
 */
final class ConnectionLimiter {

    /** One counted viewer. */
    record Lease(long viewerId, long userId, long channelId, String address, long startedNanos, boolean hls) {
    }

    /** Admitted (possibly replacing {@code replaced}) or refused with a reason. */
    record Decision(boolean admitted, Lease replaced, String reason) {
    }

    private final Map<Long, List<Lease>> byUser = new HashMap<>();
    private final ProxyConfig.LimitPolicy policy;
    private final long sameViewerWindowNanos;
    private final LongSupplier nanoTime;

    ConnectionLimiter(ProxyConfig.LimitPolicy policy, Duration sameViewerWindow, LongSupplier nanoTime) {
        this.policy = policy;
        this.sameViewerWindowNanos = sameViewerWindow.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Counts a new viewer. The same user, channel and address again within the window replaces
     * the earlier viewer (players that reconnect or probe then play). Otherwise, at the limit, the
     * policy refuses or replaces the user's oldest viewer. A limit of 0 or less means unlimited.
     */
    Decision admit(long userId, int maxConnections, long channelId, String address, long viewerId) {
        return admit(userId, maxConnections, channelId, address, viewerId, false);
    }

    /**
     * As {@link #admit(long, int, long, String, long)}, for a TS or an HLS viewer. HLS players never
     * say they left, so at the limit an HLS viewer of the same user and address (a player that
     * zapped to another channel) is replaced even under the refuse policy.
     */
    synchronized Decision admit(long userId, int maxConnections, long channelId, String address, long viewerId,
            boolean hls) {
        long now = nanoTime.getAsLong();
        List<Lease> leases = byUser.computeIfAbsent(userId, id -> new ArrayList<>());
        Lease replaced = null;
        for (Lease lease : leases) {
            if (lease.channelId == channelId && lease.address.equals(address)
                    && now - lease.startedNanos < sameViewerWindowNanos) {
                replaced = lease;
                break;
            }
        }
        if (replaced == null && maxConnections > 0 && leases.size() >= maxConnections) {
            replaced = leases.stream().filter(lease -> lease.hls && lease.address.equals(address)).findFirst()
                    .orElse(null);
        }
        if (replaced == null && maxConnections > 0 && leases.size() >= maxConnections) {
            if (policy == ProxyConfig.LimitPolicy.REFUSE) {
                if (leases.isEmpty()) {
                    byUser.remove(userId);
                }
                return new Decision(false, null,
                        "maximum connections reached (" + maxConnections + ")");
            }
            replaced = leases.get(0);
        }
        if (replaced != null) {
            leases.remove(replaced);
        }
        leases.add(new Lease(viewerId, userId, channelId, address, now, hls));
        return new Decision(true, replaced, null);
    }

    synchronized void release(long userId, long viewerId) {
        List<Lease> leases = byUser.get(userId);
        if (leases != null) {
            leases.removeIf(lease -> lease.viewerId == viewerId);
            if (leases.isEmpty()) {
                byUser.remove(userId);
            }
        }
    }

    synchronized int count(long userId) {
        List<Lease> leases = byUser.get(userId);
        return leases == null ? 0 : leases.size();
    }
}
