package org.gridmap.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gridmap.db.Database;
import org.gridmap.db.LocalPostgres;
import org.gridmap.importer.DemoData;
import org.gridmap.importer.FeatureFiles;
import org.gridmap.importer.GeoJsonSetImporter;
import org.gridmap.importer.ImportProgress;

/**
 * One real PostGIS cluster for the whole test run, started in a temporary directory on a free port and
 * removed at the end. Tests get their own databases in it: empty, migrated, or a copy of a migrated
 * database holding the Taojia demo town (imported once, then cloned as a template — cheap).
 */
public final class TestPostgis {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static LocalPostgres cluster;
    private static Path dir;
    private static boolean demoTemplateReady;

    private TestPostgis() { }

    public static synchronized LocalPostgres cluster() {
        if (cluster == null) {
            try {
                removeAbandonedClusters();
                dir = newClusterDir("gridmap-test-pg");
                cluster = new LocalPostgres(dir, freePort());
                cluster.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    cluster.stop();
                    deleteTree(dir);
                }));
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test PostGIS cluster: " + e.getMessage(), e);
            }
        }
        return cluster;
    }

    /**
     * A test run that was killed (a timeout, Ctrl-C) never runs its shutdown hook and leaves its cluster's files
     * behind, gigabytes each. Remove those whose server is gone: older than an hour (a run that is just starting
     * has no server yet) and with no live postmaster.
     */
    private static void removeAbandonedClusters() {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (Stream<Path> dirs = Files.list(Path.of("/tmp"))) {
            dirs.filter(d -> d.getFileName().toString().startsWith("gridmap-test-pg"))
                    .filter(d -> d.toFile().lastModified() < hourAgo)
                    .filter(d -> !serverAlive(d.resolve("data/postmaster.pid")))
                    .forEach(TestPostgis::deleteTree);
        } catch (IOException ignored) {
            // only tidying: a directory we cannot list holds nothing of ours
        }
    }

    private static boolean serverAlive(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A directory the postgres account can enter even when tests run as root. */
    public static Path newClusterDir(String prefix) throws IOException {
        Path d = Files.createTempDirectory(Path.of("/tmp"), prefix);
        d.toFile().setExecutable(true, false);
        d.toFile().setReadable(true, false);
        return d;
    }

    public static Database.Credentials newEmptyDatabase() {
        return createDatabase("t" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid(), null);
    }

    public static Database.Credentials newMigratedDatabase() {
        Database.Credentials c = newEmptyDatabase();
        try (Database db = new Database(c, 2)) {
            db.migrate();
        }
        return c;
    }

    /** A fresh database holding the demo town (its own copy: tests may write to it). */
    public static synchronized Database.Credentials newDemoDatabase() {
        if (!demoTemplateReady) {
            Database.Credentials t = createDatabase("demo_template", null);
            try (Database db = new Database(t, 2)) {
                db.migrate();
                new GeoJsonSetImporter(db.dataSource()).importSet(FeatureFiles.classpath(DemoData.CLASSPATH_FOLDER),
                        ImportProgress.NONE);
            } catch (Exception e) {
                throw new IllegalStateException("could not build the demo template database", e);
            }
            demoTemplateReady = true;
        }
        return createDatabase("d" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid(), "demo_template");
    }

    private static Database.Credentials createDatabase(String name, String template) {
        LocalPostgres pg = cluster();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), LocalPostgres.SUPERUSER, pg.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return new Database.Credentials(pg.jdbcUrl(name), LocalPostgres.SUPERUSER, pg.password());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) { }
    }
}
