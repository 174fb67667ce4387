package org.gridmap.app;

import java.io.IOException;
import java.nio.file.Path;
import org.gridmap.db.Database;
import org.gridmap.db.DatabaseProvisioner;
import org.gridmap.db.LocalPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database a command works on: the external one named by {@code GRIDMAP_DB_URL}, or the project-local
 * cluster, started if it is not running and stopped again on close if this process started it.
 */
public final class Storage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Storage.class);
    public static final String LOCAL_DATABASE = "gridmap";

    private final LocalPostgres local;
    private final Database database;

    private Storage(LocalPostgres local, Database database) {
        this.local = local;
        this.database = database;
    }

    /** For commands: no statement timeout (an import of a large town may run long statements). */
    public static Storage open(Config config) throws IOException { return open(config, 0); }

    /** For the server: statements stop after {@code statementTimeoutMs} (0 = never). */
    public static Storage open(Config config, long statementTimeoutMs) throws IOException {
        if (!config.usesLocalCluster()) {
            log.info("using the external database {}", config.dbUrl());
            Database db = new Database(new Database.Credentials(config.dbUrl(), config.dbUser(), config.dbPassword()),
                    config.poolSize(), statementTimeoutMs);
            db.migrate();
            return new Storage(null, db);
        }
        Path dir = DatabaseProvisioner.clusterDir(config.varDir());
        LocalPostgres pg = new LocalPostgres(dir, config.localPgPort());
        pg.start();
        try {
            Database db = new Database(DatabaseProvisioner.ensureDatabase(pg, LOCAL_DATABASE), config.poolSize(),
                    statementTimeoutMs);
            db.migrate();
            return new Storage(pg, db);
        } catch (RuntimeException | IOException e) {
            pg.close();
            throw e;
        }
    }

    public Database database() { return database; }

    public LocalPostgres localCluster() { return local; }

    @Override
    public void close() {
        database.close();
        if (local != null) local.close();
    }
}
