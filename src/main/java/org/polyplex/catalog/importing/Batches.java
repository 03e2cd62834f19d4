package org.polyplex.catalog.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.persistence.PersistenceException;

import org.hibernate.StatelessSession;

/**
 * The batched writes of one import, inside its transaction. New rows are entities inserted
 * through the stateless session, so that their ids come from each entity's own generator (the
 * pooled sequence admin writes use too); changed columns of existing rows are plain JDBC update
 * batches on the transaction's connection. Both go to the database {@value #SIZE} statements at
 * a time, and each call leaves nothing pending, so later statements may rely on earlier rows.
 * Fetching a block of ids runs a statement and so ends the insert batch in progress: the
 * imported entities take ids in blocks of {@value #SIZE} ({@code allocationSize}) for that reason.
 */
final class Batches {

    /** Statements per JDBC batch. */
    static final int SIZE = 500;

    /** Binds one row's parameters to the statement. */
    interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private final StatelessSession session;
    private final DataSource dataSource;

    Batches(StatelessSession session, DataSource dataSource) {
        this.session = session;
        this.dataSource = dataSource;
    }

    /** Inserts the entities in order, in JDBC batches; each gets its id. */
    void insert(List<?> entities) {
        for (int from = 0; from < entities.size(); from += SIZE) {
            session.insertMultiple(entities.subList(from, Math.min(entities.size(), from + SIZE)));
        }
    }

    /** Runs {@code sql} once per row, in JDBC batches. */
    <T> void update(String sql, Collection<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        // inside the transaction the pool hands out the connection the session writes on
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
                if (++pending == SIZE) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        } catch (SQLException e) {
            throw new PersistenceException("catalog import: batch update failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setBoolean(PreparedStatement statement, int index, Boolean value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BOOLEAN);
        } else {
            statement.setBoolean(index, value);
        }
    }
}
