package org.polyplex.console.catalog;

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

import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
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
 * Channels: the server-paged list (search by name or number, filter by group and state, check
 * channels for {@link ChannelBulkResource}), create with sources, edit, delete. The ordered
 * sources are {@link ChannelSourcesResource}'s. Every write is a {@link ChannelInput} through
 * {@link ChannelService}, validated as {@code /api/channels} is.
 */
@Path("/console/channels")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ChannelsResource {

    static final int PAGE_SIZE = 50;

    /** One channel in the list. */
    @TemplateData
    public record ChannelRow(long id, Integer number, String name, String group, int sources, boolean enabled) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channels(Frame frame, List<ChannelRow> rows, Pager pager, String q,
                String group, String state, List<ChannelPages.Group> groups, String back, String notice);

        static native TemplateInstance create(Frame frame, ChannelForm form, FormErrors errors,
                List<ChannelPages.Group> groups);

        static native TemplateInstance channel(Frame frame, long id, ChannelForm form, FormErrors errors,
                List<ChannelPages.Group> groups, List<ChannelPages.SourceRow> sources, String notice);
    }

    private final ChannelService channels;
    private final ChannelPages pages;
    private final CurrentSession current;
    private final Validator validator;

    ChannelsResource(ChannelService channels, ChannelPages pages, CurrentSession current, Validator validator) {
        this.channels = channels;
        this.pages = pages;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String group, @RestQuery String state,
            @RestQuery int page, @RestQuery String notice) {
        String text = q == null ? "" : q.strip();
        Integer number = text.matches("[0-9]{1,7}") ? Integer.valueOf(text) : null;
        Long groupId = group == null || !group.matches("[0-9]{1,18}") ? null : Long.valueOf(group);
        Boolean enabled = "enabled".equals(state) ? Boolean.TRUE : "disabled".equals(state) ? Boolean.FALSE : null;
        int p = Math.max(0, page);
        var found = channels.list(groupId, enabled, number == null && !text.isEmpty() ? text : null, number, p,
                PAGE_SIZE);
        List<ChannelPages.Group> groups = pages.groups();
        Map<Long, String> names = new LinkedHashMap<>();
        groups.forEach(g -> names.put(Long.valueOf(g.id()), g.name()));
        List<ChannelRow> rows = found.items().stream().map(c -> new ChannelRow(c.id, c.number, c.name,
                c.categoryId == null ? "" : names.getOrDefault(c.categoryId, "#" + c.categoryId), c.sources.size(),
                c.enabled)).toList();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", text);
        filters.put("group", groupId == null ? "" : groupId.toString());
        filters.put("state", enabled == null ? "" : state);
        Pager pager = Pager.of("/console/channels", filters, p, PAGE_SIZE, found.total());
        return Templates.channels(current.frame("channels"), rows, pager, text,
                groupId == null ? "" : groupId.toString(), enabled == null ? "" : state, groups,
                pager.base() + "page=" + p, ChannelBulkResource.notice(notice));
    }

    @GET
    @Path("new")
    public TemplateInstance blank() {
        return Templates.create(current.frame("channels"), ChannelForm.blank(), FormErrors.none(), pages.groups());
    }

    @POST
    public Response create(@RestForm String csrf, @RestForm String name, @RestForm String number,
            @RestForm String categoryId, @RestForm String logoUrl, @RestForm String epgId, @RestForm boolean enabled,
            @RestForm String sources, @RestForm String archiveDays) {
        current.requireToken(csrf);
        ChannelForm form = new ChannelForm(name, number, categoryId, logoUrl, epgId, enabled, sources, archiveDays);
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
        return Response.status(400).entity(Templates.create(current.frame("channels"), form, errors, pages.groups()))
                .build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance channel(@RestPath long id, @RestQuery String notice) {
        Channel channel = pages.find(id);
        return pages.page(channel, ChannelForm.of(channel), FormErrors.none(), notice);
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String csrf, @RestForm String name, @RestForm String number,
            @RestForm String categoryId, @RestForm String logoUrl, @RestForm String epgId,
            @RestForm boolean enabled, @RestForm String archiveDays) {
        current.requireToken(csrf);
        Channel channel = pages.find(id);
        ChannelForm form = new ChannelForm(name, number, categoryId, logoUrl, epgId, enabled, "", archiveDays);
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
        return Response.status(400).entity(pages.page(channel, form, errors, null)).build();
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

    private ChannelInput validated(ChannelInput input, FormErrors errors) {
        return ChannelForm.validated(validator, input, errors);
    }

    private static Response seeOther(long id, String notice) {
        return ChannelForm.seeOther(id, notice);
    }
}
