package org.polyplex.console.streams;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;
import org.polyplex.ingest.StreamInput;
import org.polyplex.ingest.StreamService;
import org.polyplex.ingest.streams.Visibility;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Published streams: the paged list with each one's status and a create form (delete is on
 * {@link StreamPages}). Through {@link StreamService}.
 */
@Path("/console/streams")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class StreamsResource {

    static final int PAGE_SIZE = 25;

    /** One stream in the list. */
    @TemplateData
    public record StreamRow(long id, String name, String visibility, Long channelId, StreamStatusView status) {
    }

    /** The create form as posted. */
    @TemplateData
    public record StreamForm(String name, String visibility) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance streams(Frame frame, List<StreamRow> rows, Pager pager, String q,
                StreamForm form, FormErrors errors, String notice);
    }

    private final StreamService streams;
    private final CurrentSession current;
    private final Validator validator;

    StreamsResource(StreamService streams, CurrentSession current, Validator validator) {
        this.streams = streams;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery int page, @RestQuery String notice) {
        return page(q, page, new StreamForm("", "private"), FormErrors.none(),
                "deleted".equals(notice) ? "The stream, its keys and its channel are deleted." : "");
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String name, @RestForm String visibility) {
        current.requireToken(csrf);
        StreamForm form = new StreamForm(name, visibility);
        FormErrors errors = FormErrors.none();
        Visibility v = null;
        try {
            v = Visibility.fromWire(visibility == null ? "" : visibility);
        } catch (IllegalArgumentException e) {
            errors.add("visibility", e.getMessage());
        }
        StreamInput input = new StreamInput(name == null ? "" : name.strip(), v, null, null);
        validator.validate(input).forEach(c -> errors.add(c.getPropertyPath().toString(), c.getMessage()));
        if (!errors.any()) {
            try {
                long id = streams.create(input).id;
                return Response.seeOther(URI.create("/console/streams/" + id + "?notice=created")).build();
            } catch (ApiException e) {
                errors.add(FormErrors.of(e));
            }
        }
        return Response.status(400).entity(page(null, 0, form, errors, "")).build();
    }

    private TemplateInstance page(String q, int page, StreamForm form, FormErrors errors, String notice) {
        int p = Math.max(0, page);
        String query = q == null || q.isBlank() ? null : q.strip();
        var found = streams.list(query, p, PAGE_SIZE);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", q);
        List<StreamRow> rows = found.items().stream().map(s -> new StreamRow(s.id, s.name, s.visibility.wire(),
                s.channelId, StreamStatusView.of(streams, s.id))).toList();
        return Templates.streams(current.frame("streams"), rows,
                Pager.of("/console/streams", filters, p, PAGE_SIZE, found.total()), q == null ? "" : q, form, errors,
                notice);
    }
}
