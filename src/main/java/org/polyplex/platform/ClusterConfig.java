package org.polyplex.platform;

import java.time.Duration;
import java.util.Optional;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for several nodes sharing one PostgreSQL database. */
@ConfigMapping(prefix = "polyplex.cluster")
public interface ClusterConfig {

    /**
     * How often the in-memory catalog and accounts snapshots are rebuilt even without a local
     * change: this is how a node learns of changes made through another node. Local changes are
     * published at once, whatever this says.
     */
    @WithDefault("60s")
    @DurationMin(seconds = 1)
    Duration snapshotRefresh();

    /**
     * This node's name, kept on what it holds in the shared database (a stream's open generation)
     * so that its start-up recovery ends its own and no other node's. Letters, digits, dot, dash and
     * underscore, at most 100; the host name when unset, which is stable across restarts of one
     * machine or container.
     */
    Optional<String> nodeName();

    /**
     * A node refreshes its open generations every {@code polyplex.ingest.idle-sweep-every}; one not
     * refreshed for this long belongs to a node that is gone (crashed and not back, or renamed), and
     * any node ends it. At least twice the refresh period (checked at start-up).
     */
    @WithDefault("2m")
    @DurationMin(seconds = 10)
    Duration nodeStale();
}
