package org.polyplex.console.catalog;

import java.net.URI;
import java.util.ArrayList;
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

import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelInput.SourceInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
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
 * Channels: the server-paged list (search by name or number, filter by group), create with
 * sources, edit, and the ordered sources (add, move up or down, remove). Every write is a
 * {@link ChannelInput} through {@link ChannelService}, validated as {@code /api/channels} is.
 */
@Path("/console/channels")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ChannelsResource {

    static final int PAGE_SIZE = 50;
    /** Groups offered in the pickers; a catalog with more still pages, the picker lists the first ones. */
    static final int MAX_GROUPS = 500;

    /** One channel in the list. */
    @TemplateData
    public record ChannelRow(long id, Integer number, String name, String group, int sources, boolean enabled) {
    }

    /** A group (live category) for the pickers. */
    @TemplateData
    public record Group(String id, String name) {
    }

    /** One source of a channel, in failover order. */
    @TemplateData
    public record SourceRow(int index, String url, boolean first, boolean last, Boolean online) {

        /** One-based, for people. */
        public int position() {
            return index + 1;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channels(Frame frame, List<ChannelRow> rows, Pager pager, String q,
                String group, List<Group> groups);

        static native TemplateInstance create(Frame frame, ChannelForm form, FormErrors errors, List<Group> groups);

        static native TemplateInstance channel(Frame frame, long id, ChannelForm form, FormErrors errors,
                List<Group> groups, List<SourceRow> sources, String notice);
    }

    private final ChannelService channels;
    private final CategoryService categories;
    private final CurrentSession current;
    private final Validator validator;

    ChannelsResource(ChannelService channels, CategoryService categories, CurrentSession current,
            Validator validator) {
        this.channels = channels;
        this.categories = categories;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String group, @RestQuery int page) {
        String text = q == null ? "" : q.strip();
        Integer number = text.matches("[0-9]{1,7}") ? Integer.valueOf(text) : null;
        Long groupId = group == null || !group.matches("[0-9]{1,18}") ? null : Long.valueOf(group);
        int p = Math.max(0, page);
        var found = channels.list(groupId, null, number == null && !text.isEmpty() ? text : null, number, p,
                PAGE_SIZE);
        List<Group> groups = groups();
        Map<Long, String> names = new LinkedHashMap<>();
        groups.forEach(g -> names.put(Long.valueOf(g.id()), g.name()));
        List<ChannelRow> rows = found.items().stream().map(c -> new ChannelRow(c.id, c.number, c.name,
                c.categoryId == null ? "" : names.getOrDefault(c.categoryId, "#" + c.categoryId), c.sources.size(),
                c.enabled)).toList();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", text);
        filters.put("group", groupId == null ? "" : groupId.toString());
        return Templates.channels(current.frame("channels"), rows,
                Pager.of("/console/channels", filters, p, PAGE_SIZE, found.total()), text,
                groupId == null ? "" : groupId.toString(), groups);
    }

    @GET
    @Path("new")
    public TemplateInstance blank() {
        return Templates.create(current.frame("channels"), ChannelForm.blank(), FormErrors.none(), groups());
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String name, @RestForm String number,
            @RestForm String categoryId, @RestForm String logoUrl, @RestForm String epgId, @RestForm boolean enabled,
            @RestForm String sources) {
        current.requireToken(csrf);
        ChannelForm form = new ChannelForm(name, number, categoryId, logoUrl, epgId, enabled, sources);
        FormErrors errors = FormErrors.none();
        ChannelInput input = validated(form.toInput(form.typedSources(), errors), errors);
        if (input != null) {
            try {
                Channel created = channels.create(input);
                return seeOther(created.id, "created");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(Templates.create(current.frame("channels"), form, errors, groups()))
                .build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance channel(@RestPath long id, @RestQuery String notice) {
        Channel channel = find(id);
        return page(channel, ChannelForm.of(channel), FormErrors.none(), notice);
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String csrf, @RestForm String name, @RestForm String number,
            @RestForm String categoryId, @RestForm String logoUrl, @RestForm String epgId,
            @RestForm boolean enabled) {
        current.requireToken(csrf);
        Channel channel = find(id);
        ChannelForm form = new ChannelForm(name, number, categoryId, logoUrl, epgId, enabled, "");
        FormErrors errors = FormErrors.none();
        ChannelInput input = validated(form.toInput(ChannelForm.sourcesOf(channel), errors), errors);
        if (input != null) {
            try {
                channels.update(id, input);
                return seeOther(id, "saved");
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(page(channel, form, errors, null)).build();
    }

    @POST
    @Path("{id}/sources")
    public Response addSource(@RestPath long id, @RestForm String csrf, @RestForm String url) {
        current.requireToken(csrf);
        Channel channel = find(id);
        List<SourceInput> sources = ChannelForm.sourcesOf(channel);
        sources.add(new SourceInput(url == null ? "" : url.strip(), sources.size(), null));
        return writeSources(channel, sources, "source-added");
    }

    @POST
    @Path("{id}/sources/move")
    public Response moveSource(@RestPath long id, @RestForm String csrf, @RestForm int index,
            @RestForm String direction) {
        current.requireToken(csrf);
        Channel channel = find(id);
        List<SourceInput> sources = ChannelForm.sourcesOf(channel);
        int other = "up".equals(direction) ? index - 1 : index + 1;
        if (index < 0 || index >= sources.size() || other < 0 || other >= sources.size()) {
            return seeOther(id, null);
        }
        sources.set(index, sources.set(other, sources.get(index)));
        return writeSources(channel, sources, "reordered");
    }

    @POST
    @Path("{id}/sources/remove")
    public Response removeSource(@RestPath long id, @RestForm String csrf, @RestForm int index) {
        current.requireToken(csrf);
        Channel channel = find(id);
        List<SourceInput> sources = ChannelForm.sourcesOf(channel);
        if (index >= 0 && index < sources.size()) {
            sources.remove(index);
        }
        return writeSources(channel, sources, "source-removed");
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String csrf) {
        current.requireToken(csrf);
        try {
            channels.delete(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return Response.seeOther(URI.create("/console/channels")).build();
    }

    private Response writeSources(Channel channel, List<SourceInput> sources, String notice) {
        List<SourceInput> ordered = new ArrayList<>();
        sources.forEach(s -> ordered.add(new SourceInput(s.url(), ordered.size(), s.maxConnections())));
        ChannelForm form = ChannelForm.of(channel);
        FormErrors errors = FormErrors.none();
        ChannelInput input = validated(form.toInput(ordered, errors), errors);
        if (input != null) {
            try {
                channels.update(channel.id, input);
                return seeOther(channel.id, notice);
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(page(channel, form, errors, null)).build();
    }

    private TemplateInstance page(Channel channel, ChannelForm form, FormErrors errors, String notice) {
        List<SourceRow> sources = new ArrayList<>();
        int n = channel.sources.size();
        channel.sources.forEach(s -> sources.add(new SourceRow(sources.size(), s.url, sources.isEmpty(),
                sources.size() == n - 1, s.online)));
        return Templates.channel(current.frame("channels"), channel.id, form, errors, groups(), sources,
                NOTICES.getOrDefault(notice == null ? "" : notice, ""));
    }

    private static final Map<String, String> NOTICES = Map.of(
            "created", "The channel is created.",
            "saved", "Saved.",
            "source-added", "The source is added at the end.",
            "reordered", "The sources are reordered: the first one is tried first.",
            "source-removed", "The source is removed.");

    private ChannelInput validated(ChannelInput input, FormErrors errors) {
        if (input == null) {
            return null;
        }
        validator.validate(input).forEach(v -> errors.add(v.getPropertyPath().toString(), v.getMessage()));
        return errors.any() ? null : input;
    }

    private List<Group> groups() {
        return categories.list(CategoryKind.LIVE, null, null, 0, MAX_GROUPS).items().stream()
                .map(c -> new Group(c.id.toString(), c.name)).toList();
    }

    private Channel find(long id) {
        try {
            return channels.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(404, "Channel " + id + " does not exist.");
        }
    }

    private static Response seeOther(long id, String notice) {
        return Response.seeOther(URI.create("/console/channels/" + id + (notice == null ? "" : "?notice=" + notice)))
                .build();
    }
}
