package org.polyplex.proxy.upstream.ace;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.proxy.upstream.api.SourceUrl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness of the AceStream engine ({@code /webui/api/service?method=get_version}), checked only
 * while the catalog holds AceStream sources and AceStream is enabled: a node whose channels need
 * no engine is not made unready by a missing one.
 */
@ApplicationScoped
@Readiness
public class AceEngineReadiness implements AsyncHealthCheck {

    private final BooleanSupplier needed;
    private final Supplier<Future<String>> version;

    @Inject
    AceEngineReadiness(CatalogService catalog, AceStreamConfig config, Vertx vertx) {
        this(() -> config.enabled() && usesAceStream(catalog.snapshot()), versionProbe(vertx, config));
    }

    /** @param needed whether the engine matters now (AceStream on and sources in the catalog) */
    AceEngineReadiness(BooleanSupplier needed, Supplier<Future<String>> version) {
        this.needed = needed;
        this.version = version;
    }

    private static Supplier<Future<String>> versionProbe(Vertx vertx, AceStreamConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setMaxPoolSize(2)
                .setConnectTimeout((int) config.requestTimeout().toMillis()));
        AceStreamEngine engine = new AceStreamEngine(vertx, client, config);
        return engine::version;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        var builder = HealthCheckResponse.named("acestream-engine");
        if (!needed.getAsBoolean()) {
            return Uni.createFrom().item(builder.up().withData("engine", "not needed").build());
        }
        return Uni.createFrom().completionStage(() -> version.get().toCompletionStage())
                .map(v -> builder.up().withData("version", v).build())
                .onFailure().recoverWithItem(e -> builder.down().withData("error", Redaction.message(e)).build());
    }

    private static boolean usesAceStream(CatalogSnapshot snapshot) {
        return snapshot.channels().stream().flatMap(c -> c.sources().stream())
                .anyMatch(s -> SourceUrl.kind(s.url()) == SourceUrl.Kind.ACESTREAM);
    }
}
