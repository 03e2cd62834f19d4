package org.polyplex.console.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.CurrentSession;
import org.polyplex.console.web.FormErrors;
import org.polyplex.platform.web.ApiException;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/** What the channel pages share: the group pickers, finding a channel, and rendering one channel's page. */
@ApplicationScoped
public class ChannelPages {

    /** Groups offered in the pickers; a catalog with more still pages, the picker lists the first ones. */
    static final int MAX_GROUPS = 500;

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

    private static final Map<String, String> NOTICES = Map.of(
            "created", "The channel is created.",
            "saved", "Saved.",
            "source-added", "The source is added at the end.",
            "reordered", "The sources are reordered: the first one is tried first.",
            "source-removed", "The source is removed.");

    private final ChannelService channels;
    private final CategoryService categories;
    private final CurrentSession current;

    ChannelPages(ChannelService channels, CategoryService categories, CurrentSession current) {
        this.channels = channels;
        this.categories = categories;
        this.current = current;
    }

    TemplateInstance page(Channel channel, ChannelForm form, FormErrors errors, String notice) {
        List<SourceRow> sources = new ArrayList<>();
        int n = channel.sources.size();
        channel.sources.forEach(s -> sources.add(new SourceRow(sources.size(), s.url, sources.isEmpty(),
                sources.size() == n - 1, s.online)));
        return ChannelsResource.Templates.channel(current.frame("channels"), channel.id, form, errors, groups(),
                sources, NOTICES.getOrDefault(notice == null ? "" : notice, ""));
    }

    List<Group> groups() {
        return categories.list(CategoryKind.LIVE, null, null, 0, MAX_GROUPS).items().stream()
                .map(c -> new Group(c.id.toString(), c.name)).toList();
    }

    Channel find(long id) {
        try {
            return channels.get(id);
        } catch (ApiException e) {
            throw new ConsoleRefusal(404, "Channel " + id + " does not exist.");
        }
    }
}
