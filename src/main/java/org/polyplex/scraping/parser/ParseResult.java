package org.polyplex.scraping.parser;

import java.util.List;

/**
 * What a parser got from one document: valid channels in document order, how many entries it
 * skipped and the first few reasons, and links to other lists (HTML pages) to follow once.
 */
public record ParseResult(List<ScrapedChannel> channels, int skipped, List<String> skipReasons, List<String> links,
        List<String> warnings) {
}
