package org.polyplex.platform;

import java.time.Duration;

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
}
