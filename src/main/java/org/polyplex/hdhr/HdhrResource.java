package org.polyplex.hdhr;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.http.StreamUrls;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;

import io.vertx.core.http.HttpServerRequest;

/**
 * Entry point of the HDHomeRun emulation: every line is a network tuner for Plex, Jellyfin and
 * Emby at {@code /hdhr/{u}/{p}/} ({@code discover.json}, {@code lineup.json},
 * {@code lineup_status.json}, {@code device.xml}, and {@code lineup.post} for Plex's "scan"),
 * and each bouquet the line holds one more at {@code /hdhr/{u}/{p}/bouquet/{id}/}, its own
 * {@code DeviceID} and only that bouquet's channels.
 * The lineup is the channels the line may see; each URL is the line's {@code /live/u/p/ID.ts}
 * stream, so tuning goes through the fan-out proxy and its connection limits, and
 * {@code TunerCount} is the line's {@code maxConnections}.
 * <p>
 * Credentials go through the one line login of every Xtream endpoint, with its bad-login
 * throttle, and the line's access rules ({@link TextLineGate}): 401 for wrong credentials, 403 for
 * an expired or disabled line or a refused address or user agent, 429 (with {@code Retry-After})
 * for a throttled address. Never 404 for a refusal: Jellyfin reads a 404 on
 * {@code discover.json} as "an old HDHR4 without that page" and would add the device anyway. (A
 * bouquet the line does not hold is no refusal but a device that does not exist: 404.)
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

    /** One tuner a line exposes: the whole line's, or the one of a bouquet it holds. */
    record Device(Line line, DeviceIdentity identity, String baseUrl, String friendlyName,
            Optional<CatalogSnapshot.Bouquet> bouquet) {
    }

    @GET
    @Path("discover.json")
    public Response discover(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withDevice(username, password, null, request, device -> ok(discover(device), JSON));
    }

    @GET
    @Path("lineup.json")
    public Response lineup(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withDevice(username, password, null, request, this::lineup);
    }

    @GET
    @Path("lineup_status.json")
    public Response lineupStatus(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withDevice(username, password, null, request, device -> ok(LineupStatus.IDLE, JSON));
    }

    @GET
    @Path("device.xml")
    public Response deviceXml(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withDevice(username, password, null, request, this::deviceXml);
    }

    /** Plex's "scan channels" ({@code ?scan=start}): nothing to scan, the lineup is always current. */
    @POST
    @Path("lineup.post")
    public Response scan(@PathParam("username") String username, @PathParam("password") String password,
            @Context HttpServerRequest request) {
        return withDevice(username, password, null, request, device -> scanned());
    }

    @GET
    @Path("bouquet/{bouquet}/discover.json")
    public Response bouquetDiscover(@PathParam("username") String username, @PathParam("password") String password,
            @PathParam("bouquet") String bouquet, @Context HttpServerRequest request) {
        return withDevice(username, password, bouquet, request, device -> ok(discover(device), JSON));
    }

    @GET
    @Path("bouquet/{bouquet}/lineup.json")
    public Response bouquetLineup(@PathParam("username") String username, @PathParam("password") String password,
            @PathParam("bouquet") String bouquet, @Context HttpServerRequest request) {
        return withDevice(username, password, bouquet, request, this::lineup);
    }

    @GET
    @Path("bouquet/{bouquet}/lineup_status.json")
    public Response bouquetLineupStatus(@PathParam("username") String username,
            @PathParam("password") String password, @PathParam("bouquet") String bouquet,
            @Context HttpServerRequest request) {
        return withDevice(username, password, bouquet, request, device -> ok(LineupStatus.IDLE, JSON));
    }

    @GET
    @Path("bouquet/{bouquet}/device.xml")
    public Response bouquetDeviceXml(@PathParam("username") String username, @PathParam("password") String password,
            @PathParam("bouquet") String bouquet, @Context HttpServerRequest request) {
        return withDevice(username, password, bouquet, request, this::deviceXml);
    }

    @POST
    @Path("bouquet/{bouquet}/lineup.post")
    public Response bouquetScan(@PathParam("username") String username, @PathParam("password") String password,
            @PathParam("bouquet") String bouquet, @Context HttpServerRequest request) {
        return withDevice(username, password, bouquet, request, device -> scanned());
    }

    /**
     * The lineup of a device: the line's visible channels, numbered over all of them, and for a
     * bouquet's device only those the bouquet grants (the same visibility rule as the line's own,
     * {@link CatalogSnapshot#access}, for that one bouquet).
     */
    private Response lineup(Device device) {
        if (!limits.admitHeavy()) {
            return Refusals.busy();
        }
        Line line = device.line();
        var snapshot = catalog.snapshot();
        var access = snapshot.access(line.account().bouquetIds());
        var visible = snapshot.channels().stream().filter(access::canSee).toList();
        var urls = new StreamUrls(line.address(), line.account().username(), line.password());
        Predicate<CatalogSnapshot.LiveChannel> keep = device
                .bouquet().<Predicate<CatalogSnapshot.LiveChannel>> map(b -> snapshot.access(Set.of(b.id()))::canSee)
                .orElse(channel -> true);
        return ok(Lineup.of(visible, urls, keep), JSON);
    }

    private Response deviceXml(Device device) {
        return ok(DeviceXml.of(discover(device), device.identity()), XML);
    }

    private static Discover discover(Device device) {
        // the API keeps maxConnections within 1..1000; a tuner count below 1 would make clients refuse to tune
        int tuners = Math.max(1, device.line().account().maxConnections());
        String base = device.baseUrl();
        return new Discover(device.friendlyName(), Discover.MANUFACTURER, Discover.MODEL, Discover.FIRMWARE_NAME,
                Discover.FIRMWARE_VERSION, device.identity().deviceId(), device.identity().deviceAuth(), base,
                base + "/lineup.json", tuners);
    }

    /**
     * Lets the line in through its gate (401, 403, 429 as every line endpoint), then finds the
     * device: the line's when {@code bouquet} is null, else the bouquet's, which must be one the
     * line holds. An unknown bouquet, a malformed id and a bouquet of someone else's all get the
     * same 404, so a line learns nothing about bouquets it does not hold. (Jellyfin takes a 404
     * on {@code discover.json} for an old device and would add it anyway; its lineup then fails,
     * which is the honest outcome for a device that does not exist.)
     */
    private Response withDevice(String username, String password, String bouquet, HttpServerRequest request,
            Function<Device, Response> action) {
        TextLineGate.Entry entry = gate.enter(username, password, request);
        if (entry instanceof TextLineGate.Refused refused) {
            return refused.response();
        }
        Account account = ((TextLineGate.Admitted) entry).account();
        Line line = new Line(account, password, ServerAddress.of(publicAddress, request));
        String name = config.friendlyName() + " (" + account.username();
        if (bouquet == null) {
            return action.apply(new Device(line, DeviceIdentity.of(config.deviceIdSeed(), account.username()),
                    line.baseUrl(), name + ")", Optional.empty()));
        }
        Optional<CatalogSnapshot.Bouquet> held = bouquetId(bouquet).filter(account.bouquetIds()::contains)
                .flatMap(catalog.snapshot()::bouquet);
        if (held.isEmpty()) {
            return text(404, "no such tuner").build();
        }
        CatalogSnapshot.Bouquet b = held.get();
        return action.apply(new Device(line, DeviceIdentity.ofBouquet(config.deviceIdSeed(), account.username(),
                b.id()), line.baseUrl() + "/bouquet/" + b.id(), name + " / " + b.name() + ")", held));
    }

    private static Optional<Long> bouquetId(String text) {
        return text.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private static Response scanned() {
        return Response.ok().header("Cache-Control", "no-store").build();
    }

    private static Response ok(Object entity, MediaType type) {
        return Response.ok(entity, type).header("Cache-Control", "no-store").build();
    }

    private static Response.ResponseBuilder text(int status, String message) {
        return TextLineGate.text(status, message);
    }
}
