package org.polyplex.ingest.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Runs {@link SpoolRetention} every {@code polyplex.ingest.retention-every} on a worker thread. */
@ApplicationScoped
class SpoolRetentionJob {

    private final SpoolRetention retention;
    private final Instance<OpenGenerations> open;

    @Inject
    SpoolRetentionJob(SpoolRetention retention, Instance<OpenGenerations> open) {
        this.retention = retention;
        this.open = open;
    }

    @Scheduled(every = "{polyplex.ingest.retention-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!open.isResolvable()) {
            return; // which generations are open is unknown: deleting anything could cut a live one
        }
        RetentionReport report = retention.prune(open.get().open());
        if (report.deleted() > 0) {
            Log.infof("ingest spool: deleted %d ended generations (%d bytes), %d bytes in use", report.deleted(),
                    report.freedBytes(), report.usageBytes());
        }
    }
}
