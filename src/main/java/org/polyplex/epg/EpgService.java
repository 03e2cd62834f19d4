package org.polyplex.epg;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.XmltvIds;
import org.polyplex.epg.store.GuideEntry;
import org.polyplex.epg.store.GuideIndex;
import org.polyplex.epg.store.GuideIndexLoaded;
import org.polyplex.epg.store.GuideRef;
import org.polyplex.epg.store.GuideStore;
import org.polyplex.epg.store.GuideSuggestion;
import org.polyplex.epg.xmltv.XmltvProgramme;
import org.polyplex.epg.xmltv.XmltvWriter;

/**
 * Entry point of the EPG feature for other features: now/next and window queries for the Xtream
 * actions ({@code get_short_epg}, {@code get_simple_data_table}), the XMLTV output of
 * {@code /xmltv.php}, and which channels have no guide. Blocking (JDBC): call it from worker
 * threads only.
 *
 * <p>
 * Imports, sources and runs are administered through {@code /api/epg-sources}
 * ({@link EpgSourceService}).
 */
@ApplicationScoped
public class EpgService implements XmltvIds {

    /** Default {@code limit} of {@code get_short_epg}, as panels use. */
    public static final int DEFAULT_SHORT_LIMIT = 4;

    // Upper bound on one short EPG, whatever the caller asks; the other bounds are in EpgConfig.
    private static final int MAX_SHORT_LIMIT = 100;
    // "The end of the guide": the listings are bounded by row counts, not by time.
    private static final Duration FAR_FUTURE = Duration.ofDays(36_500);

    private final GuideStore store;
    private final CatalogService catalog;
    private final EpgConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final UpcomingCache upcoming;
    // the last ids built; a race only builds the same value twice
    private volatile GuideIds guideIds;

    EpgService(GuideStore store, CatalogService catalog, EpgConfig config, Clock clock) {
        this.store = store;
        this.upcoming = new UpcomingCache((ref, now, limit) -> store.programmes(ref, now, now.plus(FAR_FUTURE), limit),
                config.query().upcomingGuides());
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
        this.zone = ZoneId.of(config.timezone());
    }

    /**
     * {@code get_short_epg}: the programme on now and the next ones, {@code limit} in all
     * ({@link #DEFAULT_SHORT_LIMIT} when 0 or less), times in {@code polyplex.epg.timezone},
     * {@code has_archive} from the channel's {@link #archiveWindow}.
     */
    public List<EpgListing> shortEpg(LiveChannel channel, int limit) {
        return shortEpg(channel, limit, zone, archiveWindow(channel));
    }

    /** {@code get_short_epg} with the caller's time zone (the Xtream surface's) and the configured catch-up window. */
    public List<EpgListing> shortEpg(LiveChannel channel, int limit, ZoneId zone) {
        return shortEpg(channel, limit, zone, archiveWindow(channel));
    }

    /**
     * True when {@code get_short_epg} for this channel would be answered from memory alone (the
     * channel has no guide, or its upcoming programmes are cached). Only a probe: the answer may
     * change before a later call, so event-loop callers use {@link #shortEpgFromMemory}.
     */
    public boolean shortEpgInMemory(LiveChannel channel, int limit) {
        return shortEpgFromMemory(channel, limit, zone).isPresent();
    }

    /**
     * {@code get_short_epg} from memory alone, or empty when answering needs the database: never
     * blocks, so event-loop callers may use it and pass an empty result on to a worker. The cache
     * is looked up once, so a guide swap or a cache clear meanwhile cannot send it to JDBC.
     */
    public Optional<List<EpgListing>> shortEpgFromMemory(LiveChannel channel, int limit, ZoneId zone) {
        Instant now = clock.instant();
        Optional<GuideRef> ref = guideOf(channel);
        if (ref.isEmpty()) {
            return Optional.of(List.of());
        }
        ListingMapper mapper = new ListingMapper(zone, now, archiveWindow(channel));
        return upcoming.cached(ref.get(), now, shortRows(limit))
                .map(entries -> entries.stream().map(e -> mapper.map(channel, e)).toList());
    }

    private static int shortRows(int limit) {
        return limit <= 0 ? DEFAULT_SHORT_LIMIT : Math.min(limit, MAX_SHORT_LIMIT);
    }

