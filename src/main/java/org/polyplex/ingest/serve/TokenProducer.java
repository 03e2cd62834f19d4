package org.polyplex.ingest.serve;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The playback tokens of this node, under a key drawn at start-up. */
final class TokenProducer {

    @Produces
    @Singleton
    PlaybackTokens tokens(Clock clock) {
        return new PlaybackTokens(clock);
    }
}
