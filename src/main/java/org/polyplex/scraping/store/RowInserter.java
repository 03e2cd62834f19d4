package org.polyplex.scraping.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * Inserts imported rows as plain JDBC batches: at 100k rows, building and flushing entities
 * costs several times the SQL itself. Ids come from the entity's own Hibernate generator (the
 * pooled sequence), so they never collide with rows Hibernate inserts. One instance per table;
 * rows are buffered and written every {@value #BATCH}, on the transaction's connection.
 */
final class RowInserter {

    static final int BATCH = 500;

    private final EntityManager em;
    private final Class<?> entity;
    private final String sql;
    private final List<Object[]> pending = new ArrayList<>();

    /** {@code columns} must start with {@code id}; {@link #add} takes the values after it. */
    RowInserter(EntityManager em, Class<?> entity, String table, String... columns) {
        this.em = em;
        this.entity = entity;
        this.sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + "?, ".repeat(columns.length - 1) + "?)";
    }

    /** Allocates the row's id, queues the row and answers the id. */
    long add(Object... values) {
        long id = nextId();
        Object[] row = new Object[values.length + 1];
        row[0] = id;
        System.arraycopy(values, 0, row, 1, values.length);
        pending.add(row);
        return id;
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(this::write);
        pending.clear();
    }

    private long nextId() {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        var generator = (BeforeExecutionGenerator) session.getFactory().getMappingMetamodel().getEntityDescriptor(entity)
                .getGenerator();
        return ((Number) generator.generate(session, null, null, EventType.INSERT)).longValue();
    }

    private void write(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int n = 0;
            for (Object[] row : pending) {
                for (int i = 0; i < row.length; i++) {
                    set(ps, i + 1, row[i]);
                }
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            ps.setObject(index, value);
        }
    }
}
