package org.polyplex.playlist;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

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
import org.polyplex.accounts.auth.TextLineGate;
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

    private final TextLineGate gate;
    private final CatalogService catalog;
    private final PublicAddressConfig publicAddress;
    private final RequestLimits limits;
    private final XmltvIds xmltvIds;
    private final PlaylistConfig config;

    PlaylistResource(TextLineGate gate, CatalogService catalog, PublicAddressConfig publicAddress,
            RequestLimits limits, XmltvIds xmltvIds, PlaylistConfig config) {
        this.gate = gate;
        this.limits = limits;
        this.xmltvIds = xmltvIds;
        this.config = config;
        this.catalog = catalog;
        this.publicAddress = publicAddress;
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
        TextLineGate.Entry entry = gate.enter(username, password, request);
        if (entry instanceof TextLineGate.Refused refused) {
            return refused.response();
        }
        Account account = ((TextLineGate.Admitted) entry).account();
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
        return TextLineGate.text(status, message);
    }
}
