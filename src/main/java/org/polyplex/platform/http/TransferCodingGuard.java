package org.polyplex.platform.http;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose {@code Transfer-Encoding} is anything but a single {@code chunked}
 * (RFC 9112 6.1: a server that does not understand a coding answers 501). Netty treats an unknown
 * coding such as {@code xchunked} as no coding at all, which is how request smuggling between a
 * proxy and a server starts. First route of all; the connection is closed after the answer.
 */
@ApplicationScoped
class TransferCodingGuard {

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        List<String> codings = ctx.request().headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (codings.isEmpty() || (codings.size() == 1 && "chunked".equals(codings.get(0).trim().toLowerCase(Locale.ROOT)))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(501).putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("unsupported transfer coding\n")
                .onComplete(done -> ctx.request().connection().close());
    }
}
