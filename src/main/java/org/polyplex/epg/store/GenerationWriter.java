package org.polyplex.epg.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class GenerationWriter {

    private static final String INSERT_PROGRAMME = "insert into epg_programmes (source_id, generation, xmltv_id, "
            + "start_time, stop_time, title, title_lang, sub_title, description, categories, episode_nums, icon_url) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CHANNEL = "insert into epg_channels (source_id, generation, xmltv_id, "
            + "display_names, icon_url) values (?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final long sourceId;
    private final long generation;
    private final int batchSize;
    private final List<XmltvProgramme> programmes = new ArrayList<>();
    private final List<XmltvChannel> channels = new ArrayList<>();

    GenerationWriter(DataSource dataSource, long sourceId, long generation, int batchSize) {
        this.dataSource = dataSource;
        this.sourceId = sourceId;
        this.generation = generation;
        this.batchSize = batchSize;
    }

    public long generation() {
        return generation;
    }

    public void channel(XmltvChannel channel) {
        channels.add(channel);
        if (channels.size() >= batchSize) {
            flushChannels();
        }
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
        if (channels.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> batch(INSERT_CHANNEL, ps -> {
            for (XmltvChannel c : channels) {
                ps.setLong(1, sourceId);
                ps.setLong(2, generation);
                ps.setString(3, cut(c.id(), 300));
                ps.setString(4, cut(String.join("\n", c.displayNames()), 2000));
                ps.setString(5, cut(c.iconUrl(), 2048));
                ps.addBatch();
            }
        }));
        channels.clear();
    }

    private void flushProgrammes() {
        if (programmes.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> batch(INSERT_PROGRAMME, ps -> {
            for (XmltvProgramme p : programmes) {
                ps.setLong(1, sourceId);
                ps.setLong(2, generation);
                ps.setString(3, cut(p.channel(), 300));
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
