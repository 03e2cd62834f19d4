package org.polyplex.platform.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by the admin JSON API. */
@ConfigMapping(prefix = "polyplex.api")
public interface ApiConfig {

    /** Items per page when a list request gives no {@code size}. */
    @WithDefault("100")
    @Min(1)
    @Max(100_000)
    int defaultPageSize();

    /** Largest {@code size} a list request gets; larger requests are capped to it. */
    @WithDefault("1000")
    @Min(1)
    @Max(100_000)
    int maxPageSize();
}
