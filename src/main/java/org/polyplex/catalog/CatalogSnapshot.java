package org.polyplex.catalog;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.polyplex.catalog.model.CategoryKind;

/**
 * The enabled catalog as one immutable value, for readers that must not touch the database:
 * the stream proxy on the event loop, and the Xtream and playlist endpoints on every request.
 */
public final class CatalogSnapshot {

    /** A category as apps list it. */
    public record Category(long id, String name, CategoryKind kind, Long parentId, int sortOrder) {
    }

    /**
     * One upstream of a channel, in failover order, with the HTTP headers its requests carry
     * (validated, canonical names; empty for none); {@code archiveDays} the provider's own catch-up
     * archive of it (0 = none), read in {@code archiveTimeZone} (null: unknown).
     */
    public record Source(long id, String url, int priority, Integer maxConnections, Map<String, String> headers,
            int archiveDays, String archiveTimeZone) {

        /** An Xtream provider's live stream URL: base, username, password, stream id. */
        private static final Pattern XTREAM_LIVE = Pattern
                .compile("(https?://[^?#]+)/live/([^/?#]+)/([^/?#]+)/(\\d{1,12})\\.ts");

        public Source {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** A source without a provider archive. */
        public Source(long id, String url, int priority, Integer maxConnections, Map<String, String> headers) {
            this(id, url, priority, maxConnections, headers, 0, null);
        }

        /** A source whose requests need no headers of their own. */
        public Source(long id, String url, int priority, Integer maxConnections) {
            this(id, url, priority, maxConnections, Map.of());
        }

        /**
         * The parts of this source's Xtream {@code /live/{u}/{p}/{id}.ts} URL (base, username,
         * password, id, as they are in the URL) when the provider archives it; empty otherwise.
         */
        public Optional<String[]> providerTimeshift() {
            if (archiveDays <= 0) {
                return Optional.empty();
            }
            Matcher m = XTREAM_LIVE.matcher(url);
            return m.matches() ? Optional.of(new String[] { m.group(1), m.group(2), m.group(3), m.group(4) })
                    : Optional.empty();
        }
    }

    /**
     * An enabled live channel with its sources in failover order; {@code categoryIds} are all its
     * categories, the primary {@code categoryId} first (empty when it has none); {@code archiveDays}
     * its catch-up window (0 = not archived).
     */
    public record LiveChannel(long id, Integer number, String name, String logoUrl, String epgId, Long categoryId,
            List<Long> categoryIds, List<Source> sources, Instant createdAt, int archiveDays) {

        /** A channel with no archive. */
        public LiveChannel(long id, Integer number, String name, String logoUrl, String epgId, Long categoryId,
                List<Long> categoryIds, List<Source> sources, Instant createdAt) {
            this(id, number, name, logoUrl, epgId, categoryId, categoryIds, sources, createdAt, 0);
        }

        /** A channel in its primary category only. */
        public LiveChannel(long id, Integer number, String name, String logoUrl, String epgId, Long categoryId,
                List<Source> sources, Instant createdAt) {
            this(id, number, name, logoUrl, epgId, categoryId, categoryId == null ? List.of() : List.of(categoryId),
                    sources, createdAt);
        }

        /** The first source (failover order) whose provider archives it with an Xtream timeshift URL. */
        public Optional<Source> providerArchive() {
            return sources.stream().filter(s -> s.providerTimeshift().isPresent()).findFirst();
        }

        /**
         * The catch-up days apps are told of: the larger of our own archive's and the provider's
         * (through {@link #providerArchive()}). Recording reads {@code archiveDays} alone.
         */
        public int catchupDays() {
            return Math.max(archiveDays, providerArchive().map(Source::archiveDays).orElse(0));
        }

        /** Whether the channel is in this category, as its primary one or another. */
        public boolean inCategory(long category) {
            return categoryIds.contains(category);
        }
    }

    /** What a bouquet grants: whole categories and single channels; its name names its tuner devices. */
    public record Bouquet(long id, String name, Set<Long> categoryIds, Set<Long> channelIds) {
    }

    private static final Comparator<LiveChannel> DISPLAY_ORDER = Comparator
            .comparing(LiveChannel::number, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(LiveChannel::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparingLong(LiveChannel::id);

    static final CatalogSnapshot EMPTY = new CatalogSnapshot(List.of(), List.of(), List.of(), 0);

    private final List<LiveChannel> channels;
    private final Map<Long, LiveChannel> channelsById;
    private final List<Category> categories;
    private final Map<Long, Bouquet> bouquets;
    private final long version;
    private final VodCatalog vod;

    CatalogSnapshot(List<LiveChannel> channels, List<Category> categories, List<Bouquet> bouquets, long version) {
        this(channels, categories, bouquets, VodCatalog.EMPTY, version);
    }

    CatalogSnapshot(List<LiveChannel> channels, List<Category> categories, List<Bouquet> bouquets, VodCatalog vod,
            long version) {
        this.vod = vod;
        this.channels = channels.stream().sorted(DISPLAY_ORDER).toList();
        this.channelsById = channels.stream().collect(Collectors.toUnmodifiableMap(LiveChannel::id, Function.identity()));
        this.categories = categories.stream()
                .sorted(Comparator.comparingInt(Category::sortOrder).thenComparing(Category::name)
                        .thenComparingLong(Category::id))
                .toList();
        this.bouquets = bouquets.stream().collect(Collectors.toUnmodifiableMap(Bouquet::id, Function.identity()));
        this.version = version;
    }

    /** Enabled channels in display order: number (unnumbered last), then name. */
    public List<LiveChannel> channels() {
        return channels;
    }

    public Optional<LiveChannel> channel(long id) {
        return Optional.ofNullable(channelsById.get(id));
    }

    /** Categories of one kind in their sort order. */
    public List<Category> categories(CategoryKind kind) {
        return categories.stream().filter(c -> c.kind() == kind).toList();
    }

    public Optional<Bouquet> bouquet(long id) {
        return Optional.ofNullable(bouquets.get(id));
    }

    /** What a holder of these bouquets may see; no bouquets means the whole catalog. */
    public Access access(Set<Long> bouquetIds) {
        if (bouquetIds.isEmpty()) {
            return Access.EVERYTHING;
        }
        Set<Long> categoryIds = new HashSet<>();
        Set<Long> channelIds = new HashSet<>();
        for (Long id : bouquetIds) {
            Bouquet bouquet = bouquets.get(id);
            if (bouquet != null) {
                categoryIds.addAll(bouquet.categoryIds());
                channelIds.addAll(bouquet.channelIds());
            }
        }
        Set<Long> listedCategories = new HashSet<>(categoryIds);
        for (Long channelId : channelIds) {
            LiveChannel channel = channelsById.get(channelId);
            if (channel != null) {
                listedCategories.addAll(channel.categoryIds());
            }
        }
        return new Access(Set.copyOf(categoryIds), Set.copyOf(channelIds), Set.copyOf(listedCategories));
    }

    /** Enabled movies and series. */
    public VodCatalog vod() {
        return vod;
    }

    public long version() {
        return version;
    }

    /** Visibility rules of one set of bouquets, computed once per request. */
    public static final class Access {

        static final Access EVERYTHING = new Access(null, null, null);

        private final Set<Long> categoryIds;
        private final Set<Long> channelIds;
        private final Set<Long> listedCategoryIds;

        private Access(Set<Long> categoryIds, Set<Long> channelIds, Set<Long> listedCategoryIds) {
            this.categoryIds = categoryIds;
            this.channelIds = channelIds;
            this.listedCategoryIds = listedCategoryIds;
        }

        public boolean canSee(LiveChannel channel) {
            return categoryIds == null || channelIds.contains(channel.id())
                    || channel.categoryIds().stream().anyMatch(categoryIds::contains);
        }

        /** A category is listed when granted whole or when it holds a granted channel. */
        public boolean canSee(Category category) {
            return listedCategoryIds == null || listedCategoryIds.contains(category.id());
        }

        /** True for a movie or series category granted whole (VOD has no single-item grants). */
        public boolean canSeeCategory(Long categoryId) {
            return categoryIds == null || (categoryId != null && categoryIds.contains(categoryId));
        }
    }
}
