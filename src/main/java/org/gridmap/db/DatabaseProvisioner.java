package org.gridmap.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates the application database inside a local cluster the first time it is needed. */
public final class DatabaseProvisioner {
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseProvisioner() { }

    public static Database.Credentials ensureDatabase(LocalPostgres pg, String database) throws IOException {
        if (!SAFE_NAME.matcher(database).matches()) throw new IllegalArgumentException("bad database name " + database);
        String admin = pg.jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(admin, LocalPostgres.SUPERUSER, pg.password());
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8'");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + database + " in the local cluster: " + e.getMessage(), e);
        }
        return new Database.Credentials(pg.jdbcUrl(database), LocalPostgres.SUPERUSER, pg.password());
    }

    /** Where the local cluster lives: var/pg in the checkout, unless the postgres account cannot reach it. */
    public static Path clusterDir(Path projectVarDir) {
        Path preferred = projectVarDir.resolve("pg").toAbsolutePath().normalize();
        if (!Processes.isRoot() || Processes.postgresUserCanReach(projectVarDir.toAbsolutePath().getParent())) {
            return preferred;
        }
        // e.g. a checkout under /root: keep the cluster where postgres can enter, one per checkout.
        String key = Integer.toHexString(preferred.toString().hashCode());
        return Path.of("/var/lib/gridmap", "cluster-" + key);
    }
}
