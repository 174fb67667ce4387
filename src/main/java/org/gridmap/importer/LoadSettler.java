package org.gridmap.importer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * After a bulk load: {@code VACUUM (FREEZE, ANALYZE)} of the database, once, by the command that loaded it.
 * Rows just written carry no hint bits yet; the first read of each page sets them and, since a checkpoint began,
 * writes the whole page to the WAL ({@code wal_log_hints}, needed by pg_rewind). A 1,000-town city is 7 GB: read by
 * the gridmap nodes' first engine loads, and read again on a replica after it is promoted (hint bits a standby sets
 * are not logged), that is gigabytes of WAL at the worst moment — right after a failover, where every commit waits
 * for the synchronous replica to apply it (the failover drill on the city saw writes stall for a minute). Frozen
 * and marked all-visible now, the pages are written once, here, and never again by a read. ANALYZE gives the
 * planner the loaded tables' statistics at once.
 */
public final class LoadSettler {
    private LoadSettler() { }

    /** Runs on a connection of its own in autocommit (VACUUM cannot run in a transaction), without a time limit. */
    public static void settle(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SET statement_timeout = 0");
            s.execute("VACUUM (FREEZE, ANALYZE)");
            s.execute("RESET statement_timeout");
        }
    }
}
