package org.polyplex.proxy.session;

import java.time.Instant;
import java.util.List;

import org.polyplex.proxy.viewer.ViewerInfo;

/**
 * What {@code GET /api/sessions} shows: upstream sessions and viewers, read on their contexts, and
 * the node's memory budget as it stood once they were read.
 */
public record SessionsSnapshot(List<SessionInfo> sessions, List<ViewerInfo> viewers, Memory memory) {

    /** The memory budget: bytes reserved by sessions and viewers, and the budget's total. */
    public record Memory(long reservedBytes, long budgetBytes) {
    }

    /**
     * One channel session; {@code source} is redacted to scheme, host and port; {@code taps} counts
     * its internal consumers (recorder, transcoders), which are not viewers.
     */
    public record SessionInfo(long id, long channelId, String channelName, Long sourceId, String source, String state,
            long bytesIn, int viewers, int taps, long failovers, Instant since) {
    }
}
