package org.polyplex.proxy.viewer;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The node's HLS viewer tokens: issues them (144 random bits, URL-safe) and finds the live viewer
 * behind one. Every lookup counts as a request of that viewer, which keeps it within its activity
 * window. Thread-safe: playlist and segment requests arrive on any event loop; a viewer's token is
 * valid from its join until its departure.
 */
public final class HlsTokens {

    private final ConcurrentHashMap<String, HlsViewer> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier nanoTime;

    /** @param nanoTime the sessions' monotonic clock, against which the activity window is measured */
    public HlsTokens(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * A new HLS viewer with a fresh token, active from now on; its token becomes valid when the
     * registry joins it.
     *
     * @param onGone runs once when the viewer leaves, however it leaves (connection-limit release)
     */
    public HlsViewer newViewer(long id, long userId, String username, String address, long channelId, Instant since,
            Runnable onGone) {
        return newViewer(id, userId, username, address, channelId, id, since, onGone);
    }

    /** As {@link #newViewer(long, long, String, String, long, Instant, Runnable)}, in a slot the limiter counted it in. */
    public HlsViewer newViewer(long id, long userId, String username, String address, long channelId, long slot,
            Instant since, Runnable onGone) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new HlsViewer(id, token, userId, username, address, channelId, slot, since, nanoTime.getAsLong(),
                onGone);
    }

    public void add(HlsViewer viewer) {
        byToken.put(viewer.token, viewer);
    }

    public void remove(HlsViewer viewer) {
        byToken.remove(viewer.token, viewer);
    }

    /** The live HLS viewer holding this token, recorded as active; empty when unknown or expired. */
    public Optional<HlsViewer> find(String token) {
        HlsViewer viewer = byToken.get(token);
        if (viewer == null || viewer.isGone()) {
            return Optional.empty();
        }
        viewer.touch(nanoTime.getAsLong());
        return Optional.of(viewer);
    }

    /**
     * The active HLS viewer of this user, channel and address that {@code same} accepts (the same
     * stream: the channel's own, or through the same profile), recorded as active: a player asking again.
     */
    public Optional<HlsViewer> active(long userId, long channelId, String address, Predicate<HlsViewer> same) {
        for (HlsViewer viewer : byToken.values()) {
            if (viewer.userId == userId && viewer.channelId == channelId && viewer.address.equals(address)
                    && !viewer.isGone() && same.test(viewer)) {
                viewer.touch(nanoTime.getAsLong());
                return Optional.of(viewer);
            }
        }
        return Optional.empty();
    }
}
