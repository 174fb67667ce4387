package org.gridmap.http;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Database failures that are no fault of the request and pass with time: the database is gone, every pooled
 * connection is busy, or a statement ran past its timeout. They answer 503 with Retry-After, so a client
 * (or a load balancer) waits and tries again instead of reporting a server bug.
 */
public final class DatabaseFailures {
    /** What the client is told (its catalogue key and English text), and after how many seconds it may try again. */
    public record Unavailable(String key, String message, int retryAfterSeconds) { }

    static final int RETRY_AFTER_BUSY = 5;
    static final int RETRY_AFTER_DOWN = 10;

    private DatabaseFailures() { }

    /** The 503 this failure deserves, or empty when it is a real error. */
    public static Optional<Unavailable> classify(Throwable failure) {
        boolean poolTimeout = false;
        boolean canceled = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException) poolTimeout = true;
            if (!(t instanceof SQLException e) || e.getSQLState() == null) continue;
            String state = e.getSQLState();
            // Class 08: connection exceptions; 57P01–57P03: the server is shutting down, crashed or starting.
            if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                return Optional.of(new Unavailable("http.db_down", "The database does not answer; try again shortly.", RETRY_AFTER_DOWN));
            }
            // 57014: the statement timeout (or a cancel) stopped the query; class 53: out of connections or memory;
            // 55P03: a lock could not be had in time.
            if (state.equals("57014") || state.startsWith("53") || state.equals("55P03")) canceled = true;
        }
        if (poolTimeout) {
            return Optional.of(new Unavailable("http.db_pool_busy", "The server is busy: every database connection is in use; try again shortly.",
                    RETRY_AFTER_BUSY));
        }
        if (canceled) {
            return Optional.of(new Unavailable("http.db_slow", "The database is too busy to answer this in time; try again shortly.",
                    RETRY_AFTER_BUSY));
        }
        return Optional.empty();
    }
}
