package org.polyplex.epg.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.polyplex.epg.xmltv.XmltvProgramme;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

import io.agroal.api.AgroalDataSource;

/**
 * The guide tables through plain JDBC: a million programmes are rows to stream, not entities to
 * manage. Writes of an import go through {@link GenerationWriter}; deletions run in chunks of
 * {@link #DELETE_CHUNK} rows per transaction so that no statement holds millions of row locks
 * (and, on H2, no transaction keeps a large undo log in the heap).
 */
@ApplicationScoped
public class GuideStore {

    static final int DELETE_CHUNK = 2_000;

    private static final String COLUMNS = "id, source_id, xmltv_id, start_time, stop_time, title, title_lang, "
            + "sub_title, description, categories, episode_nums, icon_url";

    private final AgroalDataSource dataSource;
    private final Event<GuideIndexLoaded> loaded;

    // Replaced whole by reloadIndex(); volatile so that readers on any thread see the latest one.
    private volatile GuideIndex index = GuideIndex.EMPTY;

    GuideStore(AgroalDataSource dataSource, Event<GuideIndexLoaded> loaded) {
        this.dataSource = dataSource;
        this.loaded = loaded;
    }

    /** The current channel-to-guide index. */
    public GuideIndex index() {
        return index;
    }

    /**
     * Rebuilds the index from the active generations, lets observers of {@link GuideIndexLoaded}
     * prepare for it, then publishes it. Serialised so that the last reload to run, which read
     * the newest committed state, is the last one published.
     */
    public synchronized GuideIndex reloadIndex() {
        GuideIndex next = loadIndex(-1, -1);
        announce(next);
        index = next;
        return next;
    }

    /**
     * Loads the index at start-up without announcing it: caches fill on demand then, rather than
     * delaying readiness by one database read per catalog channel.
     */
    public synchronized GuideIndex loadAtStart() {
        index = loadIndex(-1, -1);
        return index;
    }

    /**
     * Lets observers of {@link GuideIndexLoaded} prepare for the index this source's new
     * generation will give once activated, without publishing anything: an import calls it before
     * it flips the source, so that the guide is ready to serve when the run is reported done.
     */
    public void prepare(long sourceId, long generation) {
        GuideIndex next;
        try {
            next = loadIndex(sourceId, generation);
        } catch (RuntimeException e) {
            // Only a head start: the reload after the flip reads the index again.
            Log.warnf("epg: source=%d generation=%d not prepared: %s", sourceId, generation, e.getMessage());
            return;
        }
        announce(next);
    }

    private void announce(GuideIndex next) {
        try {
            loaded.fire(new GuideIndexLoaded(next));
        } catch (RuntimeException e) {
            // A cache that could not be filled fills itself on demand; the new guide goes live anyway.
            Log.warnf("epg: preparing the new guide index failed: %s", e.getMessage());
        }
    }

    public GenerationWriter writer(long sourceId, long generation, int batchSize) {
        return new GenerationWriter(dataSource, sourceId, generation, batchSize);
    }

    /**
     * The XMLTV channels of every enabled source's active generation, for {@link GuideIndex};
     * {@code generation} instead of the active one for source {@code sourceId} (-1: none).
     */
    private GuideIndex loadIndex(long sourceId, long generation) {
        List<GuideIndex.Row> rows = new ArrayList<>();
        query("select c.source_id, c.generation, c.xmltv_id, c.display_names from epg_channels c "
                + "join epg_sources s on s.id = c.source_id and c.generation = "
                + "case when s.id = ? then ? else s.active_generation end "
                + "where s.enabled = true order by c.source_id, c.xmltv_id", ps -> {
                    ps.setLong(1, sourceId);
                    ps.setLong(2, generation);
                }, rs -> rows.add(new GuideIndex.Row(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        Codec.displayNames(rs.getString(4)))));
        return new GuideIndex(rows);
    }

    /**
     * Programmes of one guide that end after {@code from} and start before {@code to}, in start
     * order, at most {@code limit}.
     */
    public List<GuideEntry> programmes(GuideRef ref, Instant from, Instant to, int limit) {
        List<GuideEntry> out = new ArrayList<>();
        forEach(ref, from, to, limit, out::add);
        return out;
    }

