package org.polyplex.xtream.listing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.VodCatalog;
import org.polyplex.epg.GuideIds;
import org.polyplex.xtream.model.LiveStream;
import org.polyplex.xtream.model.XtreamCategory;
import org.polyplex.xtream.model.vod.SeriesItem;
import org.polyplex.xtream.model.vod.VodStream;

/** Maps catalog values to the Xtream JSON records, with the panels' quirks of type. Pure. */
final class XtreamMapping {

    /** Panels put uncategorised entries in category "0". */
    static final String NO_CATEGORY = "0";

    private XtreamMapping() {
    }

    static XtreamCategory category(CatalogSnapshot.Category c) {
        return new XtreamCategory(Long.toString(c.id()), c.name(), c.parentId() == null ? 0 : c.parentId());
    }

    /**
     * {@code epg_channel_id} is the channel's id in {@code xmltv.php}, so that apps find its guide;
     * {@code tv_archive}/{@code tv_archive_duration} are 1 and its catch-up days
     * (ours or its provider's, {@code LiveChannel#catchupDays}) when it has catch-up.
     */
    static LiveStream live(CatalogSnapshot.LiveChannel c, long position, GuideIds guideIds) {
        return new LiveStream(c.number() == null ? position : c.number(), c.name(), "live", c.id(),
                orEmpty(c.logoUrl()), guideIds.of(c), epoch(c.createdAt()), 0, categoryId(c.categoryId()),
                c.categoryIds(), "", c.catchupDays() > 0 ? 1 : 0, "", c.catchupDays(), "");
    }

    static VodStream movie(VodCatalog.Movie m, long position) {
        return new VodStream(position, m.name(), m.name(), year(m.releaseDate()), "movie", m.id(),
                orEmpty(m.posterUrl()), rating(m.rating()), rating5(m.rating()), epoch(m.createdAt()), 0,
                categoryId(m.categoryId()), categoryIds(m.categoryId()), m.extension(), "", "");
    }

    static SeriesItem series(VodCatalog.Series s, long position) {
        String released = s.releaseDate() == null ? "" : s.releaseDate().toString();
        return new SeriesItem(position, s.name(), s.name(), year(s.releaseDate()), "series", s.id(),
                orEmpty(s.coverUrl()), orEmpty(s.plot()), orEmpty(s.cast()), orEmpty(s.director()),
                orEmpty(s.genre()), released, released, epoch(s.updatedAt()), rating(s.rating()), rating5(s.rating()),
                s.backdropUrl() == null ? List.of() : List.of(s.backdropUrl()), orEmpty(s.trailer()),
                runTimeMinutes(s), categoryId(s.categoryId()), categoryIds(s.categoryId()));
    }

    static String categoryId(Long id) {
        return id == null ? NO_CATEGORY : Long.toString(id);
    }

    static List<Long> categoryIds(Long id) {
        return id == null ? List.of() : List.of(id);
    }

    static String epoch(Instant instant) {
        return instant == null ? "" : Long.toString(instant.getEpochSecond());
    }

    static String year(LocalDate date) {
        return date == null ? "" : Integer.toString(date.getYear());
    }

    static String rating(BigDecimal rating) {
        return rating == null ? "" : rating.stripTrailingZeros().toPlainString();
    }

    /** Panels scale the 10-point rating to 5 with one decimal. */
    static double rating5(BigDecimal rating) {
        return rating == null ? 0 : rating.divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP).doubleValue();
    }

    /** "HH:MM:SS", as panels format {@code duration}. */
    static String duration(Integer seconds) {
        int s = seconds == null ? 0 : seconds;
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String runTimeMinutes(VodCatalog.Series s) {
        return s.episodes().stream()
                .filter(e -> e.durationSeconds() != null)
                .findFirst()
                .map(e -> Integer.toString(e.durationSeconds() / 60))
                .orElse("");
    }
}
