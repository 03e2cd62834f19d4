package org.polyplex.console.restream;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;
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
import org.polyplex.platform.web.ApiException;
import org.polyplex.restream.destination.DestinationInput;
import org.polyplex.restream.destination.DestinationService;
import org.polyplex.restream.destination.DestinationUrls;
import org.polyplex.restream.destination.Preset;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Restream destinations: the paged list (URL without the key, whether a key is set, last use)
 * and a create form whose stream key is write-only, then delete. Through {@link DestinationService}.
 */
@Path("/console/destinations")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class DestinationsResource {

    static final int PAGE_SIZE = 25;

    /** One destination in the list: never its key. */
    @TemplateData
    public record DestinationRow(long id, String name, String preset, String url, boolean keySet, String lastUsed) {
    }

    /** The create form as posted, without the key (a key is never rendered back). */
    @TemplateData
    public record DestinationForm(String name, String preset, String url) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance destinations(Frame frame, List<DestinationRow> rows, Pager pager,
                DestinationForm form, List<String> presets, FormErrors errors, String notice);
    }

    private final DestinationService destinations;
    private final CurrentSession current;
    private final Validator validator;

    DestinationsResource(DestinationService destinations, CurrentSession current, Validator validator) {
        this.destinations = destinations;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@RestQuery int page, @RestQuery String notice) {
        String text = switch (notice == null ? "" : notice) {
            case "created" -> "Destination created.";
            case "deleted" -> "Destination deleted.";
            case "saved" -> "Destination saved.";
            default -> "";
        };
        return page(page, new DestinationForm("", "custom", ""), FormErrors.none(), text);
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String name, @RestForm String preset,
            @RestForm String url, @RestForm String streamKey) {
        current.requireToken(csrf);
        DestinationForm form = new DestinationForm(name, preset, url);
        FormErrors errors = FormErrors.none();
        Preset p = null;
        try {
            p = Preset.fromWire(preset == null ? "" : preset);
        } catch (IllegalArgumentException e) {
            errors.add("preset", "must be one of " + String.join(", ", presets()));
        }
        DestinationInput input = new DestinationInput(name == null ? "" : name.strip(), p, blankToNull(url),
                blankToNull(streamKey));
        validator.validate(input).forEach(c -> errors.add(c.getPropertyPath().toString(), c.getMessage()));
        if (!errors.any()) {
            try {
                destinations.create(input);
                return Response.seeOther(URI.create("/console/destinations?notice=created")).build();
            } catch (ApiException e) {
                errors.add(FormErrors.of(e));
            }
        }
        return Response.status(400).entity(page(0, form, errors, "")).build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            destinations.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/destinations?notice=deleted")).build();
    }

    private TemplateInstance page(int page, DestinationForm form, FormErrors errors, String notice) {
        int p = Math.max(0, page);
        var found = destinations.list(null, p, PAGE_SIZE);
        List<DestinationRow> rows = found.items().stream().map(d -> new DestinationRow(d.id, d.name, d.preset.wire(),
                DestinationUrls.base(d.preset, d.url), d.streamKey != null, text(d.lastUsedAt))).toList();
        return Templates.destinations(current.frame("restreams"), rows,
                Pager.of("/console/destinations", Map.of(), p, PAGE_SIZE, found.total()), form, presets(), errors,
                notice);
    }

    static List<String> presets() {
        return java.util.Arrays.stream(Preset.values()).map(Preset::wire).toList();
    }

    static String text(Instant at) {
        return at == null ? "" : at.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
