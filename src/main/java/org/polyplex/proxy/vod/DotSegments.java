package org.polyplex.proxy.vod;

import java.util.Locale;

import io.vertx.ext.web.RoutingContext;

/**
 * Refuses request paths with {@code .} or {@code ..} segments (plain or percent-encoded) with 400.
 * The router matches on the normalised path, so {@code /movie/u/p/../x} would otherwise reach
 * {@code /movie/u/x}, i.e. another route with shifted credentials.
 */
final class DotSegments {

    private DotSegments() {
    }

    static void reject(RoutingContext ctx) {
        if (hasDotSegment(ctx.request().path())) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("path must not contain . or .. segments\n");
            return;
        }
        ctx.next();
    }

    static boolean hasDotSegment(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String path = rawPath.toLowerCase(Locale.ROOT).replace("%2e", ".");
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
