package org.gridmap.ops;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.gridmap.db.Sql;

/** Reads the database's state for /metrics and /health; a database that does not answer is {@link DatabaseState#DOWN}. */
public final class OpsService {
    private final DataSource db;

    public OpsService(DataSource db) { this.db = db; }

    public DatabaseState databaseState() {
        try {
            return Sql.read(db, c -> Sql.one(c, OpsSql.STATE, OpsSql.STATE_ROW)).orElse(DatabaseState.DOWN);
        } catch (SQLException | RuntimeException e) {
            return DatabaseState.DOWN;
        }
    }
}
