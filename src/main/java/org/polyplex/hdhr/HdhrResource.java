package org.polyplex.hdhr;

import java.util.function.BiFunction;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.auth.TextLineGate;
import org.polyplex.catalog.CatalogService;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.http.StreamUrls;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;

import io.vertx.core.http.HttpServerRequest;

/**
 * Entry point of the HDHomeRun emulation: every line is a network tuner for Plex, Jellyfin and
 * Emby at {@code /hdhr/{u}/{p}/} ({@code discover.json}, {@code lineup.json},
 * {@code lineup_status.json}, {@code device.xml}, and {@code lineup.post} for Plex's "scan").
 * The lineup is the channels the line may see; each URL is the line's {@code /live/u/p/ID.ts}
 * stream, so tuning goes through the fan-out proxy and its connection limits, and
 * {@code TunerCount} is the line's {@code maxConnections}.
 * <p>
 * Credentials go through the one line login of every Xtream endpoint, with its bad-login
 * throttle, and the line's access rules ({@link TextLineGate}): 401 for wrong credentials, 403 for
 * an expired or disabled line or a refused address or user agent, 429 (with {@code Retry-After})
 * for a throttled address. Never 404 for a refusal: Jellyfin reads a 404 on
 * {@code discover.json} as "an old HDHR4 without that page" and would add the device anyway.
 * Answers carry the password in their URLs, so none may be cached.
 */
@Path("/hdhr/{username}/{password}")
public class HdhrResource {

    static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8");
    static final MediaType XML = MediaType.valueOf("application/xml; charset=utf-8");

    private final TextLineGate gate;
    private final CatalogService catalog;
    private final PublicAddressConfig publicAddress;
    private final RequestLimits limits;
    private final HdhrConfig config;

    HdhrResource(TextLineGate gate, CatalogService catalog, PublicAddressConfig publicAddress,
            RequestLimits limits, HdhrConfig config) {
        this.gate = gate;
        this.catalog = catalog;
        this.publicAddress = publicAddress;
        this.limits = limits;
        this.config = config;
    }

    /** What one authenticated, active line asks for: its account and the device's base URL. */
    record Line(Account account, String password, ServerAddress address) {

        String baseUrl() {
            return address.baseUrl() + "/hdhr/" + StreamUrls.segment(account.username()) + "/"
                    + StreamUrls.segment(password);
        }
    }

    @GET
    @Path("discover.json")
    public Response discover(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withLine(username, password, request, (line, identity) -> ok(device(line, identity), JSON));
    }

    @GET
    @Path("lineup.json")
    public Response lineup(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withLine(username, password, request, (line, identity) -> {
            if (!limits.admitHeavy()) {
                return Refusals.busy();
            }
            var snapshot = catalog.snapshot();
            var access = snapshot.access(line.account().bouquetIds());
            var urls = new StreamUrls(line.address(), line.account().username(), line.password());
            return ok(Lineup.of(snapshot.channels().stream().filter(access::canSee).toList(), urls), JSON);
        });
    }

    @GET
    @Path("lineup_status.json")
    public Response lineupStatus(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withLine(username, password, request, (line, identity) -> ok(LineupStatus.IDLE, JSON));
    }

    @GET
    @Path("device.xml")
    public Response deviceXml(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withLine(username, password, request,
                (line, identity) -> ok(DeviceXml.of(device(line, identity), identity), XML));
    }

    /** Plex's "scan channels" ({@code ?scan=start}): nothing to scan, the lineup is always current. */
    @POST
    @Path("lineup.post")
    public Response scan(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withLine(username, password, request,
                (line, identity) -> Response.ok().header("Cache-Control", "no-store").build());
    }

    private Discover device(Line line, DeviceIdentity identity) {
        String base = line.baseUrl();
        // the API keeps maxConnections within 1..1000; a tuner count below 1 would make clients refuse to tune
        int tuners = Math.max(1, line.account().maxConnections());
        return new Discover(config.friendlyName() + " (" + line.account().username() + ")", Discover.MANUFACTURER,
                Discover.MODEL, Discover.FIRMWARE_NAME, Discover.FIRMWARE_VERSION, identity.deviceId(),
                identity.deviceAuth(), base, base + "/lineup.json", tuners);
    }

    private Response withLine(String username, String password, HttpServerRequest request,
            BiFunction<Line, DeviceIdentity, Response> action) {
        TextLineGate.Entry entry = gate.enter(username, password, request);
        if (entry instanceof TextLineGate.Refused refused) {
            return refused.response();
        }
        Account account = ((TextLineGate.Admitted) entry).account();
        Line line = new Line(account, password, ServerAddress.of(publicAddress, request));
        return action.apply(line, DeviceIdentity.of(config.deviceIdSeed(), account.username()));
    }

    private static Response ok(Object entity, MediaType type) {
        return Response.ok(entity, type).header("Cache-Control", "no-store").build();
    }

    private static Response.ResponseBuilder text(int status, String message) {
        return TextLineGate.text(status, message);
    }
}
