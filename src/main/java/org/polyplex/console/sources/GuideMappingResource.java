package org.polyplex.console.sources;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelInput.SourceInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Channel;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.Pager;
import org.polyplex.epg.EpgService;
import org.polyplex.epg.store.GuideSuggestion;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;

/**
 * The EPG mapping page: enabled channels that no guide matches (as {@code GET
 * /api/epg/unmatched-channels} lists them), paged on the server, each with the guides whose names
 * come close ({@link EpgService#suggestGuides}); accepting one sets it as the channel's epg id
 * through {@link ChannelService}, as {@code PUT /api/channels/{id}} would. Suggestions are worked
 * out for the channels of the page shown only.
 */
@Path("/console/epg-mapping")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class GuideMappingResource {

    static final int PAGE_SIZE = 25;
    static final int SUGGESTIONS = 3;

    /** A channel without guide and the guides that may be its own. */
    @TemplateData
    public record Row(long id, String number, String name, String epgId, List<GuideSuggestion> suggestions) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mapping(Frame frame, List<Row> rows, Pager pager, String q, long total,
                String notice, String error);
    }

    private final EpgService epg;
    private final ChannelService channels;
    private final CurrentSession current;
    private final Validator validator;

    GuideMappingResource(EpgService epg, ChannelService channels, CurrentSession current, Validator validator) {
        this.epg = epg;
        this.channels = channels;
        this.current = current;
        this.validator = validator;
    }

    @GET
    public TemplateInstance page(@RestQuery String q, @RestQuery int page, @RestQuery String notice) {
        return render(q, page, "mapped".equals(notice) ? "The guide is set: the channel has guide data now." : "",
                "");
    }

    /** Sets a guide id (a suggestion accepted, or one typed) as the channel's epg id. */
    @POST
    @Path("{id}")
    public Response accept(@RestPath long id, @RestForm String csrf, @RestForm String epgId, @RestForm String q,
            @RestForm int page) {
        current.requireToken(csrf);
        Channel channel;
        try {
            channel = channels.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(404, "Channel " + id + " does not exist.");
        }
        List<SourceInput> sources = new ArrayList<>();
        channel.sources.forEach(s -> sources.add(new SourceInput(s.url, sources.size(), s.maxConnections)));
        ChannelInput input = new ChannelInput(channel.name, channel.number, channel.categoryId, channel.logoUrl,
                Numbers.blankToNull(epgId), channel.enabled, sources);
        FormErrors errors = FormErrors.of(validator.validate(input));
        if (input.epgId() == null) {
            errors.add("epgId", "is required");
        }
        if (!errors.any()) {
            try {
                channels.update(id, input);
                String query = q == null || q.isBlank() ? "" : "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
                return Response.seeOther(URI.create("/console/epg-mapping?notice=mapped&page=" + Math.max(0, page)
                        + query)).build();
            } catch (ApiException e) {
                errors = FormErrors.of(e);
            }
        }
        return Response.status(400)
                .entity(render(q, page, "", channel.name + ": " + errors.others("").replaceFirst("^epgId: ", "epg id ")))
                .build();
    }

    private TemplateInstance render(String q, int page, String notice, String error) {
        String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        List<LiveChannel> unmatched = epg.unmatchedChannels().stream()
                .filter(c -> needle == null || c.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
        int p = Math.max(0, page);
        int from = (int) Math.min((long) p * PAGE_SIZE, unmatched.size());
        List<Row> rows = unmatched.subList(from, Math.min(unmatched.size(), from + PAGE_SIZE)).stream()
                .map(c -> new Row(c.id(), c.number() == null ? "" : c.number().toString(), c.name(),
                        c.epgId() == null ? "" : c.epgId(), epg.suggestGuides(c, SUGGESTIONS)))
                .toList();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", q);
        return Templates.mapping(current.frame("sources"), rows,
                Pager.of("/console/epg-mapping", filters, p, PAGE_SIZE, unmatched.size()), q == null ? "" : q,
                unmatched.size(), notice, error);
    }
}
