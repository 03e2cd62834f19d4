package org.polyplex.console.live;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.LiveSessions;
import org.polyplex.proxy.session.SessionsSnapshot;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Live sessions of this node: every upstream session and viewer, as {@code GET /api/sessions}
 * reads them. The page refreshes its tables by itself (short polling of {@code /console/live/table});
 * kick ends a viewer, stop ends a session and its viewers.
 */
@Path("/console/live")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class LiveResource {

    /** Seconds between two refreshes of the tables. */
    static final int REFRESH_SECONDS = 3;

    /** One upstream session. */
    @TemplateData
    public record SessionRow(long id, String channel, String source, String state, int viewers, String bytesIn,
            long failovers, String since) {
    }

    /** One viewer. */
    @TemplateData
    public record ViewerRow(long id, String username, String address, String channel, String protocol,
            String bytesOut, String lag, String since) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance live(Frame frame, List<SessionRow> sessions, List<ViewerRow> viewers,
                String notice, int refresh);

        static native TemplateInstance table(Frame frame, List<SessionRow> sessions, List<ViewerRow> viewers,
                int refresh);
    }

    private final LiveSessions live;
    private final CurrentSession current;
    private final Clock clock;

    LiveResource(LiveSessions live, CurrentSession current, Clock clock) {
        this.live = live;
        this.current = current;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@RestQuery String notice) {
        SessionsSnapshot now = live.now();
        String text = "kicked".equals(notice) ? "Done: it is closed."
                : "gone".equals(notice) ? "It had already ended." : "";
        return Templates.live(current.frame("live"), sessions(now), viewers(now), text, REFRESH_SECONDS);
    }

    /** The tables alone, for the page's own refresh. */
    @GET
    @Path("table")
    public TemplateInstance table() {
        SessionsSnapshot now = live.now();
        return Templates.table(current.frame("live"), sessions(now), viewers(now), REFRESH_SECONDS);
    }

    @POST
    @Path("{id}/kick")
    public Response kick(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        boolean kicked = live.kick(id);
        return Response.seeOther(URI.create("/console/live?notice=" + (kicked ? "kicked" : "gone"))).build();
    }

    private List<SessionRow> sessions(SessionsSnapshot now) {
        Instant instant = clock.instant();
        return now.sessions().stream().map(s -> new SessionRow(s.id(), s.channelName(), s.source(), s.state(),
                s.viewers(), Units.bytes(s.bytesIn()), s.failovers(), Units.since(s.since(), instant))).toList();
    }

    private List<ViewerRow> viewers(SessionsSnapshot now) {
        Map<Long, String> channels = new HashMap<>();
        now.sessions().forEach(s -> channels.put(s.channelId(), s.channelName()));
        Instant instant = clock.instant();
        return now.viewers().stream().map(v -> new ViewerRow(v.id(), v.username(), v.address(),
                channels.getOrDefault(v.channelId(), "#" + v.channelId()), v.protocol(), Units.bytes(v.bytesOut()),
                "ts".equals(v.protocol()) ? Units.bytes(v.lagBytes()) : "", Units.since(v.since(), instant)))
                .toList();
    }

    /** Sizes and ages for people. */
    static final class Units {

        private Units() {
        }

        static String bytes(long n) {
            if (n < 1024) {
                return n + " B";
            }
            String[] units = { "KiB", "MiB", "GiB", "TiB" };
            double value = n;
            int unit = -1;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return String.format("%.1f %s", value, units[unit]);
        }

        static String since(Instant since, Instant now) {
            if (since == null) {
                return "";
            }
            Duration age = Duration.between(since, now);
            if (age.isNegative()) {
                age = Duration.ZERO;
            }
            long s = age.toSeconds();
            return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
    }
}
