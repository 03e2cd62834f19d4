package org.polyplex.ingest.playback;

import java.time.Instant;

/**
 * Where a player finds a stream now: the state of its current generation and, once it is live,
 * the generation's multivariant playlist behind a playback token (never a password).
 *
 * @param state {@code idle} (no open generation), {@code starting} or {@code live}
 * @param url absolute URL of the playlist, null unless live
 * @param expiresAt when the token in {@code url} stops working, null unless live
 */
public record Playback(long streamId, String state, Long generationId, String url, Instant expiresAt) {
}
