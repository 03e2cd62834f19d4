package org.polyplex.platform.web;

/**
 * A failure the caller can act on, carrying the HTTP status and a stable machine-readable code.
 * Services throw it; {@link ErrorMappers} turns it into an {@link ApiError}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not_found", what + " " + id + " does not exist", null);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, "conflict", message, field);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation_failed", field + ": " + message, field);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public ApiError toError() {
        return new ApiError(status, code, getMessage(), field);
    }
}
