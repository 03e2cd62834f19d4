package org.polyplex.scraping.parser;

import java.util.Map;

/**
 * One channel as a list publishes it, already validated: {@code url} is a normalised
 * {@code acestream://<id>} or http(s) URL; the rest is optional. {@code providerId} is the
 * provider's own stream id (Xtream accounts), the entry's identity when present. {@code headers}
 * are the HTTP headers the list asks players to send for this URL, not yet validated (see
 * {@code SourceHeaders}).
 */
public record ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number,
        String providerId, Map<String, String> headers) {

    public ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number,
            String providerId) {
        this(name, url, epgId, logoUrl, group, number, providerId, Map.of());
    }

    public ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number) {
        this(name, url, epgId, logoUrl, group, number, null);
    }
}
