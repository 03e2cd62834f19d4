package org.polyplex.proxy;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/sessions} shows: upstream sessions and viewers, read on their contexts. */
public record SessionsSnapshot(List<SessionInfo> sessions, List<ViewerInfo> viewers) {

    /** One channel session; {@code source} is redacted to scheme, host and port. */
    public record SessionInfo(long id, long channelId, String channelName, Long sourceId, String source, String state,
            long bytesIn, int viewers, long failovers, Instant since) {
    }

    /**
     * One viewer; {@code protocol} is {@code ts} (a connection) or {@code hls} (a token active within
     * the activity window); {@code lagBytes} is how far behind live a TS viewer's cursor is.
     */
    public record ViewerInfo(long id, long sessionId, long userId, String username, String address, long channelId,
            String protocol, long bytesOut, long lagBytes, Instant since) {
    }
}
