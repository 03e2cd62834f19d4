package org.polyplex.xtream.listing;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;

import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.VodCatalog;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.epg.GuideIds;
import org.polyplex.xtream.gate.XtreamSession;
import org.polyplex.xtream.model.LiveStream;
import org.polyplex.xtream.model.XtreamCategory;
import org.polyplex.xtream.model.vod.SeriesItem;
import org.polyplex.xtream.model.vod.VodStream;

/**
 * The list actions over one session's visible catalog. Lists are lazy streams so that the
 * resource writes them element by element. Expired and disabled lines see empty lists.
 */
public final class XtreamCatalog {

    private XtreamCatalog() {
    }

    public static List<XtreamCategory> categories(XtreamSession session, CategoryKind kind) {
        if (!session.active()) {
            return List.of();
        }
        var access = session.access();
        return session.catalog().categories(kind).stream()
                .filter(c -> kind == CategoryKind.LIVE ? access.canSee(c) : access.canSeeCategory(c.id()))
                .map(XtreamMapping::category)
                .toList();
    }

    /**
     * @param categoryId the raw {@code category_id}: absent lists everything, an id filters,
     *        anything else (non-numeric, huge) matches nothing
     * @param guideIds the XMLTV ids of the session's catalog ({@code epg_channel_id})
     */
    public static Stream<LiveStream> liveStreams(XtreamSession session, GuideIds guideIds, String categoryId,
            Paging paging) {
        if (!session.active()) {
            return Stream.empty();
        }
        var access = session.access();
        Stream<CatalogSnapshot.LiveChannel> visible = session.catalog().channels().stream().filter(access::canSee);
        long[] position = { 0 };
        // a channel is listed under each of its categories (group-title="General;News")
        if (categoryId != null && !categoryId.isEmpty()) {
            OptionalLong wanted = Ids.parse(categoryId);
            visible = wanted.isEmpty() ? Stream.empty() : visible.filter(c -> c.inCategory(wanted.getAsLong()));
        }
        return paging.apply(visible.map(c -> XtreamMapping.live(c, ++position[0], guideIds)));
    }

    public static Stream<VodStream> vodStreams(XtreamSession session, String categoryId, Paging paging) {
        if (!session.active()) {
            return Stream.empty();
        }
        var access = session.access();
        Stream<VodCatalog.Movie> visible = session.catalog().vod().movies().stream()
                .filter(m -> access.canSeeCategory(m.categoryId()));
        long[] position = { 0 };
        return paging.apply(filterCategory(visible, categoryId, VodCatalog.Movie::categoryId)
                .map(m -> XtreamMapping.movie(m, ++position[0])));
    }

    public static Stream<SeriesItem> series(XtreamSession session, String categoryId, Paging paging) {
        if (!session.active()) {
            return Stream.empty();
        }
        var access = session.access();
        Stream<VodCatalog.Series> visible = session.catalog().vod().series().stream()
                .filter(s -> access.canSeeCategory(s.categoryId()));
        long[] position = { 0 };
        return paging.apply(filterCategory(visible, categoryId, VodCatalog.Series::categoryId)
                .map(s -> XtreamMapping.series(s, ++position[0])));
    }

    private static <T> Stream<T> filterCategory(Stream<T> items, String categoryId,
            Function<T, Long> categoryOf) {
        if (categoryId == null || categoryId.isEmpty()) {
            return items;
        }
        OptionalLong id = Ids.parse(categoryId);
        if (id.isEmpty()) {
            return Stream.empty();
        }
        long wanted = id.getAsLong();
        return items.filter(item -> {
            Long category = categoryOf.apply(item);
            return category != null && category == wanted;
        });
    }
}
