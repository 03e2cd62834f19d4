package org.polyplex.epg;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.store.GuideEntry;
import org.polyplex.epg.store.GuideIndex;
import org.polyplex.epg.store.GuideIndexLoaded;
import org.polyplex.epg.store.GuideRef;
import org.polyplex.epg.store.GuideStore;
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
public class EpgService {

    /** Default {@code limit} of {@code get_short_epg}, as panels use. */
    public static final int DEFAULT_SHORT_LIMIT = 4;

    // Upper bounds on one answer, whatever the caller asks.
    private static final int MAX_SHORT_LIMIT = 100;
    private static final int MAX_TABLE_ROWS = 10_000;
    private static final int MAX_XMLTV_ROWS_PER_CHANNEL = 20_000;
    // "The end of the guide": the listings are bounded by row counts, not by time.
    private static final Duration FAR_FUTURE = Duration.ofDays(36_500);

    private final GuideStore store;
    private final CatalogService catalog;
    private final EpgConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final UpcomingCache upcoming;

    EpgService(GuideStore store, CatalogService catalog, EpgConfig config, Clock clock) {
        this.store = store;
        this.upcoming = new UpcomingCache((ref, now, limit) -> store.programmes(ref, now, now.plus(FAR_FUTURE), limit));
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
        this.zone = ZoneId.of(config.timezone());
    }

    /**
     * {@code get_short_epg}: the programme on now and the next ones, {@code limit} in all
     * ({@link #DEFAULT_SHORT_LIMIT} when 0 or less), times in {@code polyplex.epg.timezone},
     * {@code has_archive} from {@code polyplex.epg.archive-window}.
     */
    public List<EpgListing> shortEpg(LiveChannel channel, int limit) {
        return shortEpg(channel, limit, zone, config.archiveWindow());
    }

    /** {@code get_short_epg} with the caller's time zone (the Xtream surface's) and the configured catch-up window. */
    public List<EpgListing> shortEpg(LiveChannel channel, int limit, ZoneId zone) {
        return shortEpg(channel, limit, zone, config.archiveWindow());
    }

    /**
     * True when {@code get_short_epg} for this channel would be answered from memory alone (the
     * channel has no guide, or its upcoming programmes are cached): event-loop callers may then
     * call {@link #shortEpg} without blocking.
     */
    public boolean shortEpgInMemory(LiveChannel channel, int limit) {
        Optional<GuideRef> ref = guideOf(channel);
        int rows = limit <= 0 ? DEFAULT_SHORT_LIMIT : Math.min(limit, MAX_SHORT_LIMIT);
        return ref.isEmpty() || upcoming.holds(ref.get(), clock.instant(), rows);
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
        int rows = limit <= 0 ? DEFAULT_SHORT_LIMIT : Math.min(limit, MAX_SHORT_LIMIT);
        Instant now = clock.instant();
        Optional<GuideRef> ref = guideOf(channel);
        if (ref.isEmpty()) {
            return List.of();
        }
        ListingMapper mapper = new ListingMapper(zone, now, archiveWindow);
        return upcoming.get(ref.get(), now, rows).stream().map(e -> mapper.map(channel, e)).toList();
    }

    /**
     * {@code get_simple_data_table}: every stored programme of the channel, from the retention
     * horizon to the end of the guide, times in {@code polyplex.epg.timezone}.
     */
    public List<EpgListing> dataTable(LiveChannel channel) {
        return dataTable(channel, zone, config.archiveWindow());
    }

    /** {@code get_simple_data_table} with the caller's time zone (the Xtream surface's) and the configured catch-up window. */
    public List<EpgListing> dataTable(LiveChannel channel, ZoneId zone) {
        return dataTable(channel, zone, config.archiveWindow());
    }

    /** {@code get_simple_data_table} with the caller's time zone and the channel's catch-up window. */
    public List<EpgListing> dataTable(LiveChannel channel, ZoneId zone, Duration archiveWindow) {
        Instant now = clock.instant();
        return listings(channel, now.minus(config.retention()), now.plus(FAR_FUTURE), MAX_TABLE_ROWS,
                new ListingMapper(zone, now, archiveWindow));
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
     * Writes an XMLTV document of these channels and their programmes between {@code from} and
     * {@code to}, streaming: one channel's programmes are read and written at a time. Channel ids
     * are the channels' epg ids, or {@link #xmltvId} for channels without one.
     */
    public void writeXmltv(List<LiveChannel> channels, Instant from, Instant to, Writer out) throws IOException {
        XmltvWriter writer = new XmltvWriter(out);
        writer.begin("Polyplex");
        for (LiveChannel channel : channels) {
            writer.channel(xmltvId(channel), channel.name(), channel.logoUrl());
        }
        GuideIndex index = store.index();
        for (LiveChannel channel : channels) {
            Optional<GuideRef> ref = index.resolve(channel.epgId(), channel.name());
            if (ref.isEmpty()) {
                continue;
            }
            String id = xmltvId(channel);
            IOException[] failure = new IOException[1];
            store.forEach(ref.get(), from, to, MAX_XMLTV_ROWS_PER_CHANNEL, entry -> {
                if (failure[0] == null) {
                    try {
                        writer.programme(id, entry.programme());
                    } catch (IOException e) {
                        // The client went away: stop writing, let the query finish its page.
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        writer.end();
    }

    /** The XMLTV channel id of a catalog channel: its epg id, or a stable {@code polyplex-<id>}. */
    public static String xmltvId(LiveChannel channel) {
        return channel.epgId() == null || channel.epgId().isBlank() ? "polyplex-" + channel.id() : channel.epgId();
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
