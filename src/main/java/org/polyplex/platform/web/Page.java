package org.polyplex.platform.web;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

/**
 * One page of a list and the total count. Lists answer a plain JSON array (what scripts and
 * admin UIs expect) with the total in {@code X-Total-Count}.
 */
public record Page<T>(List<T> items, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total);
    }

    public Response toResponse() {
        return Response.ok(items).header("X-Total-Count", total).build();
    }
}
