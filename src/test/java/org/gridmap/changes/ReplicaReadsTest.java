package org.gridmap.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.db.Database;
import org.gridmap.db.DatabaseProvisioner;
import org.gridmap.db.LocalPostgres;
import org.gridmap.db.PostgresBinaries;
import org.gridmap.db.Processes;
import org.gridmap.importer.DemoData;
import org.gridmap.importer.FeatureFiles;
import org.gridmap.importer.GeoJsonSetImporter;
import org.gridmap.importer.ImportProgress;
import org.gridmap.layers.TileCoord;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tiles and OGC items read from a real streaming replica (pg_basebackup of a primary of our own, hot standby),
 * and only while it has replayed every change the node knows of. The replica's own pg_stat_activity says which
 * server ran the tile query; pausing its replay makes it visibly behind.
 */
class ReplicaReadsTest {
    static LocalPostgres primary;
    static LocalPostgres replica;
    static Path primaryDir;
    static Path replicaDir;
    static TestServer server;
    static String token;
    static double[] spot;

    @BeforeAll
    static void start() throws Exception {
        primaryDir = TestPostgis.newClusterDir("gridmap-primary");
        replicaDir = TestPostgis.newClusterDir("gridmap-replica");
        primary = new LocalPostgres(primaryDir, freePort());
        primary.start();
        Database.Credentials main = DatabaseProvisioner.ensureDatabase(primary, "gridmap");
        try (Database db = new Database(main, 2)) {
            db.migrate();
            new GeoJsonSetImporter(db.dataSource()).importSet(FeatureFiles.classpath(DemoData.CLASSPATH_FOLDER), ImportProgress.NONE);
            new UserStore(db.dataSource(), new PasswordHasher()).create("replica-monitor", Role.MONITOR, "monitor-password-1".toCharArray());
        }
        replica = startReplica();
        Database.Credentials reads = new Database.Credentials(replica.jdbcUrl("gridmap"), LocalPostgres.SUPERUSER, primary.password());
        server = new TestServer(main, Map.of("db.read.url", reads.url(), "db.read.user", reads.user(),
                "db.read.password", reads.password()));
        token = TestServer.json(server.send("POST", "/api/session",
                "{\"username\":\"replica-monitor\",\"password\":\"monitor-password-1\"}")).get("token").asText();
        try (Connection c = connect(primary); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM "
                     + "(SELECT ST_PointOnSurface(geom) AS p FROM grids ORDER BY code LIMIT 1) g")) {
            rs.next();
            spot = new double[] {rs.getDouble("lon"), rs.getDouble("lat")};
        }
    }

    /** A hot standby streaming from the primary, as pg_basebackup -R makes it. */
    static LocalPostgres startReplica() throws Exception {
        Path data = replicaDir.resolve("data");
        Files.copy(primaryDir.resolve("superuser.password"), replicaDir.resolve("superuser.password"));
        List<String> backup = new java.util.ArrayList<>();
        if (Processes.isRoot()) {
            // the replica's files belong to the server's user, as the primary's do
            Processes.chownRecursive(replicaDir, "postgres");
            backup.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        backup.addAll(List.of(PostgresBinaries.find().resolve("pg_basebackup").toString(),
                "-d", "host=127.0.0.1 port=" + primary.port() + " user=" + LocalPostgres.SUPERUSER + " password=" + primary.password(),
                "-D", data.toString(), "-R", "-X", "stream", "-c", "fast"));
        Processes.Result r = Processes.run(backup, 300);
        assertThat(r.exitCode()).as(r.output()).isZero();
        LocalPostgres standby = new LocalPostgres(replicaDir, freePort());
        standby.start();
        try (Connection c = connect(standby); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("the replica is a standby").isTrue();
        }
        return standby;
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (replica != null) replica.stop();
        if (primary != null) primary.stop();
        deleteTree(replicaDir);
        deleteTree(primaryDir);
    }

    @Test
    void tilesAndItemsAreReadFromTheReplicaWhileItHasEverythingTheNodeKnows() throws Exception {
        awaitReplay();
        int[] t = tileOf(spot[0] + 0.01, spot[1] + 0.01, 16);
        HttpResponse<byte[]> tile = getBytes("/tiles/basemap/16/" + t[0] + "/" + t[1] + ".mvt");
        assertThat(tile.statusCode()).isIn(200, 204);
        assertThat(lastQueries(replica)).as("the replica ran the tile query").anyMatch(q -> q.contains("ST_AsMVT"));

        assertThat(server.get("/ogc/collections/hazards/items?limit=3").statusCode()).isEqualTo(200);
        assertThat(lastQueries(replica)).as("the replica ran the items query").anyMatch(q -> q.contains("FROM hazards t"));
    }

    @Test
    void aReplicaBehindAnEditThisNodeMadeIsPassedOverForThePrimary() throws Exception {
        String name = "replica-probe-" + Long.toString(System.nanoTime(), 36);
        int[] t = tileOf(spot[0], spot[1], 15);
        String tilePath = "/tiles/hazards/15/" + t[0] + "/" + t[1] + ".mvt";
        awaitReplay();
        exec(replica, "SELECT pg_wal_replay_pause()");
        try {
            getBytes(tilePath);   // the tile as it was, cached
            String body = String.format(Locale.ROOT, "{\"name\":\"%s\",\"type\":\"collapse\",\"radius_m\":5,\"blocks_roads\":false,"
                    + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}", name, spot[0], spot[1]);
            HttpResponse<String> created = server.send("POST", "/api/hazards", body, "Authorization", "Bearer " + token);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = TestServer.json(created).get("id").asLong();
            assertThat(count(replica, name)).as("the paused replica has not replayed the edit").isZero();

            HttpResponse<byte[]> after = getBytes(tilePath);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(new String(after.body(), StandardCharsets.ISO_8859_1)).as("the tile after the edit shows it").contains(name);
            assertThat(server.get("/ogc/collections/hazards/items/" + id).statusCode()).as("the item reads from the primary").isEqualTo(200);
            assertThat(server.get("/ogc/collections/hazards/items?limit=10000").body()).contains(name);
        } finally {
            exec(replica, "SELECT pg_wal_replay_resume()");
        }
        awaitReplay();
        assertThat(count(replica, name)).isEqualTo(1);
        long before = server.app().freshReads().counts().fromReplica();
        int[] other = tileOf(spot[0] - 0.01, spot[1] - 0.01, 16);
        getBytes("/tiles/basemap/16/" + other[0] + "/" + other[1] + ".mvt");
        assertThat(server.app().freshReads().counts().fromReplica()).as("caught up, the replica serves again").isGreaterThan(before);
    }

    /** Until the replica has replayed all the primary has written. */
    static void awaitReplay() throws Exception {
        String target;
        try (Connection c = connect(primary); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            target = rs.getString(1);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        try (Connection c = connect(replica); PreparedStatement ps = c.prepareStatement("SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
            ps.setString(1, target);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) return;
                }
                assertThat(System.currentTimeMillis()).as("the replica catches up").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** The last statement of every gridmap connection to the test's database on that server. */
    static List<String> lastQueries(LocalPostgres pg) throws Exception {
        try (Connection c = connect(pg); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT query FROM pg_stat_activity WHERE datname = 'gridmap' "
                     + "AND application_name = 'gridmap' AND pid <> pg_backend_pid()")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(rs.getString("query"));
            return out;
        }
    }

    static long count(LocalPostgres pg, String name) throws Exception {
        try (Connection c = connect(pg); PreparedStatement ps = c.prepareStatement("SELECT count(*) AS n FROM hazards WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong("n");
            }
        }
    }

    static void exec(LocalPostgres pg, String sql) throws Exception {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static Connection connect(LocalPostgres pg) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", LocalPostgres.SUPERUSER);
        p.setProperty("password", pg.password());
        p.setProperty("ApplicationName", "replica-test");
        return DriverManager.getConnection(pg.jdbcUrl("gridmap"), p);
    }

    static HttpResponse<byte[]> getBytes(String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static int[] tileOf(double lon, double lat, int z) {
        TileCoord t = TileCoord.containing(lon, lat, z);
        return new int[] {t.x(), t.y()};
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) { }
    }
}
