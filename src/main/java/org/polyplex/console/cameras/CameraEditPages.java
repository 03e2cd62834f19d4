package org.polyplex.console.cameras;

import java.net.URI;

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
import org.polyplex.console.cameras.CamerasResource.CameraForm;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.common.annotation.Blocking;

/**
 * Edits a camera. The password is write-only: the field is always empty, an empty field keeps
 * the stored password, the "remove" box removes it. Through {@link CameraService}.
 */
@Path("/console/cameras/{id}/edit")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class CameraEditPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(Frame frame, long id, CameraForm form, boolean passwordSet,
                FormErrors errors);
    }

    private final CameraService cameras;
    private final Cameras live;
    private final CurrentSession current;
    private final Validator validator;

    CameraEditPages(CameraService cameras, Cameras live, CurrentSession current, Validator validator) {
        this.cameras = cameras;
        this.live = live;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance page(@RestPath long id) {
        Camera c = camera(id);
        return Templates.edit(current.frame("cameras"), id, new CameraForm(c.name, c.url, c.transport.wire(),
                c.username == null ? "" : c.username, c.snapshotUrl == null ? "" : c.snapshotUrl),
                c.passwordEncrypted != null, FormErrors.none());
    }

    @POST
    public Response save(@RestPath long id, @RestForm String csrf, @RestForm String name, @RestForm String url,
            @RestForm String transport, @RestForm String username, @RestForm String password,
            @RestForm String removePassword, @RestForm String snapshotUrl) {
        current.requireToken(csrf);
        Camera c = camera(id);
        CameraForm form = new CameraForm(name, url, transport, username, snapshotUrl);
        String pw = removePassword != null ? "" : password == null || password.isEmpty() ? null : password;
        CameraInput input = new CameraInput(name == null ? "" : name.strip(), url == null ? "" : url.strip(),
                blank(transport), blank(username), pw, blank(snapshotUrl), null);
        FormErrors errors = FormErrors.none();
        validator.validate(input).forEach(v -> errors.add(v.getPropertyPath().toString(), v.getMessage()));
        if (!errors.any()) {
            try {
                cameras.update(id, input);
                live.probeSoon(id);
                return Response.seeOther(URI.create("/console/cameras/" + id)).build();
            } catch (ApiException e) {
                errors.add(FormErrors.of(e));
            }
        }
        return Response.status(400)
                .entity(Templates.edit(current.frame("cameras"), id, form, c.passwordEncrypted != null, errors))
                .build();
    }

    private Camera camera(long id) {
        try {
            return cameras.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
