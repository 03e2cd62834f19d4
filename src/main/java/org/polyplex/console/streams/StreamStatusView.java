package org.polyplex.console.streams;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.polyplex.ingest.StreamService;
import org.polyplex.ingest.StreamStatus;

import io.quarkus.logging.Log;
import io.quarkus.qute.TemplateData;

/**
 * A stream's status as the console shows it. Read on a worker thread, waiting at most
 * {@link #WAIT_SECONDS} for the proxy's figures; when they do not come the state shows "unknown".
 */
@TemplateData
public record StreamStatusView(String state, int viewers, long ingressKbps, boolean publisherConnected,
        String publisherAddress, String publisherSince, String startedAt, String liveAt, String endedAt,
        String reason) {

    static final int WAIT_SECONDS = 3;

    static StreamStatusView of(StreamService streams, long id) {
        try {
            StreamStatus s = streams.status(id).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            StreamStatus.Publisher p = s.publisher();
            return new StreamStatusView(s.state(), s.viewers(), s.ingressKbps(), p.connected(),
                    p.remoteAddress() == null ? "" : p.remoteAddress(), text(p.since()), text(s.startedAt()),
                    text(s.liveAt()), text(s.endedAt()), s.reason() == null ? "" : s.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown();
        } catch (ExecutionException | TimeoutException e) {
            Log.debugf("status of stream %d not read: %s", id, e.toString());
            return unknown();
        }
    }

    static StreamStatusView unknown() {
        return new StreamStatusView("unknown", 0, 0, false, "", "", "", "", "", "");
    }

    /** Whether a generation is open (the stop button then shows instead of start). */
    public boolean open() {
        return "starting".equals(state) || "live".equals(state);
    }

    static String text(Instant at) {
        return at == null ? "" : at.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }
}
