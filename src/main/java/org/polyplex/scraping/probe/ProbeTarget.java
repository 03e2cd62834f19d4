package org.polyplex.scraping.probe;

/**
 * One channel source to probe. {@code capGroup} names the provider account or host whose
 * connection cap {@code maxConnections} (null: none) the probes must share.
 */
public record ProbeTarget(long sourceId, String url, String capGroup, Integer maxConnections) {
}
