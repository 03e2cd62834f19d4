package org.polyplex.scraping.parser;

/**
 * One channel as a list publishes it, already validated: {@code url} is a normalised
 * {@code acestream://<id>} or http(s) URL; the rest is optional. {@code providerId} is the
 * provider's own stream id (Xtream accounts), the entry's identity when present.
 */
public record ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number,
        String providerId) {

    public ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number) {
        this(name, url, epgId, logoUrl, group, number, null);
    }
}
