package org.polyplex.archive.record;

import java.time.Instant;
import java.util.List;

/** The archive as {@code GET /api/archive} shows it: totals, then one entry per archived channel or channel with files. */
public record ArchiveStatus(long bytes, long maxBytes, int files, int recording, List<ChannelStatus> channels) {

    /**
     * One channel: {@code state} is {@code opening}, {@code recording}, {@code waiting} (its
     * session ended; {@code retryAt} says when the next attempt is) or {@code off} (files kept
     * from an earlier archive window); the span is what is on disk.
     */
    public record ChannelStatus(long channelId, String name, int archiveDays, String state, Instant since,
            Instant retryAt, String reason, Instant spanStart, Instant spanEnd, int files, long bytes, long gaps,
            long droppedBytes, long writeErrors, String lastError, Instant lastErrorAt) {
    }
}
