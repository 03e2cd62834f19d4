package org.polyplex.epg.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.polyplex.epg.xmltv.XmltvChannel;
import org.polyplex.epg.xmltv.XmltvProgramme;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes one import's generation in chunks, each chunk in its own short transaction, so that a
 * million programmes never sit in one transaction and the connection pool stays available for
 * readers. Nothing written here is visible until {@link GuideStore#activate} flips the source.
 * Not thread-safe: one import, one thread.
 *
 * <p>
 * Channels are held until {@link #finish} and written once each: merged guides (several grabbers
 * concatenated, aggregator output) declare the same {@code <channel id>} more than once, and the
 * table keys a channel by its id. Repeated declarations merge: display names in first-seen order
 * without repeats, the first icon. The key is the id as stored (cut to the column), so two ids that
 * differ only past the column's width are one channel too. Memory stays of the order of what the
 * reader already keeps per declared channel.
 */
public final class GenerationWriter {

    private static final String INSERT_PROGRAMME = "insert into epg_programmes (source_id, generation, xmltv_id, "
            + "start_time, stop_time, title, title_lang, sub_title, description, categories, episode_nums, icon_url) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CHANNEL = "insert into epg_channels (source_id, generation, xmltv_id, "
            + "display_names, icon_url) values (?, ?, ?, ?, ?)";

    // Width of the xmltv_id columns.
    private static final int ID_LENGTH = 300;
    // Display names kept per channel however often it is declared; the column holds 2000 characters.
    private static final int MAX_NAMES = 32;

    private final DataSource dataSource;
    private final long sourceId;
    private final long generation;
    private final int batchSize;
    private final List<XmltvProgramme> programmes = new ArrayList<>();
    // stored id -> the merged declaration, in first-seen order
    private final Map<String, XmltvChannel> channels = new LinkedHashMap<>();

    GenerationWriter(DataSource dataSource, long sourceId, long generation, int batchSize) {
        this.dataSource = dataSource;
        this.sourceId = sourceId;
        this.generation = generation;
        this.batchSize = batchSize;
    }

    public long generation() {
        return generation;
    }

    /**
     * Keeps a channel for {@link #finish}; returns false when its id was declared before (the two
     * declarations are merged).
     */
    public boolean channel(XmltvChannel channel) {
        String key = cut(channel.id(), ID_LENGTH);
        XmltvChannel before = channels.get(key);
        channels.put(key, before == null ? channel : merge(before, channel));
        return before == null;
    }

    private static XmltvChannel merge(XmltvChannel first, XmltvChannel next) {
        List<String> names = new ArrayList<>(first.displayNames());
        for (String name : next.displayNames()) {
            if (!names.contains(name) && names.size() < MAX_NAMES) {
                names.add(name);
            }
        }
        return new XmltvChannel(first.id(), List.copyOf(names), first.iconUrl() != null ? first.iconUrl() : next.iconUrl());
    }

    public void programme(XmltvProgramme programme) {
        programmes.add(programme);
        if (programmes.size() >= batchSize) {
            flushProgrammes();
        }
    }

    /** Writes what is still buffered. */
    public void finish() {
        flushChannels();
        flushProgrammes();
    }

    private void flushChannels() {
        List<XmltvChannel> all = new ArrayList<>(channels.values());
        channels.clear();
        for (int from = 0; from < all.size(); from += batchSize) {
            List<XmltvChannel> chunk = all.subList(from, Math.min(all.size(), from + batchSize));
            QuarkusTransaction.requiringNew().run(() -> batch(INSERT_CHANNEL, ps -> {
                for (XmltvChannel c : chunk) {
                    ps.setLong(1, sourceId);
                    ps.setLong(2, generation);
                    ps.setString(3, cut(c.id(), ID_LENGTH));
                    ps.setString(4, cut(String.join("\n", c.displayNames()), 2000));
                    ps.setString(5, cut(c.iconUrl(), 2048));
                    ps.addBatch();
                }
            }));
        }
    }

    private void flushProgrammes() {
        if (programmes.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> batch(INSERT_PROGRAMME, ps -> {
            for (XmltvProgramme p : programmes) {
                ps.setLong(1, sourceId);
                ps.setLong(2, generation);
                ps.setString(3, cut(p.channel(), ID_LENGTH));
                ps.setLong(4, p.start().getEpochSecond());
                ps.setLong(5, p.stop().getEpochSecond());
                ps.setString(6, cut(p.title(), 1000));
                ps.setString(7, cut(p.titleLang(), 20));
                ps.setString(8, cut(p.subTitle(), 1000));
                ps.setString(9, cut(p.description(), 8000));
                ps.setString(10, cut(Codec.joinLines(p.categories()), 2000));
                ps.setString(11, cut(p.episodeNums().stream().map(Codec::episode).collect(Collectors.joining("\n")), 1000));
                ps.setString(12, cut(p.iconUrl(), 2048));
                ps.addBatch();
            }
        }));
        programmes.clear();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void batch(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("writing the guide failed: " + e.getMessage(), e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
