package org.gridmap.changes;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.slf4j.LoggerFactory;

/**
 * The connections for reads that may come from a streaming replica (tiles, OGC items), handed out only while
 * that replica can be shown to be fresh: it has replayed the primary's WAL at least up to the position the
 * primary had reached when this node last heard of a change (its own commits and the change feed's). A replica
 * further behind — or one that cannot say — is passed over for the primary, so a tile rendered after an edit
 * this node knows of always shows it, and the tile cache never keeps a picture older than its invalidations.
 */
public final class FreshReads implements DataSource {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(FreshReads.class);
    /** A position no replica reaches: used while the primary's position is unknown (failover, outage). */
    static final long UNKNOWN = Long.MAX_VALUE;
    private static final String PRIMARY_POSITION = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS lsn";
    // On a primary (no recovery) everything committed is visible: fresh by definition.
    private static final String REPLAYED = "SELECT CASE WHEN pg_is_in_recovery()"
            + " THEN pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint END AS lsn";

    private final DataSource primary;
    private final DataSource replica;
    private final AtomicLong needed = new AtomicLong(0);
    private final AtomicLong fromReplica = new AtomicLong();
    private final AtomicLong fromPrimary = new AtomicLong();

    public FreshReads(DataSource primary, DataSource replica) {
        this.primary = primary;
        this.replica = replica;
    }

    /**
     * A change committed: from now on a replica must have replayed the primary's current position. Runs in the
     * writer's thread right after its commit (before it answers) and in the change feed's thread for
     * everyone else's. After the feed reconnected ({@link DataChange#isEverything}) the position is taken
     * afresh rather than raised, since a new primary's WAL may lie behind what the old one had written.
     */
    public void onChange(DataChange change) {
        long now;
        try {
            now = Sql.read(primary, c -> Sql.one(c, PRIMARY_POSITION, rs -> rs.getLong("lsn")).orElse(UNKNOWN));
        } catch (SQLException | RuntimeException e) {
            log.debug("primary position unknown after a change ({}); reads go to the primary", e.toString());
            needed.set(UNKNOWN);
            return;
        }
        if (change.isEverything()) needed.set(now);
        else needed.accumulateAndGet(now, (old, n) -> old == UNKNOWN ? n : Math.max(old, n));
    }

    @Override
    public Connection getConnection() throws SQLException {
        long required = needed.get();
        if (required != UNKNOWN) {
            Connection c = null;
            try {
                c = replica.getConnection();
                Connection checked = c;
                Long replayed = Sql.one(checked, REPLAYED, rs -> {
                    long v = rs.getLong("lsn");
                    return rs.wasNull() ? null : v;
                }).orElse(null);
                if (replayed == null || replayed >= required) {
                    fromReplica.incrementAndGet();
                    return c;
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("replica unavailable ({}); reading from the primary", e.toString());
            }
            if (c != null) c.close();
        }
        fromPrimary.incrementAndGet();
        return primary.getConnection();
    }

    /** How many reads the replica served, and how many went to the primary because it could not be shown fresh. */
    public record Counts(long fromReplica, long fromPrimary) { }

    public Counts counts() { return new Counts(fromReplica.get(), fromPrimary.get()); }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pools carry their own credentials");
    }

    @Override public PrintWriter getLogWriter() throws SQLException { return primary.getLogWriter(); }

    @Override public void setLogWriter(PrintWriter out) throws SQLException { primary.setLogWriter(out); }

    @Override public void setLoginTimeout(int seconds) throws SQLException { primary.setLoginTimeout(seconds); }

    @Override public int getLoginTimeout() throws SQLException { return primary.getLoginTimeout(); }

    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return primary.getParentLogger(); }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
