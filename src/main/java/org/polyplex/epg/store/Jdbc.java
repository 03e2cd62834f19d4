package org.polyplex.epg.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.vertx.core.Context;

/**
 * The plain-JDBC statements of the guide store: each takes a pooled connection for the statement
 * only. Refuses to run on a Vert.x event loop.
 */
final class Jdbc {

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    int update(String sql) {
        offEventLoop();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("guide update failed: " + e.getMessage(), e);
        }
    }

    /** A maintenance query, without time limit. */
    void query(String sql, Binder binder, RowHandler handler) {
        query(sql, 0, binder, handler);
    }

    /** Runs a query; {@code timeoutSeconds} above 0 lets the database cancel it past that. */
    void query(String sql, int timeoutSeconds, Binder binder, RowHandler handler) {
        offEventLoop();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.setFetchSize(500);
            ps.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("guide query failed: " + e.getMessage(), e);
        }
    }

    /**
     * JDBC blocks: on an event loop it would stall every connection of that loop. Fails at once
     * instead, so that a caller that should have answered from memory (or hopped to a worker)
     * shows up in tests rather than as latency.
     */
    static void offEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("guide database access on the event loop");
        }
    }
}
