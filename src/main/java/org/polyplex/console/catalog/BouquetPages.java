package org.polyplex.console.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Bouquet;
import org.polyplex.catalog.model.Channel;
import org.polyplex.console.web.Pager;

import io.quarkus.qute.TemplateData;

/**
 * Reads what a bouquet's page shows: every category as a check box (the first
 * {@value #MAX_CATEGORIES}), the bouquet's single channels a page at a time, and the channels a
 * search found to add.
 */
@ApplicationScoped
public class BouquetPages {

    static final int MAX_CATEGORIES = 500;
    static final int PAGE_SIZE = 50;
    static final int FOUND_SIZE = 25;

    /** A category of the pickers, with whether the bouquet holds it. */
    @TemplateData
    public record CategoryChoice(long id, String name, String kind, boolean chosen) {
    }

    /** A channel on the page: a member, or a search result ({@code member} says which). */
    @TemplateData
    public record ChannelChoice(long id, Integer number, String name, boolean member) {
    }

    /** Everything the bouquet page shows; {@code name} is as typed when a save failed. */
    @TemplateData
    public record BouquetPage(long id, String name, List<CategoryChoice> categories, List<ChannelChoice> channels,
            Pager pager, String cq, List<ChannelChoice> found, long foundTotal) {
    }

    private final CategoryService categories;
    private final ChannelService channels;

    BouquetPages(CategoryService categories, ChannelService channels) {
        this.categories = categories;
        this.channels = channels;
    }

    BouquetPage of(Bouquet bouquet, String typedName, String cq, int page) {
        List<CategoryChoice> choices = categories.list(null, null, null, 0, MAX_CATEGORIES).items().stream()
                .map(c -> new CategoryChoice(c.id, c.name, c.kind.wire(), bouquet.categoryIds.contains(c.id)))
                .toList();
        List<Long> ids = bouquet.channelIds.stream().sorted().toList();
        int p = Math.max(0, Math.min(page, ids.size() / PAGE_SIZE));
        List<Long> slice = ids.subList(Math.min(ids.size(), p * PAGE_SIZE),
                Math.min(ids.size(), (p + 1) * PAGE_SIZE));
        List<ChannelChoice> members = channels.byIds(slice).stream().map(c -> choice(c, true)).toList();
        String text = cq == null ? "" : cq.strip();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("cq", text);
        List<ChannelChoice> found = List.of();
        long foundTotal = 0;
        if (!text.isEmpty()) {
            Integer number = text.matches("[0-9]{1,7}") ? Integer.valueOf(text) : null;
            var result = channels.list(null, null, number == null ? text : null, number, 0, FOUND_SIZE);
            found = result.items().stream().map(c -> choice(c, bouquet.channelIds.contains(c.id))).toList();
            foundTotal = result.total();
        }
        return new BouquetPage(bouquet.id, typedName == null ? bouquet.name : typedName, choices, members,
                Pager.of("/console/bouquets/" + bouquet.id, filters, p, PAGE_SIZE, ids.size()), text, found,
                foundTotal);
    }

    private static ChannelChoice choice(Channel c, boolean member) {
        return new ChannelChoice(c.id, c.number, c.name, member);
    }
}
