package org.polyplex.catalog.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.model.CatalogChanged;

import io.quarkus.logging.Log;

import org.hibernate.StatelessSession;

/**
 * Entry point of the catalog for everything that feeds it from outside: scrapers, provider
 * accounts, liveness probes. The catalog alone writes its tables; importers hand it validated
 * entries and read back what changed.
 * <p>
 * An import is idempotent: rows are matched by natural keys ({@code channels.scrape_key},
 * {@code movies/series.scrape_key}), an unchanged listing writes nothing, and entries that vanish
 * are disabled after {@link ImportOrigin#maxMissedRuns()} runs, never deleted. Admin edits win
 * ({@code AdminEdits}). Each call is one transaction: a failure leaves the catalog as it was. A
 * call that changed something fires {@link CatalogChanged} once, so the snapshot is rebuilt after
 * the commit.
 */
@ApplicationScoped
public class CatalogImport {

    private final StatelessSession session;
    private final DataSource dataSource;
    private final Clock clock;
    private final Event<CatalogChanged> changed;

    CatalogImport(StatelessSession session, DataSource dataSource, Clock clock, Event<CatalogChanged> changed) {
        this.session = session;
        this.dataSource = dataSource;
        this.clock = clock;
        this.changed = changed;
    }

    /** Brings the origin's live channels in step with {@code channels}; its movies and series stay as they are. */
    @Transactional
    public ImportCounts apply(ImportOrigin origin, List<ImportEntry> channels) {
        return published(origin, new LiveImport(session, batches(), clock.instant()).apply(origin, channels));
    }

    /** Brings the origin's live channels, movies and series in step with what it lists, in one transaction. */
    @Transactional
    public ImportCounts apply(ImportOrigin origin, List<ImportEntry> channels, List<ImportedVod> movies,
            List<ImportedVod> series) {
        return apply(origin, channels, movies, series, List.of());
    }

    /**
     * {@link #apply(ImportOrigin, List, List, List)}, plus the seasons and episodes of the series
     * that were read in this run ({@code episodes}); every other series keeps its own. A series
     * whose episodes changed counts as updated.
     */
    @Transactional
    public ImportCounts apply(ImportOrigin origin, List<ImportEntry> channels, List<ImportedVod> movies,
            List<ImportedVod> series, List<ImportedEpisodes> episodes) {
        Instant now = clock.instant();
        Batches batches = batches();
        ImportCounts counts = new LiveImport(session, batches, now).apply(origin, channels);
        VodImport vod = new VodImport(session, batches, now);
        EpisodeImport episodeImport = new EpisodeImport(session, batches, now);
        var before = episodes.isEmpty() ? Map.<String, EpisodeImport.SeriesState> of()
                : episodeImport.series(origin.sourceId());
        counts = counts.plus(vod.movies(origin, movies)).plus(vod.series(origin, series));
        counts = counts.plus(episodeImport.apply(origin, episodes, before));
        return published(origin, counts);
    }

    /**
     * The provider version ({@code last_modified}) at which each of the origin's series last had its
     * episodes read, by the provider's series id; series never read are absent. Importers read
     * again only the series whose listed version differs.
     */
    @Transactional
    public Map<String, String> seriesVersions(long sourceId) {
        String prefix = "xt:" + sourceId + ":";
        Map<String, String> versions = new HashMap<>();
        new EpisodeImport(session, batches(), clock.instant()).series(sourceId).forEach((key, state) -> {
            if (state.version() != null && key.startsWith(prefix)) {
                versions.put(key.substring(prefix.length()), state.version());
            }
        });
        return versions;
    }

    /**
     * Records what liveness probes saw: {@code is_online} and {@code checked_at} of the channel
     * sources by id. Ids that no longer exist are ignored.
     */
    @Transactional
    public void recordLiveness(Map<Long, Boolean> onlineBySourceId) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        batches().update("update channel_sources set is_online = ?, checked_at = ? where id = ?",
                onlineBySourceId.entrySet(), (ps, result) -> {
                    ps.setBoolean(1, result.getValue());
                    ps.setObject(2, now);
                    ps.setLong(3, result.getKey());
                });
    }

    private Batches batches() {
        return new Batches(session, dataSource);
    }

    private ImportCounts published(ImportOrigin origin, ImportCounts counts) {
        if (counts.any()) {
            changed.fire(new CatalogChanged());
        }
        Log.debugf("import source=%d added=%d updated=%d removed=%d", origin.sourceId(), counts.added(), counts.updated(),
                counts.removed());
        return counts;
    }
}
