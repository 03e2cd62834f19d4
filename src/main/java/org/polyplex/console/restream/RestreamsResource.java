package org.polyplex.console.restream;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.web.ApiException;
import org.polyplex.restream.RestreamInput;
import org.polyplex.restream.RestreamService;
import org.polyplex.restream.destination.DestinationService;
import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;
import org.polyplex.restream.run.DestinationStatus;
import org.polyplex.restream.run.RestreamStatus;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Restreams: the list with each one's state, a create form (a channel and destinations, copy
 * profile), a detail page whose per-destination states refresh themselves, each destination's
 * profile and audio mode, start, stop, delete and the emergency "stop everything". Through
 * {@link RestreamService}.
 */
@Path("/console/restreams")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class RestreamsResource {

    static final int PAGE_SIZE = 25;
    static final int REFRESH_SECONDS = 2;

    private static final Map<String, String> NOTICES = Map.of("created", "Restream created.", "started",
            "Started: each destination goes live at the source's first keyframe.", "stopped", "Stopped.", "deleted",
            "Restream deleted.", "encoding", "Encoding saved.", "encoding-next",
            "Encoding saved: it applies when the restream is started again.");
    private static final List<String> PROFILES = Arrays.stream(Profile.values()).map(Profile::wire).toList();
    private static final List<String> AUDIO = Arrays.stream(AudioMode.values()).map(AudioMode::wire).toList();

    /**
     * One destination's live figures; the last error is redacted again, as any text shown.
     * {@code profile} is the one running (below the configured one while degraded mode holds it).
     */
    @TemplateData
    public record TargetRow(long destinationId, String name, String state, String profile, String degraded,
            String fps, String bitrate, long uptimeSeconds, long retries, String lastError, String retryAt) {

        static TargetRow of(DestinationStatus d, java.util.function.LongFunction<String> names) {
            Profile running = d.activeProfile() == null ? d.profile() : d.activeProfile();
            return new TargetRow(d.destinationId(), d.name() == null ? names.apply(d.destinationId()) : d.name(),
                    d.state(), running == null ? "" : running.wire(),
                    d.degradedReason() == null ? "" : Redaction.text(d.degradedReason()),
                    String.format("%.1f", d.fps()), String.format("%.0f", d.bitrateKbps()), d.uptimeSeconds(),
                    d.retries(), d.lastError() == null ? "" : Redaction.text(d.lastError()),
                    d.retryAt() == null ? "" : d.retryAt());
        }
    }

    /** One destination's stored profile and audio mode, with the choices of the encoding form. */
    @TemplateData
    public record EncodingRow(long destinationId, String name, String profile, String audio, List<String> profiles,
            List<String> audios) {
    }

    /** A restream as the pages show it. */
    @TemplateData
    public record RestreamRow(long id, long channelId, String state, String source, List<TargetRow> targets) {

        static RestreamRow of(RestreamStatus s, java.util.function.LongFunction<String> names) {
            return new RestreamRow(s.id(), s.channelId(), s.state(), s.source(),
                    s.destinations().stream().map(d -> TargetRow.of(d, names)).toList());
        }

        public boolean running() {
            return !"idle".equals(state);
        }
    }

    /** A destination to pick in the create form. */
    @TemplateData
    public record Choice(long id, String name) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance restreams(Frame frame, List<RestreamRow> rows, Pager pager,
                List<Choice> destinations, String channelId, FormErrors errors, String notice);

        static native TemplateInstance restream(Frame frame, RestreamRow restream, List<EncodingRow> encoding,
                String notice, String error, int refresh);

        static native TemplateInstance status(RestreamRow restream, int refresh);
    }

    private final RestreamService restreams;
    private final DestinationService destinations;
    private final CurrentSession current;

    RestreamsResource(RestreamService restreams, DestinationService destinations, CurrentSession current) {
        this.restreams = restreams;
        this.destinations = destinations;
        this.current = current;
    }

    @GET
    public TemplateInstance list(@RestQuery int page, @RestQuery String notice, @RestQuery Integer stopped) {
        String text = stopped != null ? "Stopped everything: " + stopped + " restream(s)."
                : NOTICES.getOrDefault(notice == null ? "" : notice, "");
        return page(page, "", FormErrors.none(), text);
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String channelId,
            @RestForm("destination") List<Long> picked) {
        current.requireToken(csrf);
        FormErrors errors = FormErrors.none();
        Long channel = null;
        try {
            channel = Long.parseLong(channelId == null ? "" : channelId.strip());
        } catch (NumberFormatException e) {
            errors.add("channelId", "must be a channel number");
        }
        List<Long> ids = picked == null ? List.of() : picked;
        if (ids.isEmpty()) {
            errors.add("destinations", "pick at least one destination");
        }
        if (!errors.any()) {
            List<RestreamInput.Target> targets = new ArrayList<>();
            ids.forEach(id -> targets.add(new RestreamInput.Target(id, null, null)));
            try {
                long id = restreams.create(new RestreamInput(channel, targets)).id;
                return Response.seeOther(URI.create("/console/restreams/" + id + "?notice=created")).build();
            } catch (ApiException e) {
                errors.add(FormErrors.of(e));
            }
        }
        return Response.status(400).entity(page(0, channelId == null ? "" : channelId, errors, "")).build();
    }

    /** The emergency stop: every running restream, every ffmpeg, at once. */
    @POST
    @Path("stop-all")
    public Response stopAll(@RestForm String csrf) {
        current.requireToken(csrf);
        int stopped = restreams.stopAll("stopped everything from the console");
        return Response.seeOther(URI.create("/console/restreams?stopped=" + stopped)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath long id, @RestQuery String notice) {
        return Templates.restream(current.frame("restreams"), row(id), encoding(id), NOTICES.getOrDefault(
                notice == null ? "" : notice, ""), "", REFRESH_SECONDS);
    }

    /**
     * Saves each destination's profile and audio mode (the form lists them in order); a running
     * restream keeps what it runs until it is started again.
     */
    @POST
    @Path("{id}/encoding")
    public Response encoding(@RestPath long id, @RestForm String csrf, @RestForm("destination") List<Long> ids,
            @RestForm("profile") List<String> profiles, @RestForm("audio") List<String> audios) {
        current.requireToken(csrf);
        RestreamRow now = row(id);
        int n = ids == null ? 0 : ids.size();
        if (n == 0 || profiles == null || audios == null || profiles.size() != n || audios.size() != n) {
            return refused(id, 400, "the form lists each destination with a profile and an audio mode");
        }
        List<RestreamInput.Target> targets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                targets.add(new RestreamInput.Target(ids.get(i), Profile.fromWire(profiles.get(i)),
                        AudioMode.fromWire(audios.get(i))));
            }
        } catch (IllegalArgumentException e) {
            return refused(id, 400, e.getMessage());
        }
        try {
            restreams.update(id, new RestreamInput(now.channelId(), targets));
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new ConsoleRefusal(404, e.getMessage());
            }
            return refused(id, e.status(), e.getMessage());
        }
        String notice = now.running() ? "encoding-next" : "encoding";
        return Response.seeOther(URI.create("/console/restreams/" + id + "?notice=" + notice)).build();
    }

    /** The status block alone, for the page's own refresh. */
    @GET
    @Path("{id}/status")
    public TemplateInstance status(@RestPath long id) {
        return Templates.status(row(id), REFRESH_SECONDS);
    }

    @POST
    @Path("{id}/start")
    public Response start(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        return change(id, "started", () -> restreams.start(id));
    }

    @POST
    @Path("{id}/stop")
    public Response stop(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        return change(id, "stopped", () -> restreams.stop(id));
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            restreams.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/restreams?notice=deleted")).build();
    }

    private Response change(long id, String notice, Runnable action) {
        try {
            action.run();
            return Response.seeOther(URI.create("/console/restreams/" + id + "?notice=" + notice)).build();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new ConsoleRefusal(404, e.getMessage());
            }
            return refused(id, e.status(), e.getMessage());
        }
    }

    private Response refused(long id, int status, String message) {
        return Response.status(status).entity(Templates.restream(current.frame("restreams"), row(id), encoding(id), "",
                message, REFRESH_SECONDS)).build();
    }

    private List<EncodingRow> encoding(long id) {
        try {
            return restreams.targets(id).stream().map(t -> new EncodingRow(t.destinationId(), name(t.destinationId()),
                    t.profile().wire(), t.audio().wire(), PROFILES, AUDIO)).toList();
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
    }

    private RestreamRow row(long id) {
        try {
            return RestreamRow.of(restreams.status(id), this::name);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
    }

    /** A stopped restream's status names no destination: the console reads the name. */
    private String name(long destinationId) {
        try {
            return destinations.get(destinationId).name;
        } catch (ApiException e) {
            return "destination " + destinationId;
        }
    }

    private TemplateInstance page(int page, String channelId, FormErrors errors, String notice) {
        int p = Math.max(0, page);
        var found = restreams.list(p, PAGE_SIZE);
        List<RestreamRow> rows = restreams.statuses(found.items()).stream().map(s -> RestreamRow.of(s, this::name))
                .toList();
        List<Choice> choices = destinations.list(null, 0, 100).items().stream().map(d -> new Choice(d.id, d.name))
                .toList();
        return Templates.restreams(current.frame("restreams"), rows,
                Pager.of("/console/restreams", Map.of(), p, PAGE_SIZE, found.total()), choices, channelId, errors,
                notice);
    }
}
