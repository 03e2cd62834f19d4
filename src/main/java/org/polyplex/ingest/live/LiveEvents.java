package org.polyplex.ingest.live;

/** What a publish tells the rest of ingest as it goes; implementations never block the caller. */
interface LiveEvents {

    void ingress(long streamId, long bytes);

    /** The run's first playable playlist exists. */
    void playable(LivePublish publish);

    /** The packager gave up on the run. */
    void packagerFailed(LivePublish publish, String reason);

    /** The publish is over (once). */
    void publishEnded(LivePublish publish);
}
