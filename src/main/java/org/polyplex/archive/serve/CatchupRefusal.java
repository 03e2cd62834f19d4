package org.polyplex.archive.serve;

/**
 * A catch-up request that cannot be served: the HTTP status, a fixed code (a metrics label, never
 * user input) and a short message that names no credential and no file.
 */
final class CatchupRefusal extends RuntimeException {

    private final int status;
    private final String code;

    CatchupRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
