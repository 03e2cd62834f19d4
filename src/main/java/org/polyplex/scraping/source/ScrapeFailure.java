package org.polyplex.scraping.source;

/**
 * Why a scrape run failed, in words fit for the run record and the admin: a fetch error, a body
 * over the size cap, unreadable content. Never carries credentials or whole bodies.
 */
public class ScrapeFailure extends RuntimeException {

    public ScrapeFailure(String message) {
        super(message, null, false, false);
    }

    public ScrapeFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
