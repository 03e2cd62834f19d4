package org.polyplex.ingest.playback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.accounts.Role;
import org.polyplex.accounts.auth.TextLineGate;
import org.polyplex.ingest.StreamService;
import org.polyplex.ingest.generation.Generation;
import org.polyplex.ingest.generation.GenerationState;
import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.serve.GenerationFiles;
import org.polyplex.ingest.serve.PlaybackTokens;
import org.polyplex.ingest.streams.Stream;
import org.polyplex.ingest.streams.Visibility;
import org.polyplex.platform.http.PublicAddressConfig;
import org.polyplex.platform.http.ServerAddress;

import io.quarkus.security.identity.SecurityIdentity;

import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /api/streams/{id}/playback}: the current generation's playlist URL for a player,
 * within the stream's visibility: {@code public} for anyone, {@code subscribers} for any line that
 * may watch now (its credentials in an {@code Authorization: Basic} header or as Xtream's
 * {@code username}/{@code password} query, judged by the same door as the playlists) or an admin,
 * {@code private} for admins only. The URL it answers carries a playback token, never a password.
 */
@Path("/api/streams/{id}/playback")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PlaybackResource {

    @Inject
    StreamService streams;
    @Inject
    Generations generations;
    @Inject
    PlaybackTokens tokens;
    @Inject
    TextLineGate lines;
    @Inject
    SecurityIdentity identity;
    @Inject
    PublicAddressConfig publicAddress;
    @Inject
    PlaybackConfig config;
    @Inject
    Clock clock;

    @GET
    public Response playback(@PathParam("id") long id, @HeaderParam("Authorization") String authorization,
            @QueryParam("username") String username, @QueryParam("password") String password,
            @jakarta.ws.rs.core.Context HttpServerRequest request) {
        Stream stream = streams.get(id);
        Optional<Response> refusal = refusal(stream.visibility, authorization, username, password, request);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<Generation> open = generations.openOf(id);
        Playback answer;
        if (open.isEmpty()) {
            answer = new Playback(id, "idle", null, null, null);
        } else if (open.get().state != GenerationState.LIVE) {
            answer = new Playback(id, open.get().state.wire(), open.get().id, null, null);
        } else {
            long generationId = open.get().id;
            Duration ttl = config.tokenTtl();
            String token = tokens.issue(id, generationId, ttl);
            String url = ServerAddress.of(publicAddress, request).baseUrl()
                    + GenerationFiles.playlistPath(id, generationId, token);
            answer = new Playback(id, "live", generationId, url, clock.instant().plus(ttl));
        }
        return Response.ok(answer).header("Cache-Control", "no-store").build();
    }

    private Optional<Response> refusal(Visibility visibility, String authorization, String username, String password,
            HttpServerRequest request) {
        if (visibility == Visibility.PUBLIC || identity.hasRole(Role.ADMIN)) {
            return Optional.empty();
        }
        if (visibility == Visibility.PRIVATE) {
            return Optional.of(TextLineGate.text(403, "this stream is private").build());
        }
        String[] basic = basic(authorization);
        String user = basic != null ? basic[0] : username;
        String pass = basic != null ? basic[1] : password;
        if (user == null || pass == null) {
            return Optional.of(TextLineGate.text(401, "sign in with a line to watch this stream")
                    .header("WWW-Authenticate", "Basic realm=\"polyplex\", charset=\"UTF-8\"").build());
        }
        if (lines.enter(user, pass, request) instanceof TextLineGate.Refused refused) {
            return Optional.of(refused.response());
        }
        return Optional.empty();
    }

    /** Username and password of a Basic header, or null when there is none or it is malformed. */
    static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.length() > 2048) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
