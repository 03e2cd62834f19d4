package org.polyplex.xtream.guide;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.xtream.gate.XtreamSession;
import org.polyplex.xtream.listing.Ids;

/**
 * The parameters of the two EPG actions of {@code player_api.php}, {@code get_short_epg}
 * ({@code stream_id}, {@code limit}) and {@code get_simple_data_table} ({@code stream_id}), read
 * the same way on the event-loop path and the worker path. Pure.
 */
public final class ShortEpg {

    /** What panels answer for a channel the line cannot see, or an unknown or malformed id. */
    public static final Map<String, List<Object>> NO_EPG = Map.of("epg_listings", List.of());

    private ShortEpg() {
    }

    /** The channel an EPG action asks for ({@code stream_id}), when the line is active and may see it. */
    public static Optional<LiveChannel> channel(XtreamSession session, String streamId) {
        OptionalLong id = Ids.parse(streamId);
        if (!session.active() || id.isEmpty()) {
            return Optional.empty();
        }
        return session.catalog().channel(id.getAsLong()).filter(session.access()::canSee);
    }

    /** The {@code limit} of {@code get_short_epg}: 0 (absent or not a number) means the default; EpgService caps large ones. */
    public static int limit(String limit) {
        return (int) Math.min(Ids.parse(limit).orElse(0), Integer.MAX_VALUE);
    }
}
