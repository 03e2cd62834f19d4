package org.polyplex.console.restream;

import java.net.URI;
import java.util.List;

import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.console.restream.DestinationsResource.DestinationForm;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.platform.web.ApiException;
import org.polyplex.restream.destination.Destination;
import org.polyplex.restream.destination.DestinationInput;
import org.polyplex.restream.destination.DestinationService;
import org.polyplex.restream.destination.Preset;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.common.annotation.Blocking;

/**
 * Edits a destination. The stream key is write-only: the field is always empty, an empty field
 * keeps the stored key. Through {@link DestinationService}.
 */
@Path("/console/destinations/{id}/edit")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class DestinationEditPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(Frame frame, long id, DestinationForm form, boolean keySet,
                List<String> presets, FormErrors errors);
    }

    private final DestinationService destinations;
    private final CurrentSession current;
    private final Validator validator;

    DestinationEditPages(DestinationService destinations, CurrentSession current, Validator validator) {
        this.destinations = destinations;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance page(@RestPath long id) {
        Destination d = destination(id);
        return Templates.edit(current.frame("restreams"), id,
                new DestinationForm(d.name, d.preset.wire(), d.url == null ? "" : d.url), d.streamKey != null,
                DestinationsResource.presets(), FormErrors.none());
    }

    @POST
    public Response save(@RestPath long id, @RestForm String csrf, @RestForm String name, @RestForm String preset,
            @RestForm String url, @RestForm String streamKey) {
        current.requireToken(csrf);
        Destination d = destination(id);
        DestinationForm form = new DestinationForm(name, preset, url);
        FormErrors errors = FormErrors.none();
        Preset p = null;
        try {
            p = Preset.fromWire(preset == null ? "" : preset);
        } catch (IllegalArgumentException e) {
            errors.add("preset", "must be one of " + String.join(", ", DestinationsResource.presets()));
        }
        DestinationInput input = new DestinationInput(name == null ? "" : name.strip(), p,
                url == null || url.isBlank() ? null : url.strip(),
                streamKey == null || streamKey.isBlank() ? null : streamKey.strip());
        validator.validate(input).forEach(v -> errors.add(v.getPropertyPath().toString(), v.getMessage()));
        if (!errors.any()) {
            try {
                destinations.update(id, input);
                return Response.seeOther(URI.create("/console/destinations?notice=saved")).build();
            } catch (ApiException e) {
                errors.add(FormErrors.of(e));
            }
        }
        return Response.status(400).entity(Templates.edit(current.frame("restreams"), id, form, d.streamKey != null,
                DestinationsResource.presets(), errors)).build();
    }

    private Destination destination(long id) {
        try {
            return destinations.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
    }
}
