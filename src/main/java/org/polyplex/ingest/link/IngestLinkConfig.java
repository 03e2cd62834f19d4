package org.polyplex.ingest.link;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How a published stream's MPEG-TS reaches the channel sessions that play it. */
@ConfigMapping(prefix = "polyplex.ingest")
public interface IngestLinkConfig {

    /**
     * Bytes of a stream's TS handed to one channel session and not taken by its event loop yet;
     * past it the session is dropped from the feed (it retries like any failed source).
     */
    @WithName("link.max-inflight-bytes")
    @WithDefault("8388608")
    @Min(65536)
    @Max(268435456)
    int maxInflightBytes();
}
