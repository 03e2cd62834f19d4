package org.polyplex.proxy.vod;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Timeouts and bounds of the 1:1 movie and episode proxy ({@code /movie/...}, {@code /series/...}).
 * The keys keep their {@code polyplex.xtream.vod.} prefix: these are the Xtream VOD paths.
 */
@ConfigMapping(prefix = "polyplex.xtream.vod")
public interface VodConfig {

    /** Connect timeout to the upstream file server. */
    @WithDefault("PT5S")
    @DurationMin(millis = 1)
    Duration connectTimeout();

    /** Time without any byte from the upstream before the transfer is aborted. */
    @WithDefault("PT30S")
    @DurationMin(millis = 1)
    Duration idleTimeout();

    /** Most upstream connections kept open per upstream host. */
    @WithDefault("64")
    @Min(1)
    int maxConnectionsPerHost();

    /** Upstream redirects followed (file hosts often redirect to a CDN). */
    @WithDefault("5")
    @Min(0)
    @Max(20)
    int maxRedirects();
}
