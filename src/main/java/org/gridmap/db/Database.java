package org.gridmap.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool (one per process) and the schema migrations that go with it. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private final HikariDataSource pool;
    private final Credentials credentials;

    public record Credentials(String url, String user, String password) {
        @Override public String toString() { return "Credentials[" + url + ", user=" + user + "]"; }
    }

    public Database(Credentials c, int maxPoolSize) { this(c, maxPoolSize, 0); }

    /**
     * A pool whose every statement is stopped after {@code statementTimeoutMs} (0 = never): one slow or
     * blocked query must not hold a connection the other requests are waiting for.
     */
    public Database(Credentials c, int maxPoolSize, long statementTimeoutMs) {
        this.credentials = c;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(c.url());
        if (c.user() != null) hc.setUsername(c.user());
        if (c.password() != null) hc.setPassword(c.password());
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setMinimumIdle(Math.min(2, maxPoolSize));
        hc.setPoolName("gridmap");
        // Short waits: when every connection is busy or the database is gone, the client gets 503 and
        // Retry-After within two seconds instead of a hung request (and /health says so just as fast).
        hc.setConnectionTimeout(2_000);
        hc.setValidationTimeout(1_000);
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("ApplicationName", "gridmap");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("connectTimeout", "5");
        // JIT off: gridmap's statements are short, and PostgreSQL compiles any whose estimate passes jit_above_cost.
        // A city's basemap tile (thirteen layers in one statement, estimates that grow with the city) passed it at
        // 1,000 towns and spent 78 ms of its 131 compiling, every request: one measured tile went 131 → 16 ms.
        hc.addDataSourceProperty("options", "-c jit=off" + (statementTimeoutMs > 0 ? " -c statement_timeout=" + statementTimeoutMs : ""));
        this.pool = new HikariDataSource(hc);
    }

    public DataSource dataSource() { return pool; }

    /**
     * Reports the pool (connections active, idle, pending; time to acquire one, timeouts) into a Micrometer
     * registry. HikariCP takes one registry per pool for its life, so a second call is ignored: false.
     */
    public synchronized boolean reportPoolTo(Object meterRegistry) {
        if (pool.getMetricRegistry() != null) return false;
        pool.setMetricRegistry(meterRegistry);
        return true;
    }

    public Credentials credentials() { return credentials; }

    public Connection connection() throws SQLException { return pool.getConnection(); }

    public MigrateResult migrate() {
        // Migrations get connections of their own: the pool's statement timeout must not stop an index
        // build on a large town.
        MigrateResult r = Flyway.configure()
                .dataSource(credentials.url(), credentials.user(), credentials.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // with nothing to apply, Flyway names no target version: the schema is then at the version it found
        log.info("schema at version {} ({} migrations applied now)",
                r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion, r.migrationsExecuted);
        return r;
    }

    /** True when the database answers a trivial query within a second or two. */
    public boolean isUp() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() { pool.close(); }
}
