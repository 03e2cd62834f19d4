package org.polyplex.ingest.player;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.auth.FailureWindows;
import org.polyplex.platform.http.ClientAddress;
import org.polyplex.platform.web.ApiException;

import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/player-metrics}: a player page's report (no sign-in: public streams have
 * anonymous viewers). Bounded: the API's body limit, every field validated, and per client address
 * at most {@code player.reports-per-minute} reports, past which {@code 429}.
 */
@Path("/api/player-metrics")
@PermitAll
public class PlayerMetricsResource {

    private final PlayerMetrics metrics;
    private final ClientAddress addresses;
    private final FailureWindows windows;
    private final int perMinute;

    PlayerMetricsResource(PlayerMetrics metrics, ClientAddress addresses, PlayerConfig config, Clock clock) {
        this.metrics = metrics;
        this.addresses = addresses;
        this.perMinute = config.reportsPerMinute();
        this.windows = new FailureWindows(Duration.ofMinutes(1), config.maxTrackedAddresses(), clock);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(@Valid @NotNull PlayerReport report, @Context HttpServerRequest request) {
        String address = addresses.of(request);
        if (windows.retryAfter(address, perMinute).compareTo(Duration.ZERO) > 0) {
            throw new ApiException(429, "too_many_reports", "at most " + perMinute + " player reports a minute", null);
        }
        windows.failed(address); // counts the report in the address's window
        metrics.record(report);
        return Response.noContent().build();
    }
}
