package org.polyplex.xtream.guide;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.auth.AccessVerdict;
import org.polyplex.accounts.auth.LineAccessGuard;
import org.polyplex.accounts.auth.LineAuthenticator;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.EpgConfig;
import org.polyplex.epg.EpgService;
import org.polyplex.platform.load.Refusals;
import org.polyplex.platform.load.RequestLimits;

import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /xmltv.php?username=&password=[&past_days=&future_days=]}: the XMLTV guide of the
 * channels the user may see, streamed (gzip when the client accepts it). 401 for unknown
 * credentials, 429 (with {@code Retry-After}) for an address with too many bad logins, 403 for an expired or disabled line, 400
 * for a bad window.
 */
@Path("/xmltv.php")
public class XmltvResource {

    static final MediaType XML = MediaType.valueOf("application/xml; charset=UTF-8");

    private final LineAuthenticator lines;
    private final LineAccessGuard guard;
    private final EpgService epg;
    private final EpgConfig config;
    private final Clock clock;
    private final RequestLimits limits;

    XmltvResource(LineAuthenticator lines, EpgService epg, EpgConfig config, Clock clock, RequestLimits limits,
            LineAccessGuard guard) {
        this.guard = guard;
        this.limits = limits;
        this.lines = lines;
        this.epg = epg;
        this.config = config;
        this.clock = clock;
    }

    @GET
    public Response guide(@QueryParam("username") String username, @QueryParam("password") String password,
            @QueryParam("past_days") Integer pastDays, @QueryParam("future_days") Integer futureDays,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding, @Context HttpServerRequest request) {
        LineLogin login = lines.login(username, password, request);
        if (login instanceof LineLogin.Throttled throttled) {
            return Response.status(429).type(MediaType.TEXT_PLAIN).entity("too many failed logins")
                    .header("Retry-After", throttled.retryAfterSeconds()).build();
        }
        if (!(login instanceof LineLogin.Accepted accepted)) {
            return plain(401, "invalid username or password");
        }
        Account account = accepted.account();
        Instant now = clock.instant();
        if (account.status(now) != Account.Status.ACTIVE) {
            return plain(403, "line " + account.status(now).xtream().toLowerCase());
        }
        if (guard.check(account, request) instanceof AccessVerdict.Refused refused) {
            return plain(403, refused.code() + ": " + refused.message());
        }
        if (!limits.enterLine(account.id())) {
            return Refusals.tooMany();
        }
        int past = pastDays == null ? config.xmltv().pastDays() : pastDays;
        int future = futureDays == null ? config.xmltv().futureDays() : futureDays;
        int max = config.xmltv().maxDays();
        if (past < 0 || future < 0) {
            return plain(400, "past_days and future_days must be 0 or more");
        }
        Instant from = now.minus(Duration.ofDays(Math.min(past, max)));
        Instant to = now.plus(Duration.ofDays(Math.min(future, max)));
        if (!limits.admitHeavy()) {
            return Refusals.busy();
        }
        CatalogSnapshot catalog = epg.catalog();
        CatalogSnapshot.Access access = catalog.access(account.bouquetIds());
        List<LiveChannel> channels = catalog.channels().stream().filter(access::canSee).toList();
        boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase().contains("gzip");
        StreamingOutput body = output -> write(limits.metered(output), gzip, channels, from, to);
        Response.ResponseBuilder response = Response.ok(body, XML);
        if (gzip) {
            response.header("Content-Encoding", "gzip");
        }
        return response.header("Vary", "Accept-Encoding").build();
    }

    private void write(OutputStream output, boolean gzip, List<LiveChannel> channels, Instant from, Instant to)
            throws IOException {
        OutputStream target = gzip ? new GZIPOutputStream(output, 64 * 1024) : output;
        Writer writer = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 64 * 1024);
        epg.writeXmltv(channels, from, to, writer);
        writer.flush();
        if (target instanceof GZIPOutputStream compressed) {
            compressed.finish();
        }
        output.flush();
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message).build();
    }
}
