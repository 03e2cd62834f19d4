package org.polyplex.platform.web;

import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every failure of the JSON APIs to {@link ApiError} with the right status. Nothing here
 * echoes request bodies or credentials back: messages name fields, never values.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.toError());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .orElse(null);
        if (first == null) {
            return json(new ApiError(400, "validation_failed", "invalid input"));
        }
        String field = leafField(first.getPropertyPath().toString());
        String message = e.getConstraintViolations().stream()
                .map(v -> leafField(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return json(new ApiError(400, "validation_failed", message, field));
    }

    /** Registered for the subtypes too: Quarkus ships its own mappers for those, without a body. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class, JsonParseException.class })
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage()
                    : "wrong type or format";
            return json(new ApiError(400, "validation_failed", field + ": " + why, field));
        }
        return json(new ApiError(400, "malformed_json", "request body is not valid JSON"));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized() {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(401, "unauthorized", "a valid bearer token is required"))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(new ApiError(403, "forbidden", "an admin token is required"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request failed with status %d", status);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return json(new ApiError(status, codeFor(status), reason == null ? "request failed" : reason.toLowerCase()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.errorf(e, "unexpected failure");
        return json(new ApiError(500, "internal_error", "unexpected server error; see the server log"));
    }

    static String leafField(String propertyPath) {
        // Bean Validation paths look like "create.input.username": the method and parameter
        // prefixes mean nothing to an API caller. A path of just those two is the body itself.
        int dot = propertyPath.indexOf('.');
        int second = dot < 0 ? -1 : propertyPath.indexOf('.', dot + 1);
        if (second < 0) {
            return dot < 0 ? propertyPath : "body";
        }
        return propertyPath.substring(second + 1);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "request_failed";
        };
    }

    private static Response json(ApiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
