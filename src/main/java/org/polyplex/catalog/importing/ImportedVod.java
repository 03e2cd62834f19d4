package org.polyplex.catalog.importing;

import java.util.Objects;

/**
 * A movie or series as a provider lists it, identified by {@code providerId}. {@code url} is the
 * movie's http(s) stream URL (null for a series, whose episodes come as {@link ImportedEpisodes}); {@code extension}
 * the container ({@code mp4}, ...).
 */
public record ImportedVod(String providerId, String name, String url, String extension, String imageUrl, String plot,
        String group) {

    public ImportedVod {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(name, "name");
    }
}
