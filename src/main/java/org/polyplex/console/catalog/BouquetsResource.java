package org.polyplex.console.catalog;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.catalog.BouquetInput;
import org.polyplex.catalog.BouquetService;
import org.polyplex.catalog.model.Bouquet;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * Bouquets: the paged list with search, create, and a bouquet's page (rename, choose its whole
 * categories, add and remove single channels, delete). Every write is a {@link BouquetInput}
 * through {@link BouquetService}, validated as {@code /api/bouquets} is; lines are given bouquets
 * on the line form.
 */
@Path("/console/bouquets")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class BouquetsResource {

    static final int PAGE_SIZE = 50;

    /** One bouquet in the list. */
    @TemplateData
    public record BouquetRow(long id, String name, int categories, int channels) {
        static BouquetRow of(Bouquet b) {
            return new BouquetRow(b.id, b.name, b.categoryIds.size(), b.channelIds.size());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bouquets(Frame frame, List<BouquetRow> rows, Pager pager, String q, String name,
                FormErrors errors);

        static native TemplateInstance bouquet(Frame frame, BouquetPages.BouquetPage page, FormErrors errors, String notice);
    }

    private static final Map<String, String> NOTICES = Map.of(
            "created", "The bouquet is created: choose its categories and channels.",
            "saved", "Saved.",
            "added", "The channels are added.",
            "removed", "The channel is taken out of the bouquet.");

    private final BouquetService bouquets;
    private final BouquetPages pages;
    private final CurrentSession current;
    private final Validator validator;

    BouquetsResource(BouquetService bouquets, BouquetPages pages, CurrentSession current, Validator validator) {
        this.bouquets = bouquets;
        this.pages = pages;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery int page) {
        return listPage(q, page, "", FormErrors.none());
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String name) {
        current.requireToken(csrf);
        BouquetInput input = new BouquetInput(name == null ? "" : name.strip(), Set.of(), Set.of());
        FormErrors errors = FormErrors.of(validator.validate(input));
        if (!errors.any()) {
            try {
                return seeOther(bouquets.create(input).id, "created");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(listPage(null, 0, name, errors)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance bouquet(@RestPath long id, @RestQuery String cq, @RestQuery int page,
            @RestQuery String notice) {
        return Templates.bouquet(current.frame("bouquets"), pages.of(find(id), null, cq, page), FormErrors.none(),
                NOTICES.getOrDefault(notice == null ? "" : notice, ""));
    }

    /** Renames the bouquet and sets its whole categories; its single channels stay. */
    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String csrf, @RestForm String name,
            @RestForm List<Long> categoryIds) {
        current.requireToken(csrf);
        Bouquet bouquet = find(id);
        Set<Long> categories = categoryIds == null ? Set.of() : Set.copyOf(categoryIds);
        return write(bouquet, new BouquetInput(name == null ? "" : name.strip(), categories,
                Set.copyOf(bouquet.channelIds)), name, "saved");
    }

    @POST
    @Path("{id}/channels")
    public Response addChannels(@RestPath long id, @RestForm String csrf, @RestForm List<Long> channelIds) {
        current.requireToken(csrf);
        Bouquet bouquet = find(id);
        Set<Long> channels = new HashSet<>(bouquet.channelIds);
        if (channelIds != null) {
            channels.addAll(channelIds);
        }
        return write(bouquet, new BouquetInput(bouquet.name, Set.copyOf(bouquet.categoryIds), channels), null,
                "added");
    }

    @POST
    @Path("{id}/channels/remove")
    public Response removeChannel(@RestPath long id, @RestForm String csrf, @RestForm long channel) {
        current.requireToken(csrf);
        Bouquet bouquet = find(id);
        Set<Long> channels = new HashSet<>(bouquet.channelIds);
        channels.remove(channel);
        return write(bouquet, new BouquetInput(bouquet.name, Set.copyOf(bouquet.categoryIds), channels), null,
                "removed");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            bouquets.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/bouquets")).build();
    }

    private Response write(Bouquet bouquet, BouquetInput input, String typedName, String notice) {
        FormErrors errors = FormErrors.of(validator.validate(input));
        if (!errors.any()) {
            try {
                bouquets.update(bouquet.id, input);
                return seeOther(bouquet.id, notice);
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(Templates.bouquet(current.frame("bouquets"),
                pages.of(find(bouquet.id), typedName, null, 0), errors, "")).build();
    }

    private TemplateInstance listPage(String q, int page, String name, FormErrors errors) {
        int p = Math.max(0, page);
        String text = q == null ? "" : q.strip();
        var found = bouquets.list(text.isEmpty() ? null : text, p, PAGE_SIZE);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", text);
        return Templates.bouquets(current.frame("bouquets"), found.items().stream().map(BouquetRow::of).toList(),
                Pager.of("/console/bouquets", filters, p, PAGE_SIZE, found.total()), text, name == null ? "" : name,
                errors);
    }

    private Bouquet find(long id) {
        try {
            return bouquets.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(404, "Bouquet " + id + " does not exist.");
        }
    }

    private static Response seeOther(long id, String notice) {
        return Response.seeOther(URI.create("/console/bouquets/" + id + "?notice=" + notice)).build();
    }
}
