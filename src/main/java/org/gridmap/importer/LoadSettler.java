package org.gridmap.importer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * After a bulk load: {@code VACUUM (FREEZE, ANALYZE)} of the database, once, by the command that loaded it.
 * Rows just written carry no hint bits yet; the first read of each page sets them and, since a checkpoint began,
 * writes the whole page to the WAL ({@code wal_log_hints}, which pg_rewind needs). A 1,000-town city is 7 GB: read
 * by the gridmap nodes' engine loads, and read again on a replica just promoted (hint bits a standby sets are not
 * logged), that is gigabytes of WAL at the worst moment. In the first failover drill on the city the new primary's
 * WAL was nothing but such pages ({@code pg_waldump}: FPI_FOR_HINT), and its synchronous replica, which every
 * commit waits for, fell 121 MB behind. Frozen and marked all-visible now, the pages are written once, here, and
 * not again by a read. ANALYZE gives the planner the loaded tables' statistics at once.
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
