package org.polyplex.proxy.refusal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

import io.vertx.core.buffer.Buffer;

/**
 * Entry point of refusal slates: the video, if any, that answers a stream refusal instead of its
 * JSON body ({@link RefusalSlatesConfig}). The files are read and checked once at start-up
 * ({@link SlateFiles}), so a bad file stops the start and the event loop only hands out bytes
 * already in memory. Immutable after construction: any thread may ask.
 */
@ApplicationScoped
@Startup
public class RefusalSlates {

    private final Map<SlateReason, Buffer> slates = new EnumMap<>(SlateReason.class);

    @Inject
    RefusalSlates(RefusalSlatesConfig config) {
        this(SlateFiles.load(config));
    }

    RefusalSlates(Map<SlateReason, byte[]> loaded) {
        loaded.forEach((reason, bytes) -> slates.put(reason, Buffer.buffer(bytes)));
        if (!slates.isEmpty()) {
            Log.infof("refusal slates on for %s", slates.keySet());
        }
    }

    /** The slate that answers the refusal {@code code} ({@code max_connections}, ...), when one is on. */
    public Optional<Buffer> forRefusal(String code) {
        // a slice per answer: its own indices over the shared bytes, so event loops never share a reader
        return SlateReason.of(code).map(slates::get).map(Buffer::slice);
    }
}
