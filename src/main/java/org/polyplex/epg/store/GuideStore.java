package org.polyplex.epg.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.polyplex.epg.xmltv.XmltvProgramme;
import org.polyplex.platform.logging.Redaction;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The guide tables through plain JDBC: a million programmes are rows to stream, not entities to
 * manage. Writes of an import go through {@link GenerationWriter}; deletions run in chunks of
 * {@link #DELETE_CHUNK} rows per transaction so that no statement holds millions of row locks
 * (and, on H2, no transaction keeps a large undo log in the heap).
 *
 * <p>
 * A plain class, no CDI of its own: the feature's entry package builds the one instance and
 * hands it its settings, so the store never depends on the feature that uses it.
 */
public class GuideStore {

    static final int DELETE_CHUNK = 2_000;

    private static final String COLUMNS = "id, source_id, xmltv_id, start_time, stop_time, title, title_lang, "
            + "sub_title, description, categories, episode_nums, icon_url";

    private static final String KEY = "source_id = ? and generation = ? and xmltv_id = ? ";
    static final String WINDOW_SQL = "select " + COLUMNS + " from epg_programmes where " + KEY
            + "and start_time >= ? and start_time < ? and stop_time > ? "
            + "order by source_id, generation, xmltv_id, start_time fetch first ";
    static final String ON_AIR_SQL = "select start_time from epg_programmes where " + KEY
            + "and start_time < ? and start_time >= ? "
            + "order by source_id desc, generation desc, xmltv_id desc, start_time desc fetch first 1 rows only";

    private final Jdbc jdbc;
    private final DataSource dataSource;
    private final Consumer<GuideIndexLoaded> loaded;
    // Seconds a read serving a request may run (JDBC query timeout); 0 for maintenance statements.
    private final int readTimeout;

    // Replaced whole by reloadIndex(); volatile so that readers on any thread see the latest one.
    private volatile GuideIndex index = GuideIndex.EMPTY;

    /**
     * @param loaded told of each new index before it is published (see {@link GuideIndexLoaded})
     * @param readTimeout longest a read serving a request may run (whole seconds, at least 1)
     */
    public GuideStore(DataSource dataSource, Consumer<GuideIndexLoaded> loaded, Duration readTimeout) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
        this.loaded = loaded;
        this.readTimeout = (int) Math.max(1, readTimeout.toSeconds());
    }

    /** The current channel-to-guide index. */
    public GuideIndex index() {
        return index;
    }

    /**
     * Rebuilds the index from the active generations, lets the listener of {@link GuideIndexLoaded}
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
     * Lets the listener of {@link GuideIndexLoaded} prepare for the index this source's new
     * generation will give once activated, without publishing anything: an import calls it before
     * it flips the source, so that the guide is ready to serve when the run is reported done.
     */
    public void prepare(long sourceId, long generation) {
        GuideIndex next;
        try {
            next = loadIndex(sourceId, generation);
        } catch (RuntimeException e) {
            // Only a head start: the reload after the flip reads the index again.
            Log.warnf("epg: source=%d generation=%d not prepared: %s", sourceId, generation, Redaction.message(e));
            return;
        }
        announce(next);
    }

    private void announce(GuideIndex next) {
        try {
            loaded.accept(new GuideIndexLoaded(next));
        } catch (RuntimeException e) {
            // A cache that could not be filled fills itself on demand; the new guide goes live anyway.
            Log.warnf("epg: preparing the new guide index failed: %s", Redaction.message(e));
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
        jdbc.query("select c.source_id, c.generation, c.xmltv_id, c.display_names from epg_channels c "
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

    /**
     * Streams the same selection as {@link #programmes} without collecting it; the connection is
     * held while {@code consumer} runs, so it must not wait on a client.
     *
     * <p>
     * Reads at most {@code limit + 2} rows, whatever the guide holds: one backward index step
     * finds the programme on air at {@code from} (programmes of a channel do not overlap, so only
     * the last one to start before {@code from} can still run), then one forward range scan in
     * index order stops after {@code limit} rows. Both orders spell out the whole index key: H2
     * sorts by the index only then, and otherwise reads every row of the range before sorting.
     */
    public void forEach(GuideRef ref, Instant from, Instant to, int limit, Consumer<GuideEntry> consumer) {
        long since = onAirStart(ref, from);
        jdbc.query(WINDOW_SQL + limit + " rows only", readTimeout, ps -> {
            bindKey(ps, ref);
            ps.setLong(4, since);
            ps.setLong(5, to.getEpochSecond());
            ps.setLong(6, from.getEpochSecond());
        }, rs -> consumer.accept(entry(rs)));
    }

    /**
     * The next page of a guide: programmes starting at or after {@code startAtLeast} (epoch
     * seconds) and before {@code to}, in start order, at most {@code limit}; for paging through a
     * window that {@link #programmes} opened. Reads at most {@code limit} rows.
     */
    public List<GuideEntry> page(GuideRef ref, long startAtLeast, Instant to, int limit) {
        List<GuideEntry> out = new ArrayList<>();
        jdbc.query(WINDOW_SQL + limit + " rows only", readTimeout, ps -> {
            bindKey(ps, ref);
            ps.setLong(4, startAtLeast);
            ps.setLong(5, to.getEpochSecond());
            ps.setLong(6, startAtLeast);
        }, rs -> out.add(entry(rs)));
        return out;
    }

    /**
     * The start of the last programme that starts before {@code at}, if it started within a day
     * (no programme lasts longer than that in practice); otherwise {@code at} itself.
     */
    private long onAirStart(GuideRef ref, Instant at) {
        long[] start = { at.getEpochSecond() };
        jdbc.query(ON_AIR_SQL, readTimeout, ps -> {
            bindKey(ps, ref);
            ps.setLong(4, at.getEpochSecond());
            ps.setLong(5, at.getEpochSecond() - 86_400);
        }, rs -> start[0] = rs.getLong(1));
        return start[0];
    }

    private static void bindKey(PreparedStatement ps, GuideRef ref) throws SQLException {
        ps.setLong(1, ref.sourceId());
        ps.setLong(2, ref.generation());
        ps.setString(3, ref.xmltvId());
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
        jdbc.query("select distinct generation from epg_programmes where source_id = ? and generation <> ?", ps -> {
            ps.setLong(1, sourceId);
            ps.setLong(2, keep);
        }, rs -> generations.add(rs.getLong(1)));
        long total = 0;
        for (long generation : generations) {
            total += deleteGeneration(sourceId, generation);
        }
        QuarkusTransaction.requiringNew()
                .run(() -> jdbc
                        .update("delete from epg_channels where source_id = " + sourceId + " and generation <> " + keep));
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
        jdbc.query("select min(id), max(id) from epg_programmes where " + where, ps -> {
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
            total += QuarkusTransaction.requiringNew().call(() -> jdbc.update("delete from epg_programmes where id >= "
                    + from + " and id < " + (from + DELETE_CHUNK) + " and (" + rowFilter + ")"));
        }
        if (!where.startsWith("stop_time")) {
            QuarkusTransaction.requiringNew().run(() -> jdbc.update("delete from epg_channels where " + where));
        }
        return total;
    }

    private static GuideEntry entry(ResultSet rs) throws SQLException {
        XmltvProgramme p = new XmltvProgramme(rs.getString(3), Instant.ofEpochSecond(rs.getLong(4)),
                Instant.ofEpochSecond(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), Codec.lines(rs.getString(10)), Codec.episodes(rs.getString(11)), rs.getString(12));
        return new GuideEntry(rs.getLong(1), rs.getLong(2), p);
    }
}
