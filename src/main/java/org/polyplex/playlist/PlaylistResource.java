package org.polyplex.playlist;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.auth.AccessVerdict;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.XmltvIds;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;
import org.polyplex.platform.http.StreamUrls;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;

import io.vertx.core.http.HttpServerRequest;

/**
 * Entry point of the playlist feature: {@code /get.php} (GET, or POST with a form), the Xtream
 * M3U download. The playlist is written entry by entry to the response as it is produced.
 * Wrong credentials 401, expired or disabled lines 403, too many bad logins 429, an unknown
 * {@code type} or {@code output} 400.
 */
@Path("/get.php")
public class PlaylistResource {

    /** Apps and players recognise both; this one also makes browsers save the file. */
    static final String M3U_TYPE = "audio/x-mpegurl";

    private final LineAuthenticator authenticator;
    private final LineAccessGuard guard;
    private final CatalogService catalog;
    private final PublicAddressConfig publicAddress;
    private final Clock clock;
    private final RequestLimits limits;
    private final XmltvIds xmltvIds;
    private final PlaylistConfig config;

    PlaylistResource(LineAuthenticator authenticator, CatalogService catalog, PublicAddressConfig publicAddress, Clock clock,
            RequestLimits limits, XmltvIds xmltvIds, PlaylistConfig config, LineAccessGuard guard) {
        this.guard = guard;
        this.limits = limits;
        this.xmltvIds = xmltvIds;
        this.config = config;
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.publicAddress = publicAddress;
        this.clock = clock;
    }

    @GET
    public Response get(@Context UriInfo uri, @Context HttpServerRequest request) {
        return playlist(uri.getQueryParameters(), null, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(MultivaluedMap<String, String> form, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        return playlist(uri.getQueryParameters(), form, request);
    }

    private Response playlist(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form,
            HttpServerRequest request) {
        String username = param(query, form, "username");
        String password = param(query, form, "password");
        LineLogin login = authenticator.login(username, password, request);
        if (login instanceof LineLogin.Throttled throttled) {
            return text(429, "too many failed logins").header("Retry-After", throttled.retryAfterSeconds()).build();
        }
        if (!(login instanceof LineLogin.Accepted accepted)) {
            return text(401, "invalid username or password").build();
        }
        Account account = accepted.account();
        if (!limits.enterLine(account.id())) {
            return Refusals.tooMany();
        }
        Account.Status status = account.status(clock.instant());
        if (status != Account.Status.ACTIVE) {
            return text(403, "account " + status.xtream().toLowerCase()).build();
        }
        if (guard.check(account, request) instanceof AccessVerdict.Refused refused) {
            return text(403, refused.code() + ": " + refused.message()).build();
        }
        var options = PlaylistRequest.parse(param(query, form, "type"), param(query, form, "output"),
                param(query, form, "key"));
        if (options.isEmpty()) {
            return text(400, "type must be m3u or m3u_plus; output ts, mpegts, m3u8 or hls").build();
        }
        if (!limits.admitHeavy()) {
            return Refusals.busy();
        }
        var snapshot = catalog.snapshot();
        var urls = new StreamUrls(ServerAddress.of(publicAddress, request),
                account.username(), password);
        var source = new PlaylistSource(snapshot, snapshot.access(account.bouquetIds()), urls, options.get(),
                xmltvIds.of(snapshot), config.defaultGroup());
        StreamingOutput body = out -> write(source, limits.metered(out));
        return Response.ok(body, M3U_TYPE + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"playlist.m3u\"")
                .build();
    }

    private static void write(PlaylistSource source, OutputStream out) throws IOException {
        // the buffer bounds memory and batches small writes into a few large chunks
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        source.writeTo(new M3uWriter(writer, source.extended()));
        writer.flush();
    }

    private static String param(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form,
            String name) {
        String value = form == null ? null : form.getFirst(name);
        return value != null ? value : query.getFirst(name);
    }

    private static Response.ResponseBuilder text(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).entity(message + "\n");
    }
}
