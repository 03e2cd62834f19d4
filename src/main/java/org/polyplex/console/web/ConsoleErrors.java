package org.polyplex.console.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Console refusals answer as a small HTML page, never as the API's JSON. */
public class ConsoleErrors {

    private final Template page;

    ConsoleErrors(@Location("refused.html") Template page) {
        this.page = page;
    }

    @ServerExceptionMapper
    public Response refused(ConsoleRefusal e) {
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.data("status", e.status()).data("message", e.getMessage()).render()).build();
    }
}
