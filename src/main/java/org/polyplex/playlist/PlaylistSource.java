package org.polyplex.playlist;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.VodCatalog;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.platform.http.StreamUrls;

/**
 * What one account's playlist holds, in order: visible live channels, then movies, then series
 * episodes, each filtered by {@code key}. Feeds {@link M3uWriter} one item at a time.
 */
final class PlaylistSource {

    private final CatalogSnapshot catalog;
    private final CatalogSnapshot.Access access;
    private final StreamUrls urls;
    private final PlaylistRequest request;
    private final Function<CatalogSnapshot.LiveChannel, String> xmltvIds;
    private final String defaultGroup;
    private final Map<Long, String> categoryNames = new HashMap<>();

    /**
     * @param xmltvIds the XMLTV ids of {@code catalog}'s channels ({@code tvg-id})
     * @param defaultGroup {@code group-title} of entries without a category
     */
    PlaylistSource(CatalogSnapshot catalog, CatalogSnapshot.Access access, StreamUrls urls, PlaylistRequest request,
            Function<CatalogSnapshot.LiveChannel, String> xmltvIds, String defaultGroup) {
        this.catalog = catalog;
        this.xmltvIds = xmltvIds;
        this.defaultGroup = defaultGroup;
        this.access = access;
        this.urls = urls;
        this.request = request;
        for (CategoryKind kind : CategoryKind.values()) {
            catalog.categories(kind).forEach(c -> categoryNames.put(c.id(), c.name()));
        }
    }

    boolean extended() {
        return request.extended();
    }

    void writeTo(M3uWriter writer) throws IOException {
        writer.header(urls.xmltv());
        if (request.kinds().contains(PlaylistRequest.Kind.LIVE)) {
            for (CatalogSnapshot.LiveChannel c : catalog.channels()) {
                if (access.canSee(c)) {
                    writer.item(new PlaylistItem(xmltvIds.apply(c), c.name(), c.logoUrl(), group(c.categoryId()), c.number(),
                            urls.live(c.id(), request.liveExtension()), c.catchupDays(),
                            c.catchupDays() > 0 ? urls.catchup(c.id()) : null));
                }
            }
        }
        if (request.kinds().contains(PlaylistRequest.Kind.MOVIE)) {
            for (VodCatalog.Movie m : catalog.vod().movies()) {
                if (access.canSeeCategory(m.categoryId())) {
                    writer.item(new PlaylistItem(null, m.name(), m.posterUrl(), group(m.categoryId()), null,
                            urls.movie(m.id(), m.extension())));
                }
            }
        }
        if (request.kinds().contains(PlaylistRequest.Kind.SERIES)) {
            for (VodCatalog.Series s : catalog.vod().series()) {
                if (access.canSeeCategory(s.categoryId())) {
                    writeEpisodes(writer, s);
                }
            }
        }
    }

    private void writeEpisodes(M3uWriter writer, VodCatalog.Series s) throws IOException {
        String group = group(s.categoryId());
        for (VodCatalog.Episode e : s.episodes()) {
            String name = String.format("%s S%02d E%02d", s.name(), e.season(), e.number());
            String logo = e.imageUrl() != null ? e.imageUrl() : s.coverUrl();
            writer.item(new PlaylistItem(null, name, logo, group, null, urls.episode(e.id(), e.extension())));
        }
    }

    private String group(Long categoryId) {
        String name = categoryId == null ? null : categoryNames.get(categoryId);
        return name == null || name.isBlank() ? defaultGroup : name;
    }
}
