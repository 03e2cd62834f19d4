package org.polyplex.console.streams;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;
import org.polyplex.ingest.StreamPatch;
import org.polyplex.ingest.StreamService;
import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.keys.NewKey;
import org.polyplex.ingest.keys.StreamKeys;
import org.polyplex.ingest.rtmp.RtmpConfig;
import org.polyplex.ingest.streams.Stream;
import org.polyplex.ingest.streams.Visibility;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * One stream: its encoder settings, keys (a new key is in the answer to its creation only),
 * start and stop, its generations, its live status (refreshed by the page) and delete.
 * Through {@link StreamService}, {@link StreamKeys} and {@link Generations}.
 */
@Path("/console/streams/{id}")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class StreamPages {

    static final int GENERATIONS_PAGE = 20;
    static final int REFRESH_SECONDS = 3;

    private static final Map<String, String> NOTICES = Map.of("created",
            "Stream created. Create a key for the encoder below.", "revoked", "Key revoked: it never publishes again.",
            "started", "Started: it waits for a publisher.", "stopped", "Stopped.", "saved", "Saved.");

    /** What the page shows of the stream. */
    @TemplateData
    public record StreamHead(long id, String name, String visibility, Long channelId, String server,
            String tlsServer, boolean allowTakeover) {

        public List<String> visibilities() {
            return Arrays.stream(Visibility.values()).map(Visibility::wire).toList();
        }
    }

    /** A key as listed: never the key itself. */
    @TemplateData
    public record KeyRow(long id, String label, String createdAt, String lastUsedAt) {
    }

    /** A generation in the table. */
    @TemplateData
    public record GenerationRow(long id, String state, String startedAt, String liveAt, String endedAt, String reason,
            String node) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance stream(Frame frame, StreamHead stream, StreamStatusView status,
                List<KeyRow> keys, NewKey newKey, List<GenerationRow> generations, Pager pager, String notice,
                String error, int refresh);

        static native TemplateInstance status(StreamHead stream, StreamStatusView status, int refresh);
    }

    private final StreamService streams;
    private final StreamKeys keys;
    private final Generations generations;
    private final RtmpConfig rtmp;
    private final CurrentSession current;

    StreamPages(StreamService streams, StreamKeys keys, Generations generations, RtmpConfig rtmp,
            CurrentSession current) {
        this.streams = streams;
        this.keys = keys;
        this.generations = generations;
        this.rtmp = rtmp;
        this.current = current;
    }

    @GET
    public TemplateInstance page(@RestPath long id, @RestQuery int page, @RestQuery String notice,
            @Context UriInfo uri) {
        return render(id, page, uri, null, NOTICES.getOrDefault(notice == null ? "" : notice, ""), "");
    }

    /** The status block alone, for the page's own refresh. */
    @GET
    @Path("status")
    public TemplateInstance status(@RestPath long id, @Context UriInfo uri) {
        return Templates.status(head(id, uri), StreamStatusView.of(streams, id), REFRESH_SECONDS);
    }

    /** Creates a key; the answer is the only page that ever shows it (pages are never cached). */
    @POST
    @Path("keys")
    public Response createKey(@RestPath long id, @RestForm String csrf, @RestForm String label,
            @Context UriInfo uri) {
        current.requireToken(csrf);
        String typed = label == null ? "" : label.strip();
        if (typed.length() > 100) {
            return Response.status(400).entity(render(id, 0, uri, null, "", "A label has at most 100 characters."))
                    .build();
        }
        try {
            NewKey key = keys.create(id, typed);
            return Response.ok(render(id, 0, uri, key, "", "")).build();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new ConsoleRefusal(404, e.getMessage());
            }
            return Response.status(e.status()).entity(render(id, 0, uri, null, "", e.getMessage())).build();
        }
    }

    /** Renames the stream, sets its visibility and whether a second publisher may take it over. */
    @POST
    @Path("edit")
    public Response edit(@RestPath long id, @RestForm String csrf, @RestForm String name,
            @RestForm String visibility, @RestForm String allowTakeover, @Context UriInfo uri) {
        current.requireToken(csrf);
        String typed = name == null ? "" : name.strip();
        if (typed.isEmpty() || typed.length() > 200) {
            return Response.status(400).entity(render(id, 0, uri, null, "", "A name has 1 to 200 characters."))
                    .build();
        }
        Visibility v;
        try {
            v = Visibility.fromWire(visibility);
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(render(id, 0, uri, null, "", e.getMessage())).build();
        }
        return change(id, uri, "saved", () -> streams.update(id, new StreamPatch(typed, v, allowTakeover != null)));
    }

    @POST
    @Path("keys/{keyId}/revoke")
    public Response revoke(@RestPath long id, @RestPath long keyId, @RestForm String csrf) {
        current.requireToken(csrf);
        run(() -> keys.revoke(id, keyId));
        return back(id, "revoked");
    }

    @POST
    @Path("start")
    public Response start(@RestPath long id, @RestForm String csrf, @Context UriInfo uri) {
        current.requireToken(csrf);
        return change(id, uri, "started", () -> generations.start(id));
    }

    @POST
    @Path("stop")
    public Response stop(@RestPath long id, @RestForm String csrf, @Context UriInfo uri) {
        current.requireToken(csrf);
        return change(id, uri, "stopped", () -> generations.stop(id, "stopped by an admin"));
    }

    @POST
    @Path("delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        run(() -> streams.delete(id));
        return Response.seeOther(URI.create("/console/streams?notice=deleted")).build();
    }

    private Response change(long id, UriInfo uri, String notice, Runnable action) {
        try {
            action.run();
            return back(id, notice);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new ConsoleRefusal(404, e.getMessage());
            }
            return Response.status(e.status()).entity(render(id, 0, uri, null, "", e.getMessage())).build();
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
    }

    private static Response back(long id, String notice) {
        return Response.seeOther(URI.create("/console/streams/" + id + "?notice=" + notice)).build();
    }

    private TemplateInstance render(long id, int page, UriInfo uri, NewKey newKey, String notice, String error) {
        StreamHead head = head(id, uri);
        int p = Math.max(0, page);
        List<KeyRow> keyRows = keys.list(id).stream().map(k -> new KeyRow(k.id, k.label == null ? "" : k.label,
                StreamStatusView.text(k.createdAt), StreamStatusView.text(k.lastUsedAt))).toList();
        var found = generations.list(id, p, GENERATIONS_PAGE);
        List<GenerationRow> rows = found.items().stream().map(g -> new GenerationRow(g.id, g.state.wire(),
                StreamStatusView.text(g.startedAt), StreamStatusView.text(g.liveAt), StreamStatusView.text(g.endedAt),
                g.reason == null ? "" : g.reason, g.node == null ? "" : g.node)).toList();
        return Templates.stream(current.frame("streams"), head, StreamStatusView.of(streams, id), keyRows, newKey,
                rows, Pager.of("/console/streams/" + id, Map.of(), p, GENERATIONS_PAGE, found.total()), notice,
                error, REFRESH_SECONDS);
    }

    private StreamHead head(long id, UriInfo uri) {
        Stream s;
        try {
            s = streams.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        String host = uri.getBaseUri().getHost();
        boolean tls = rtmp.tlsCert().isPresent() && rtmp.tlsKey().isPresent();
        return new StreamHead(s.id, s.name, s.visibility.wire(), s.channelId, server("rtmp", host, rtmp.port()),
                tls ? server("rtmps", host, rtmp.tlsPort()) : "", s.allowTakeover);
    }

    /**
     * The encoder's server line: the host the browser reached the console at, the RTMP (or
     * RTMPS) port and the {@code live} application; empty when the port is 0 (this node takes no
     * RTMP publish).
     */
    static String server(String scheme, String host, int port) {
        if (port == 0) {
            return "";
        }
        String h = host == null || host.isBlank() ? "localhost" : host;
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]"; // an IPv6 literal
        }
        return scheme + "://" + h + ":" + port + "/live";
    }
}
