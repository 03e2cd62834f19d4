package org.polyplex.scraping.parser;

import java.util.Map;

import org.polyplex.catalog.importing.ProviderArchive;

/**
 * One channel as a list publishes it, already validated: {@code url} is a normalised
 * {@code acestream://<id>} or http(s) URL; the rest is optional. {@code providerId} is the
 * provider's own stream id (Xtream accounts), the entry's identity when present. {@code headers}
 * are the HTTP headers the list asks players to send for this URL, not yet validated (see
 * {@code SourceHeaders}). {@code archive} is the provider's own catch-up archive of the stream
 * (Xtream accounts), {@link ProviderArchive#NONE} for lists.
 */
public record ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number,
        String providerId, Map<String, String> headers, ProviderArchive archive) {

    public ScrapedChannel {
        archive = archive == null ? ProviderArchive.NONE : archive;
    }

    public ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number,
            String providerId, Map<String, String> headers) {
        this(name, url, epgId, logoUrl, group, number, providerId, headers, ProviderArchive.NONE);
    }

    /** This channel with the provider's archive of it. */
    public ScrapedChannel withArchive(ProviderArchive archive) {
        return new ScrapedChannel(name, url, epgId, logoUrl, group, number, providerId, headers, archive);
    }

    public ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number,
            String providerId) {
        this(name, url, epgId, logoUrl, group, number, providerId, Map.of());
    }

    public ScrapedChannel(String name, String url, String epgId, String logoUrl, String group, Integer number) {
        this(name, url, epgId, logoUrl, group, number, null);
    }
}
