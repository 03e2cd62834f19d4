package org.polyplex.ingest.serve;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.ingest.media.SpoolConfig;
import org.polyplex.ingest.media.SpoolLayout;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/** Wires the generation HLS files ({@link GenerationFiles}) of the spool into the HTTP router. */
@ApplicationScoped
public class GenerationRoutes {

    private final GenerationFiles files;

    GenerationRoutes(Vertx vertx, SpoolConfig spool, PlaybackTokens tokens) {
        this.files = new GenerationFiles(vertx, new SpoolLayout(Path.of(spool.spoolDir()).toAbsolutePath()).streams(),
                tokens);
    }

    void init(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, GenerationFiles.PATH).handler(files::handle);
        router.routeWithRegex(HttpMethod.HEAD, GenerationFiles.PATH).handler(files::handle);
        router.route("/streams/*").handler(files::handle); // any other name: 404, no-store
    }

}
