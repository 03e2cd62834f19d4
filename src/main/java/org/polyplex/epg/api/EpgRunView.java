package org.polyplex.epg.api;

import java.time.Instant;

import org.polyplex.epg.model.EpgRun;

/** One import run: {@code status} is running, success, warning (records skipped) or failed. */
public record EpgRunView(long id, long sourceId, String trigger, String status, Instant startedAt,
        Instant finishedAt, long bytesRead, int channels, int programmes, int skipped, String message) {

    static EpgRunView of(EpgRun r) {
        return new EpgRunView(r.id, r.sourceId, r.trigger, r.status.wire(), r.startedAt, r.finishedAt, r.bytesRead,
                r.channels, r.programmes, r.skipped, r.message);
    }
}
