package org.polyplex.platform.persistence;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

import jakarta.persistence.PersistenceException;

import org.polyplex.platform.web.ApiException;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Classifies database constraint failures by SQLSTATE so that a race lost to a concurrent
 * writer still answers 409 or 400, never 500. SQLSTATEs are the standard ones that both
 * H2 and PostgreSQL report.
 */
public final class DbConstraints {

    /** What kind of integrity rule a statement broke. */
    public enum Kind {
        UNIQUE,
        FOREIGN_KEY
    }

    private DbConstraints() {
    }

    public static Optional<Kind> classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("23505")) {
                    return Optional.of(Kind.UNIQUE);
                }
                // 23503: a referenced row is missing or still referenced (PostgreSQL: both; H2: the
                // latter); 23506: H2's code for a missing referenced row
                if (state.equals("23503") || state.equals("23506")) {
                    return Optional.of(Kind.FOREIGN_KEY);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a failure came from the database (a {@link SQLException} anywhere in its causes).
     * Such a message names tables, constraints and SQL: it goes to the server log, never into a
     * run record or an answer that users read.
     */
    public static boolean isDatabaseFailure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException || t instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Flushes pending writes now, inside the caller's transaction, and turns a broken constraint
     * into the caller's explanation of it. The transaction then rolls back: nothing half-written.
     */
    public static void flush(Function<Kind, ApiException> explain) {
        try {
            Panache.getEntityManager().flush();
        } catch (PersistenceException e) {
            throw classify(e).map(explain).orElseThrow(() -> e);
        }
    }
}
