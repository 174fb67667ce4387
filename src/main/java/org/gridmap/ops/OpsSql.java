package org.gridmap.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.gridmap.db.Sql;

/** Every SQL statement of the operations views (/metrics, /health). */
final class OpsSql {
    private OpsSql() { }

    /**
     * One round trip for the whole state. A replica that has replayed everything it received is 0 s behind; the
     * age of its last replayed transaction would otherwise grow while the primary is merely idle.
     */
    static final String STATE = """
            SELECT pg_is_in_recovery() AS in_recovery,
                   CASE WHEN NOT pg_is_in_recovery() THEN NULL
                        WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                        ELSE GREATEST(0, extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())) END
                       AS replay_lag_seconds,
                   CASE WHEN pg_is_in_recovery() THEN NULL
                        ELSE (SELECT count(*) FROM pg_stat_replication) END AS replicas,
                   CASE WHEN pg_is_in_recovery() THEN NULL
                        ELSE (SELECT count(*) FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum')) END
                       AS sync_replicas""";

    static final Sql.Row<DatabaseState> STATE_ROW = OpsSql::state;

    private static DatabaseState state(ResultSet rs) throws SQLException {
        double lag = rs.getDouble("replay_lag_seconds");
        Double replayLag = rs.wasNull() ? null : lag;
        int replicas = rs.getInt("replicas");
        Integer replicaCount = rs.wasNull() ? null : replicas;
        int sync = rs.getInt("sync_replicas");
        Integer syncCount = rs.wasNull() ? null : sync;
        return new DatabaseState(true, rs.getBoolean("in_recovery"), replayLag, replicaCount, syncCount);
    }
}
