package org.polyplex.scraping.fetch;

/** A fetched body, whole, with its content type and the URL it finally came from. */
public record Fetched(byte[] body, String contentType, String finalUrl) {
}