    /**
     * Before a new guide index goes live (after an import, or a source enabled or deleted), reads
     * the upcoming programmes of every catalog channel it matches, on the reloading thread: the
     * short EPG then keeps answering from memory across imports.
     */
    void prefillUpcoming(@Observes GuideIndexLoaded loaded) {
        Set<GuideRef> refs = new LinkedHashSet<>();
        for (LiveChannel channel : catalog.snapshot().channels()) {
            loaded.index().resolve(channel.epgId(), channel.name()).ifPresent(refs::add);
        }
        upcoming.prefill(refs, clock.instant());
    }

    /** {@code get_short_epg} with the caller's time zone and the channel's catch-up window. */
    public List<EpgListing> shortEpg(LiveChannel channel, int limit, ZoneId zone, Duration archiveWindow) {
        Instant now = clock.instant();
        Optional<GuideRef> ref = guideOf(channel);
        if (ref.isEmpty()) {
            return List.of();
        }
        ListingMapper mapper = new ListingMapper(zone, now, archiveWindow);
        return upcoming.get(ref.get(), now, shortRows(limit)).stream().map(e -> mapper.map(channel, e)).toList();
    }

    /**
     * {@code get_simple_data_table}: the stored programmes of the channel from the retention
     * horizon on, at most {@code polyplex.epg.query.max-table-rows}, times in
     * {@code polyplex.epg.timezone}.
     */
    public List<EpgListing> dataTable(LiveChannel channel) {
        return dataTable(channel, zone, archiveWindow(channel));
    }

    /** {@code get_simple_data_table} with the caller's time zone (the Xtream surface's) and the configured catch-up window. */
    public List<EpgListing> dataTable(LiveChannel channel, ZoneId zone) {
        return dataTable(channel, zone, archiveWindow(channel));
    }

    /** {@code get_simple_data_table} with the caller's time zone and the channel's catch-up window. */
    public List<EpgListing> dataTable(LiveChannel channel, ZoneId zone, Duration archiveWindow) {
        Instant now = clock.instant();
        return listings(channel, now.minus(config.retention()), now.plus(FAR_FUTURE), config.query().maxTableRows(),
                new ListingMapper(zone, now, archiveWindow));
    }

    /**
     * The catch-up window of {@code has_archive} for a channel: its catch-up days (ours or its
     * provider's: {@code LiveChannel#catchupDays}) when it has catch-up, else {@code polyplex.epg.archive-window} (0 by
     * default: no programme is archived).
     */
    public Duration archiveWindow(LiveChannel channel) {
        int days = channel.catchupDays();
        return days > 0 ? Duration.ofDays(days) : config.archiveWindow();
    }

    /**
     * The programme of the channel's guide on at {@code at} (start at or before it, stop after it),
     * as its start and stop: the default window of a catch-up request that names no duration.
     * Reads the database: worker threads only.
     */
    public Optional<XmltvProgramme> programmeAt(LiveChannel channel, Instant at) {
        return guideOf(channel).flatMap(ref -> store.programmes(ref, at, at.plusMillis(1), 1).stream().findFirst())
                .map(GuideEntry::programme).filter(p -> !p.start().isAfter(at) && p.stop().isAfter(at));
    }

    /** The guide a channel is matched to: by epg id, then by name; empty when it has none. */
    public Optional<GuideRef> guideOf(LiveChannel channel) {
        return store.index().resolve(channel.epgId(), channel.name());
    }

    /** Enabled catalog channels that no source's guide matches, in display order. */
    public List<LiveChannel> unmatchedChannels() {
        GuideIndex index = store.index();
        return catalog.snapshot().channels().stream()
                .filter(c -> index.resolve(c.epgId(), c.name()).isEmpty())
                .toList();
    }

    /**
     * Guides whose names come close to this channel's without matching it, best first, at most
     * {@code max}: what an admin may set as its epg id (see {@code GuideSuggestions}).
     */
    public List<GuideSuggestion> suggestGuides(LiveChannel channel, int max) {
        return store.index().suggest(channel.name(), max);
    }

