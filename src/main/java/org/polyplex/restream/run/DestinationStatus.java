package org.polyplex.restream.run;

import org.polyplex.restream.model.Profile;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One destination of a restream as the API shows it: state, ffmpeg's live figures (from its
 * {@code -progress} blocks; 0 when not live), how long it has been live, retries since the start,
 * the last error with any secret removed, what was dropped for it, and the profile it runs now:
 * below the configured one while degraded mode holds it down, with the reason.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DestinationStatus(long destinationId, String name, Profile profile, String state, double fps,
        double bitrateKbps, double speed, long droppedFrames, long duplicatedFrames, long uptimeSeconds, long retries,
        String lastError, String encoder, long droppedBytes, String retryAt, Profile activeProfile,
        String degradedReason) {
}
