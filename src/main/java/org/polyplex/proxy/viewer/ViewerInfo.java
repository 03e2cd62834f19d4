package org.polyplex.proxy.viewer;

import java.time.Instant;

/**
 * One viewer as {@code GET /api/sessions} shows it; {@code protocol} is {@code ts} (a connection)
 * or {@code hls} (a token active within the activity window); {@code lagBytes} is how far behind
 * live a TS viewer's cursor is.
 */
public record ViewerInfo(long id, long sessionId, long userId, String username, String address, long channelId,
        String protocol, long bytesOut, long lagBytes, Instant since) {
}
