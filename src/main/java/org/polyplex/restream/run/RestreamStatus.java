package org.polyplex.restream.run;

import java.util.List;

/**
 * A restream as the API shows it. {@code state}: {@code idle} (not running), {@code starting} (no
 * destination live yet), {@code live} (every destination live), {@code degraded} (some live, some
 * not), {@code failed} (every destination failed). {@code source}: {@code waiting} for the channel's
 * session or {@code receiving} its TS.
 */
public record RestreamStatus(long id, long channelId, String state, String source,
        List<DestinationStatus> destinations) {

    static String overall(List<DestinationStatus> destinations) {
        long live = destinations.stream().filter(d -> d.state().equals("live")).count();
        long failed = destinations.stream().filter(d -> d.state().equals("failed")).count();
        if (!destinations.isEmpty() && live == destinations.size()) {
            return "live";
        }
        if (!destinations.isEmpty() && failed == destinations.size()) {
            return "failed";
        }
        return live > 0 ? "degraded" : "starting";
    }
}
