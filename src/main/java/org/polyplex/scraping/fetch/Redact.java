package org.polyplex.scraping.fetch;

import org.polyplex.platform.Redaction;

/** Removes credentials from URLs before they reach a log line or an error message. Pure. */
public final class Redact {

    private Redact() {
    }

    /** The platform's URL redaction ({@link Redaction#url}). */
    public static String url(String url) {
        return Redaction.url(url);
    }
}