    /** Streams the same selection as {@link #programmes} without collecting it. */
    public void forEach(GuideRef ref, Instant from, Instant to, int limit, Consumer<GuideEntry> consumer) {
        // start_time > from - 1 day keeps the range scan on the (channel, start) index bounded;
        // no programme lasts longer than that in practice.
        query("select " + COLUMNS + " from epg_programmes where xmltv_id = ? and source_id = ? and generation = ? "
                + "and start_time >= ? and start_time < ? and stop_time > ? order by start_time fetch first "
                + limit + " rows only", ps -> {
                    ps.setString(1, ref.xmltvId());
                    ps.setLong(2, ref.sourceId());
                    ps.setLong(3, ref.generation());
                    ps.setLong(4, from.getEpochSecond() - 86_400);
                    ps.setLong(5, to.getEpochSecond());
                    ps.setLong(6, from.getEpochSecond());
                }, rs -> consumer.accept(entry(rs)));
    }

    /** Deletes one generation of a source (a superseded or failed one), chunk by chunk. */
    public long deleteGeneration(long sourceId, long generation) {
        return deleteInChunks("source_id = " + sourceId + " and generation = " + generation);
    }

    /**
     * Deletes every generation of a source but {@code keep} (leftovers of crashed imports too),
     * one generation at a time: an equality on the generation walks the (source, generation, ...)
     * index, where {@code <>} would scan every programme of the source for each chunk.
     */
    public long deleteOtherGenerations(long sourceId, long keep) {
        List<Long> generations = new ArrayList<>();
        query("select distinct generation from epg_programmes where source_id = ? and generation <> ?", ps -> {
            ps.setLong(1, sourceId);
            ps.setLong(2, keep);
        }, rs -> generations.add(rs.getLong(1)));
        long total = 0;
        for (long generation : generations) {
            total += deleteGeneration(sourceId, generation);
        }
        QuarkusTransaction.requiringNew()
                .run(() -> update("delete from epg_channels where source_id = " + sourceId + " and generation <> " + keep));
        return total;
    }

    /** Deletes programmes that ended before {@code before}. */
    public long pruneEndedBefore(Instant before) {
        return deleteInChunks("stop_time < " + before.getEpochSecond());
    }

    /**
     * Deletes in short transactions over windows of {@link #DELETE_CHUNK} ids (primary-key range
     * scans): one statement per window, whatever the database. An "id in (select ... fetch first)"
     * form was quadratic on H2 and outlived the transaction timeout on a million-row guide.
     */
    private long deleteInChunks(String where) {
        long[] range = { Long.MAX_VALUE, Long.MIN_VALUE };
        query("select min(id), max(id) from epg_programmes where " + where, ps -> {
        }, rs -> {
            if (rs.getObject(1) != null) {
                range[0] = rs.getLong(1);
                range[1] = rs.getLong(2);
            }
        });
        // In the windows, "+ 0" keeps the planner off the (source, generation, ...) index: H2
        // chose it over the id range and walked the whole generation for every window.
        String rowFilter = where.replace("source_id =", "source_id + 0 =").replace("generation =", "generation + 0 =");
        long total = 0;
        for (long low = range[0]; low <= range[1]; low += DELETE_CHUNK) {
            long from = low;
            total += QuarkusTransaction.requiringNew().call(() -> update("delete from epg_programmes where id >= "
                    + from + " and id < " + (from + DELETE_CHUNK) + " and (" + rowFilter + ")"));
        }
        if (!where.startsWith("stop_time")) {
            QuarkusTransaction.requiringNew().run(() -> update("delete from epg_channels where " + where));
        }
        return total;
    }

    private int update(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("guide update failed: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Binder binder, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("guide query failed: " + e.getMessage(), e);
        }
    }

    private static GuideEntry entry(ResultSet rs) throws SQLException {
        XmltvProgramme p = new XmltvProgramme(rs.getString(3), Instant.ofEpochSecond(rs.getLong(4)),
                Instant.ofEpochSecond(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), Codec.lines(rs.getString(10)), Codec.episodes(rs.getString(11)), rs.getString(12));
        return new GuideEntry(rs.getLong(1), rs.getLong(2), p);
    }
}
