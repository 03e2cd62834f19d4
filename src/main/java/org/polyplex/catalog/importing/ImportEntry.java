package org.polyplex.catalog.importing;

import java.util.Map;
import java.util.Objects;

/**
 * One live channel as a source lists it, validated by the importer: {@code url} is a normalised
 * {@code acestream://<id>} or http(s) URL (as {@code SourceUrls.normalize} answers), {@code name}
 * is at most 300 characters, {@code logoUrl} an http(s) URL or null; the rest is optional.
 * {@code providerId} is the provider's own stream id, the entry's identity when present.
 * {@code headers} are the URL's HTTP headers, already checked ({@code SourceHeaders.check}).
 * {@code archive} is the provider's own catch-up archive of the URL.
 */
public record ImportEntry(String name, String url, String epgId, String logoUrl, String group, Integer number,
        String providerId, Map<String, String> headers, ProviderArchive archive) {

    public ImportEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        archive = archive == null ? ProviderArchive.NONE : archive;
    }

    /** An entry without a provider archive. */
    public ImportEntry(String name, String url, String epgId, String logoUrl, String group, Integer number,
            String providerId, Map<String, String> headers) {
        this(name, url, epgId, logoUrl, group, number, providerId, headers, ProviderArchive.NONE);
    }

    /** An entry whose URL needs no headers. */
    public ImportEntry(String name, String url, String epgId, String logoUrl, String group, Integer number,
            String providerId) {
        this(name, url, epgId, logoUrl, group, number, providerId, Map.of());
    }
}
