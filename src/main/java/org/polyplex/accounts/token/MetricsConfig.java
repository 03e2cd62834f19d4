package org.polyplex.accounts.token;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may read {@code /q/metrics}. Metrics name channels, counts viewers and logins: they are
 * operational data, so by default only an admin token or the configured scrape token reads them.
 */
@ConfigMapping(prefix = "polyplex.metrics")
public interface MetricsConfig {

    /**
     * When true, anyone who reaches the port reads {@code /q/metrics} (for a scraper on a private
     * network). Default false: a {@code Bearer} admin token or {@link #token()} is required.
     */
    @WithDefault("false")
    boolean open();

    /**
     * A static bearer token for Prometheus ({@code authorization: {credentials: ...}} in its scrape
     * config); at least 16 characters. Unset by default: only admin tokens read metrics.
     */
    Optional<String> token();
}
