package org.polyplex.scraping.parser;

/**
 * A movie or series as a provider lists it. {@code url} is the movie's stream URL (null for a
 * series, whose episodes are read apart); {@code extension} the container ({@code mp4}, ...).
 */
public record ScrapedVod(String providerId, String name, String url, String extension, String imageUrl, String plot,
        String group) {
}
