package org.polyplex.platform.load;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The answers of a request turned away by {@link RequestLimits}, for REST resources. */
public final class Refusals {

    private Refusals() {
    }

    /** {@code 429}: this line or address already runs as many requests as it may. */
    public static Response tooMany() {
        return refusal(429, "too many requests at once for this line");
    }

    /** {@code 503}: too many large answers are being sent; the client should retry shortly. */
    public static Response busy() {
        return refusal(503, "server busy, retry shortly");
    }

    private static Response refusal(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).header("Retry-After", "1")
                .header("Cache-Control", "no-store").entity(Map.of("error", message)).build();
    }
}
