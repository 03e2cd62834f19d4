package org.polyplex.ingest.live;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.ingest.generation.GenerationRef;
import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.keys.KeyCheck;
import org.polyplex.ingest.keys.StreamKeys;
import org.polyplex.ingest.keys.VerifiedKey;
import org.polyplex.ingest.publish.PublishRefusal;
import org.polyplex.ingest.publish.PublishRequest;
import org.polyplex.ingest.streams.Stream;

import io.quarkus.logging.Log;

/**
 * The blocking half of the publish gate, on a worker: the stream key (with the per-address failure
 * limit), the stream, and the generation the publish feeds (resumed when one is open). Refusals
 * name no key.
 */
@ApplicationScoped
class PublishAdmission {

    static final String APP = "live";

    private final StreamKeys keys;
    private final Generations generations;

    PublishAdmission(StreamKeys keys, Generations generations) {
        this.keys = keys;
        this.generations = generations;
    }

    /** Judges the request; throws {@link PublishRefusal} when it may not publish (and nothing it wrote stays). */
    @Transactional
    Admitted admit(PublishRequest request, boolean streamBusy) {
        if (!APP.equals(request.app())) {
            throw refused(request, PublishRefusal.Code.BAD_NAME, "unknown application (publish to rtmp://HOST:PORT/live)");
        }
        KeyCheck check = keys.verify(request.streamKey(), request.remoteAddress());
        if (check instanceof KeyCheck.Limited) {
            throw refused(request, PublishRefusal.Code.UNAUTHORIZED, "too many failed publishes from this address");
        }
        Optional<VerifiedKey> verified = check.verified();
        if (verified.isEmpty()) {
            throw refused(request, PublishRefusal.Code.BAD_NAME, "unknown or revoked stream key");
        }
        long streamId = verified.get().streamId();
        Stream stream = Stream.<Stream> findByIdOptional(streamId)
                .orElseThrow(() -> refused(request, PublishRefusal.Code.BAD_NAME, "the key's stream is gone"));
        if (streamBusy && !stream.allowTakeover) {
            throw refused(request, PublishRefusal.Code.BUSY, "stream " + streamId + " is being published already");
        }
        GenerationRef generation = generations.begin(streamId);
        return new Admitted(streamId, generation.generationId(), stream.allowTakeover, request.remoteAddress());
    }

    private static PublishRefusal refused(PublishRequest request, PublishRefusal.Code code, String message) {
        Log.infof("publish refused from %s: %s", request.remoteAddress(), message);
        return new PublishRefusal(code, message);
    }
}