    /**
     * Writes an XMLTV document of those of these channels that have a guide, and their programmes
     * between {@code from} and {@code to}, streaming: programmes are read a page at a time and
     * written with no database connection held, so a slow client holds none. A channel without a
     * guide is left out: apps would list it with nothing in it. Channel ids are those of
     * {@link GuideIds}; channels sharing one (the HD and SD of one station) are one
     * {@code <channel>} with each display name, and their programmes are written once.
     */
    public void writeXmltv(List<LiveChannel> channels, Instant from, Instant to, Writer out) throws IOException {
        record Listed(GuideRef ref, List<String> names, String icon) {
        }
        GuideIndex index = store.index();
        Map<String, Listed> listed = new LinkedHashMap<>();
        for (LiveChannel channel : channels) {
            Optional<GuideRef> ref = index.resolve(channel.epgId(), channel.name());
            if (ref.isPresent()) {
                String id = GuideIds.hasEpgId(channel) ? channel.epgId() : GuideIds.generated(channel.id());
                Listed entry = listed.computeIfAbsent(id, k -> new Listed(ref.get(), new ArrayList<>(), channel.logoUrl()));
                if (entry.icon() == null && channel.logoUrl() != null) {
                    // the first logo any of the channels sharing the id carries
                    entry = new Listed(entry.ref(), entry.names(), channel.logoUrl());
                    listed.put(id, entry);
                }
                if (!entry.names().contains(channel.name())) {
                    entry.names().add(channel.name());
                }
            }
        }
        XmltvWriter writer = new XmltvWriter(out);
        writer.begin("Polyplex");
        for (Map.Entry<String, Listed> e : listed.entrySet()) {
            writer.channel(e.getKey(), e.getValue().names(), e.getValue().icon());
        }
        for (Map.Entry<String, Listed> e : listed.entrySet()) {
            writeProgrammes(writer, e.getKey(), e.getValue().ref(), from, to);
        }
        writer.end();
    }

    /**
     * The XMLTV ids of a catalog snapshot's channels under the current guide index. Built once per
     * snapshot and index (one name match per channel without an epg id), then shared, so list
     * answers cost a map lookup per channel.
     */
    public GuideIds guideIds(CatalogSnapshot snapshot) {
        GuideIds ids = guideIds;
        GuideIndex index = store.index();
        if (ids == null || ids.catalog != snapshot || ids.index != index) {
            ids = new GuideIds(snapshot, index);
            guideIds = ids;
        }
        return ids;
    }

    @Override
    public Function<LiveChannel, String> of(CatalogSnapshot snapshot) {
        return guideIds(snapshot)::of;
    }

    /**
     * One channel's programmes, page by page, at most {@code max-xmltv-rows-per-channel}. A page
     * goes on from the start of the last one written; the programmes written that start at that
     * same second are skipped by id (a channel may list two programmes at one start).
     */
    private void writeProgrammes(XmltvWriter writer, String id, GuideRef ref, Instant from, Instant to)
            throws IOException {
        int left = config.query().maxXmltvRowsPerChannel();
        int pageSize = config.query().xmltvPageSize();
        int asked = Math.min(pageSize, left);
        List<GuideEntry> page = store.programmes(ref, from, to, asked);
        Set<Long> atLastStart = new HashSet<>();
        long lastStart = Long.MIN_VALUE;
        while (true) {
            int fresh = 0;
            for (GuideEntry entry : page) {
                long start = entry.programme().start().getEpochSecond();
                if (left == 0 || (start == lastStart && atLastStart.contains(entry.id()))) {
                    continue;
                }
                if (start != lastStart) {
                    atLastStart.clear();
                    lastStart = start;
                }
                atLastStart.add(entry.id());
                writer.programme(id, entry.programme());
                left--;
                fresh++;
            }
            // A short page is the end of the window; a page of nothing new (more programmes at
            // one start than a page holds) ends the channel rather than looping.
            if (left == 0 || fresh == 0 || page.size() < asked) {
                return;
            }
            asked = Math.min(pageSize, left) + atLastStart.size();
            page = store.page(ref, lastStart, to, asked);
        }
    }

    /** The catalog this service answers for (exposed so that endpoints use the same snapshot). */
    public CatalogSnapshot catalog() {
        return catalog.snapshot();
    }

    private List<EpgListing> listings(LiveChannel channel, Instant from, Instant to, int limit, ListingMapper mapper) {
        Optional<GuideRef> ref = guideOf(channel);
        if (ref.isEmpty()) {
            return List.of();
        }
        List<GuideEntry> entries = store.programmes(ref.get(), from, to, limit);
        return entries.stream().map(e -> mapper.map(channel, e)).toList();
    }
}
