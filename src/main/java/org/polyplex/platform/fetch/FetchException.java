package org.polyplex.platform.fetch;

import java.io.IOException;

/**
 * Why a fetch failed. It is an {@link IOException}, so it passes through parsers that read the
 * body, and its message is safe to log and to store: URLs in it are redacted.
 */
public class FetchException extends IOException {

    /** The kind of failure, for callers that word it their own way. */
    public enum Kind {
        /** Not an absolute http(s) URL with a host, or a redirect to one that is not. */
        INVALID_URL,
        /** The destination policy refused the URL or a redirect target, or https redirected to http. */
        REFUSED,
        /** More redirects than the policy follows. */
        TOO_MANY_REDIRECTS,
        /** The server answered a status other than 200. */
        HTTP_STATUS,
        /** Connect, read or total deadline passed. */
        TIMEOUT,
        /** The transfer or the decoded body passed its cap. */
        TOO_LARGE,
        /** Any other I/O failure. */
        IO
    }

    private final Kind kind;
    private final int status;

    public FetchException(Kind kind, String message) {
        this(kind, 0, message);
    }

    public FetchException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
    public int status() {
        return status;
    }
}
