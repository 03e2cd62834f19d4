package org.polyplex.console.cameras;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.camera.Camera;
import org.polyplex.camera.CameraInput;
import org.polyplex.camera.CameraService;
import org.polyplex.camera.Cameras;
import org.polyplex.camera.health.CameraHealth;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Cameras: the list with a thumbnail (refreshed by the page), health, last error (redacted) and
 * last seen; a create form whose password is write-only; a preview; delete. The thumbnail is the
 * camera's snapshot through {@link Cameras} (its own short cache), or a placeholder picture.
 */
@Path("/console/cameras")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class CamerasResource {

    static final int REFRESH_SECONDS = 5;
    static final int SNAPSHOT_WAIT_SECONDS = 8;

    static final String PLACEHOLDER = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"90\" "
            + "viewBox=\"0 0 160 90\"><rect width=\"160\" height=\"90\" fill=\"#444\"/><text x=\"80\" y=\"50\" "
            + "font-family=\"sans-serif\" font-size=\"12\" fill=\"#ddd\" text-anchor=\"middle\">no picture</text></svg>";

    /** One camera in the list: never its password, only whether one is stored. */
    @TemplateData
    public record CameraRow(long id, String name, String url, String username, boolean passwordSet, String health,
            String lastError, String lastSeen, Long channelId) {

        static CameraRow of(Camera c, CameraHealth h) {
            return new CameraRow(c.id, c.name, Redaction.url(c.url), c.username == null ? "" : c.username,
                    c.passwordEncrypted != null, h.state().wire(),
                    h.lastError() == null ? "" : Redaction.text(h.lastError()), text(h.lastSeen()), c.channelId);
        }
    }

    /** The create form as posted, without the password (never rendered back). */
    @TemplateData
    public record CameraForm(String name, String url, String transport, String username, String snapshotUrl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance cameras(Frame frame, List<CameraRow> rows, CameraForm form, FormErrors errors,
                String notice, int refresh, long now);

        static native TemplateInstance preview(Frame frame, CameraRow camera, int refresh, long now);

        static native TemplateInstance thumb(CameraRow camera, int refresh, long now);
    }

    private final CameraService cameras;
    private final Cameras live;
    private final CurrentSession current;
    private final Validator validator;

    CamerasResource(CameraService cameras, Cameras live, CurrentSession current, Validator validator) {
        this.cameras = cameras;
        this.live = live;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@RestQuery String notice) {
        String text = "created".equals(notice) ? "Camera created: its health shows after the first probe."
                : "deleted".equals(notice) ? "Camera and its channel deleted." : "";
        return page(new CameraForm("", "", "tcp", "", ""), FormErrors.none(), text);
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String name, @RestForm String url,
            @RestForm String transport, @RestForm String username, @RestForm String password,
            @RestForm String snapshotUrl) {
        current.requireToken(csrf);
        CameraForm form = new CameraForm(name, url, transport, username, snapshotUrl);
        CameraInput input = new CameraInput(strip(name), strip(url), blankToNull(transport), blankToNull(username),
                password == null || password.isEmpty() ? null : password, blankToNull(snapshotUrl), null);
        FormErrors errors = FormErrors.none();
        validator.validate(input).forEach(c -> errors.add(c.getPropertyPath().toString(), c.getMessage()));
        if (!errors.any()) {
            try {
                long id = cameras.create(input).id;
                live.probeSoon(id);
                return Response.seeOther(URI.create("/console/cameras?notice=created")).build();
            } catch (ApiException e) {
                errors.add(FormErrors.of(e));
            }
        }
        return Response.status(400).entity(page(form, errors, "")).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance preview(@RestPath long id) {
        return Templates.preview(current.frame("cameras"), row(id), REFRESH_SECONDS, System.currentTimeMillis());
    }

    /** The thumbnail block alone, for the pages' own refresh (a new query each time busts caches). */
    @GET
    @Path("{id}/thumb")
    public TemplateInstance thumb(@RestPath long id) {
        return Templates.thumb(row(id), REFRESH_SECONDS, System.currentTimeMillis());
    }

    /** The camera's picture, or a placeholder when it gives none in time. */
    @GET
    @Path("{id}/snapshot")
    @Produces({ "image/jpeg", "image/svg+xml" })
    public Response snapshot(@RestPath long id) {
        row(id);
        try {
            byte[] jpeg = live.snapshot(id).toCompletableFuture().get(SNAPSHOT_WAIT_SECONDS, TimeUnit.SECONDS);
            return Response.ok(jpeg, "image/jpeg").header("Cache-Control", "no-store").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // no picture: the placeholder says so; the health column tells why
        }
        return Response.ok(PLACEHOLDER.getBytes(StandardCharsets.UTF_8), "image/svg+xml")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            cameras.delete(id);
            live.forget(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/cameras?notice=deleted")).build();
    }

    private CameraRow row(long id) {
        try {
            return CameraRow.of(cameras.get(id), live.health(id));
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
    }

    private TemplateInstance page(CameraForm form, FormErrors errors, String notice) {
        List<CameraRow> rows = cameras.list().stream().map(c -> CameraRow.of(c, live.health(c.id))).toList();
        return Templates.cameras(current.frame("cameras"), rows, form, errors, notice, REFRESH_SECONDS,
                System.currentTimeMillis());
    }

    static String text(Instant at) {
        return at == null ? "" : at.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
