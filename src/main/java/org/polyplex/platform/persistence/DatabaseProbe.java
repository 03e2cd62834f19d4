package org.polyplex.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.platform.logging.Redaction;

import io.quarkus.logging.Log;

/**
 * A cheap check that the database answers: one pooled connection validated by the driver within
 * a bound. Callers get a round-trip time or nothing; the reason stays in the log, since a driver
 * message may name hosts, users and SQL.
 */
@ApplicationScoped
public class DatabaseProbe {

    /** Longest wait for the database's answer. */
    static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Milliseconds the check took, or empty when the database did not answer in time or refused. */
    public OptionalLong ping() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                Log.warn("database: the health probe's connection is not valid");
                return OptionalLong.empty();
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("database: the health probe failed: %s", Redaction.message(e));
            return OptionalLong.empty();
        }
        return OptionalLong.of((System.nanoTime() - started) / 1_000_000);
    }
}
