package org.polyplex.console.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Validator;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelInput.SourceInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.probe.ProbeReport;
import org.polyplex.catalog.probe.SourceProbe;
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
 * A channel's ordered sources: add at the end, move one up or down, put them in a new order
 * (the page's drag and drop), remove, and "test now" (an ffprobe of one source through
 * {@link SourceProbe}). Writes are the channel's {@link ChannelInput} with the new sources,
 * through {@link ChannelService}, validated as {@code /api/channels} is.
 */
@Path("/console/channels/{id}/sources")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ChannelSourcesResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance probe(Frame frame, long id, String channel, int position, ProbeReport report);
    }

    private final ChannelService channels;
    private final ChannelPages pages;
    private final SourceProbe probe;
    private final CurrentSession current;
    private final Validator validator;

    ChannelSourcesResource(ChannelService channels, ChannelPages pages, SourceProbe probe, CurrentSession current,
            Validator validator) {
        this.channels = channels;
        this.pages = pages;
        this.probe = probe;
        this.current = current;
        this.validator = validator;
    }

    @POST
    public Response add(@RestPath long id, @RestForm String csrf, @RestForm String url) {
        current.requireToken(csrf);
        Channel channel = pages.find(id);
        List<SourceInput> sources = ChannelForm.sourcesOf(channel);
        sources.add(new SourceInput(url == null ? "" : url.strip(), sources.size(), null));
        return write(channel, sources, "source-added");
    }

    @POST
    @Path("move")
    public Response move(@RestPath long id, @RestForm String csrf, @RestForm int index, @RestForm String direction) {
        current.requireToken(csrf);
        Channel channel = pages.find(id);
        List<SourceInput> sources = ChannelForm.sourcesOf(channel);
        int other = "up".equals(direction) ? index - 1 : index + 1;
        if (index < 0 || index >= sources.size() || other < 0 || other >= sources.size()) {
            return ChannelForm.seeOther(id, null);
        }
        sources.set(index, sources.set(other, sources.get(index)));
        return write(channel, sources, "reordered");
    }

    /**
     * Puts the sources in a new order: {@code order} lists the current positions (zero-based,
     * comma-separated) in the order wanted, each once. Anything else leaves the order as it is.
     */
    @POST
    @Path("order")
    public Response order(@RestPath long id, @RestForm String csrf, @RestForm String order) {
        current.requireToken(csrf);
        Channel channel = pages.find(id);
        List<SourceInput> sources = ChannelForm.sourcesOf(channel);
        List<Integer> wanted = permutation(order, sources.size());
        if (wanted == null) {
            return ChannelForm.seeOther(id, null);
        }
        List<SourceInput> reordered = new ArrayList<>();
        wanted.forEach(i -> reordered.add(sources.get(i)));
        return write(channel, reordered, "reordered");
    }

    @POST
    @Path("remove")
    public Response remove(@RestPath long id, @RestForm String csrf, @RestForm int index) {
        current.requireToken(csrf);
        Channel channel = pages.find(id);
        List<SourceInput> sources = ChannelForm.sourcesOf(channel);
        if (index >= 0 && index < sources.size()) {
            sources.remove(index);
        }
        return write(channel, sources, "source-removed");
    }

    /** Runs ffprobe against one source now and shows what it found; the page's script shows it in place. */
    @POST
    @Path("test")
    public TemplateInstance test(@RestPath long id, @RestForm String csrf, @RestForm int index) {
        current.requireToken(csrf);
        Channel channel = pages.find(id);
        if (index < 0 || index >= channel.sources.size()) {
            throw new ConsoleRefusal(404, "Channel " + id + " has no source " + (index + 1)
                    + ".");
        }
        ProbeReport report = probe.probe(channel.sources.get(index).url);
        return Templates.probe(current.frame("channels"), id, channel.name, index + 1, report);
    }

    /** The positions in {@code order}, when they are each of 0..size-1 once; otherwise null. */
    static List<Integer> permutation(String order, int size) {
        if (order == null || !order.matches("[0-9]{1,3}(,[0-9]{1,3}){0,99}")) {
            return null;
        }
        List<Integer> list = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (String part : order.split(",")) {
            int i = Integer.parseInt(part);
            if (i >= size || !seen.add(i)) {
                return null;
            }
            list.add(i);
        }
        return list.size() == size ? list : null;
    }

    private Response write(Channel channel, List<SourceInput> sources, String notice) {
        List<SourceInput> ordered = new ArrayList<>();
        sources.forEach(s -> ordered.add(new SourceInput(s.url(), ordered.size(), s.maxConnections())));
        ChannelForm form = ChannelForm.of(channel);
        FormErrors errors = FormErrors.none();
        ChannelInput input = ChannelForm.validated(validator, form.toInput(ordered, errors), errors);
        if (input != null) {
            try {
                channels.update(channel.id, input);
                return ChannelForm.seeOther(channel.id, notice);
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400).entity(pages.page(channel, form, errors, null)).build();
    }
}
