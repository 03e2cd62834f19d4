package org.polyplex.proxy;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/sessions} shows: upstream sessions and viewers, read on their contexts. */
public record SessionsSnapshot(List<SessionInfo> sessions, List<ViewerInfo> viewers) {

    /** One channel session; {@code source} is redacted to scheme, host and port. */
    public record SessionInfo(long id, long channelId, String channelName, Long sourceId, String source, String state,
            long bytesIn, int viewers, long failovers, Instant since) {
    }

    /** One viewer; {@code lagBytes} is how far behind live its cursor is. */
    public record ViewerInfo(long id, long sessionId, long userId, String username, String address, long channelId,
            long bytesOut, long lagBytes, Instant since) {
    }
}
