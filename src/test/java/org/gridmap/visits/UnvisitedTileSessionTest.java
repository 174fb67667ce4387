package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.db.Database;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestClock;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A grid's unvisited-households tile resolves its reader's session in its own statement: one statement per tile
 * (counted on the wire, as the PostgreSQL driver logs each Execute it sends), the same answers as a staff route
 * (401 without a live session, 403 for another role or grid), and a logout on one node ends the tiles on the other.
 */
class UnvisitedTileSessionTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final TestClock clock = new TestClock(Instant.parse("2026-11-10T02:00:00Z"));
    static final Logger WIRE = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    static TestServer a, b;
    static long grid, other;
    static String staff, planner;
    static int[] tile;

    @BeforeAll
    static void start() throws Exception {
        Database.Credentials db = TestPostgis.newDemoDatabase();
        a = new TestServer(db, clock);
        b = new TestServer(db, clock);
        grid = longOf("SELECT min(g.id) FROM grids g WHERE (SELECT count(*) FROM households h WHERE h.grid_id = g.id) >= 20");
        other = longOf("SELECT min(g.id) FROM grids g WHERE g.id <> " + grid
                + " AND EXISTS (SELECT 1 FROM households h WHERE h.grid_id = g.id)");
        UserStore users = new UserStore(a.database().dataSource(), new PasswordHasher(4));
        users.create("us", Role.STAFF, "us-password-1".toCharArray());
        users.create("up", Role.PLANNER, "up-password-1".toCharArray());
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'us') WHERE id = (SELECT min(id) FROM staff WHERE grid_id = " + grid + ")");
        staff = login(a, "us", "us-password-1");
        planner = login(a, "up", "up-password-1");
        double[] h = doubles("SELECT ST_X(geom), ST_Y(geom) FROM households WHERE grid_id = " + grid + " ORDER BY id LIMIT 1");
        tile = VisitTilesTest.tile(16, h[0], h[1]);
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void aTileIsOneStatementOnTheWireWithItsSessionCheckAndLog() throws Exception {
        String path = path(grid);
        assertThat(fetch(a, path, staff).statusCode()).isEqualTo(200);   // warm: connections, statements
        long reads = longOf("SELECT count(*) FROM visit_data_reads");
        clock.now = clock.now.plusSeconds(3600);   // a new view: this tile's read is logged again
        Wire wire = new Wire();
        HttpResponse<byte[]> r;
        try {
            WIRE.addHandler(wire);
            WIRE.setLevel(Level.FINEST);
            r = fetch(a, path, staff);
        } finally {
            WIRE.setLevel(null);
            WIRE.removeHandler(wire);
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(wire.executes()).as("statements sent for one tile: %s", wire.lines).isEqualTo(1);
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).isEqualTo(reads + 1);
        assertThat(ids(r)).isEqualTo(unvisitedInTileBySql());
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void onlyALiveSessionOfTheGridsStaffReadsIt() throws Exception {
        String path = path(grid);
        HttpResponse<String> none = text(a, path, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(none).get("message").asText()).as("Chinese without Accept-Language").contains("请先登录");
        assertThat(text(a, path, "no-such-token", "en").statusCode()).isEqualTo(401);
        HttpResponse<String> role = text(a, path, planner, "en");
        assertThat(role.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(role).get("message").asText()).contains("planner");
        HttpResponse<String> grid2 = text(a, path(other), staff, "en");
        assertThat(grid2.statusCode()).isEqualTo(403);
        JsonNode body = TestServer.json(grid2);
        assertThat(body.get("message").asText()).contains(textOf("SELECT code FROM grids WHERE id = " + other));
        assertThat(text(a, "/api/grids/987654321/unvisited/tiles/1/0/0.mvt", staff, "en").statusCode()).isEqualTo(404);

        // a session that expired, or an account disabled since its login, reads nothing, and nothing is logged
        String expired = login(a, "us", "us-password-1");
        exec("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = sha256(convert_to('" + expired + "', 'UTF8'))");
        long reads = longOf("SELECT count(*) FROM visit_data_reads");
        clock.now = clock.now.plusSeconds(3600);
        assertThat(fetch(a, path, expired).statusCode()).isEqualTo(401);
        String disabled = login(a, "us", "us-password-1");
        exec("UPDATE users SET disabled = true WHERE username = 'us'");
        try {
            assertThat(fetch(a, path, disabled).statusCode()).isEqualTo(401);
        } finally {
            exec("UPDATE users SET disabled = false WHERE username = 'us'");
        }
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).isEqualTo(reads);
        assertThat(fetch(a, path, disabled).statusCode()).as("enabled again").isEqualTo(200);
    }

    @Test
    void aLogoutOnOneNodeEndsTheTilesOnTheOther() throws Exception {
        String token = login(a, "us", "us-password-1");
        String path = path(grid);
        assertThat(fetch(b, path, token).statusCode()).isEqualTo(200);
        assertThat(fetch(a, path, token).statusCode()).isEqualTo(200);
        java.util.concurrent.CountDownLatch heard = heardBy(b, org.gridmap.changes.AccessChange.Kind.USERS, userId("us"));
        HttpResponse<String> out = a.send("DELETE", "/api/session", null, "Authorization", "Bearer " + token);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(heard.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("B heard the logout").isTrue();
        assertThat(fetch(b, path, token).statusCode()).as("logged out on A, asked on B").isEqualTo(401);
        assertThat(fetch(a, path, token).statusCode()).isEqualTo(401);
    }

    /**
     * A tile of a view the node has checked and logged is answered with no statement at all while the node hears
     * every change, and with its statement again once the feed goes deaf (its connection killed) and after it listens
     * anew; the read stays logged once per view.
     */
    @Test
    void aCheckedViewCostsNoStatementWhileTheFeedHearsAndOneAgainWhenItDoesNot() throws Exception {
        String token = login(a, "us", "us-password-1");
        String path = path(grid);
        clock.now = clock.now.plusSeconds(3600);   // a new view
        long reads = longOf("SELECT count(*) FROM visit_data_reads");
        assertThat(fetch(a, path, token).statusCode()).isEqualTo(200);
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).as("the view logged").isEqualTo(reads + 1);
        Wire wire = watch(() -> assertThat(ids(fetch(a, path, token))).isEqualTo(unvisitedInTileBySql()));
        assertThat(wire.executes()).as("statements for a vouched tile: %s", wire.lines).isEqualTo(0);
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).as("still one row for the view").isEqualTo(reads + 1);

        long reconnects = a.app().changes().state().reconnects();
        exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN gridmap_access'");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (a.app().changes().listening() && System.nanoTime() < deadline) Thread.sleep(2);
        Wire deaf = watch(() -> assertThat(fetch(a, path, token).statusCode()).isEqualTo(200));
        assertThat(deaf.executes()).as("deaf: the database asked again").isEqualTo(1);
        while ((a.app().changes().state().reconnects() == reconnects || !a.app().changes().listening())
                && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(a.app().changes().listening()).as("the feed listens again").isTrue();
        assertThat(watch(() -> fetch(a, path, token)).executes()).as("first tile after the reconnect").isEqualTo(1);
        assertThat(watch(() -> fetch(a, path, token)).executes()).as("then vouched again").isEqualTo(0);
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).as("one row for the view throughout").isEqualTo(reads + 1);
    }

    /** A staff member taken off the grid on another node (in SQL) reads no more of it once this node hears. */
    @Test
    void aStaffMemberTakenOffTheGridReadsNoMoreOnceHeard() throws Exception {
        exec("INSERT INTO users (username, password_hash, role) SELECT 'uo', password_hash, 'staff' FROM users WHERE username = 'us'");
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'uo') WHERE id = (SELECT max(id) FROM staff WHERE grid_id = " + grid + ")");
        String token = login(a, "uo", "us-password-1");
        String path = path(grid);
        assertThat(fetch(a, path, token).statusCode()).isEqualTo(200);
        assertThat(watch(() -> assertThat(fetch(a, path, token).statusCode()).isEqualTo(200)).executes()).as("vouched").isEqualTo(0);
        java.util.concurrent.CountDownLatch heard = new java.util.concurrent.CountDownLatch(1);
        a.app().changes().subscribeAccess(c -> { if (c.kind() == org.gridmap.changes.AccessChange.Kind.ALL) heard.countDown(); });
        exec("UPDATE staff SET user_id = NULL WHERE user_id = (SELECT id FROM users WHERE username = 'uo')");
        assertThat(heard.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("heard").isTrue();
        assertThat(fetch(a, path, token).statusCode()).isEqualTo(403);
    }

    // ---- helpers

    interface Step { void run() throws Exception; }

    /** The statements the server's request threads send while {@code step} runs. */
    static Wire watch(Step step) throws Exception {
        Wire wire = new Wire();
        try {
            WIRE.addHandler(wire);
            WIRE.setLevel(Level.FINEST);
            step.run();
        } finally {
            WIRE.setLevel(null);
            WIRE.removeHandler(wire);
        }
        return wire;
    }

    /** Counted down when {@code node}'s feed hands on an access change of that kind naming {@code id}. */
    static java.util.concurrent.CountDownLatch heardBy(TestServer node, org.gridmap.changes.AccessChange.Kind kind, long id) {
        java.util.concurrent.CountDownLatch heard = new java.util.concurrent.CountDownLatch(1);
        node.app().changes().subscribeAccess(c -> {
            if (c.kind() == kind && c.ids() != null && java.util.Arrays.stream(c.ids()).anyMatch(x -> x == id)) heard.countDown();
        });
        return heard;
    }

    static long userId(String username) throws Exception {
        return longOf("SELECT id FROM users WHERE username = '" + username + "'");
    }

    /**
     * Counts the Execute messages the driver sends (FINEST) from the server's request threads. The server's own
     * background work (the rings engine reloading after the set-up's staff edit, the change feed) runs on threads of
     * its own, at times of its own, and is not part of a tile's answer.
     */
    static final class Wire extends Handler {
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override public void publish(LogRecord r) {
            String m = r.getMessage();
            if (m != null && (m.contains("FE=> Execute") || m.contains("FE=> Parse"))) {
                lines.add(Thread.currentThread().getName() + ": " + (r.getParameters() == null ? m
                        : java.text.MessageFormat.format(m, r.getParameters())));
            }
        }

        long executes() {
            return lines.stream().filter(l -> l.startsWith("JettyServerThreadPool") && l.contains("FE=> Execute")).count();
        }

        @Override public void flush() { }

        @Override public void close() { }
    }

    static String path(long g) {
        return "/api/grids/" + g + "/unvisited/tiles/" + tile[0] + "/" + tile[1] + "/" + tile[2] + ".mvt?month=2026-11";
    }

    /** The grid's households in the tile (with its buffer) and no counting visit in 2026-11, straight from the tables. */
    TreeSet<Long> unvisitedInTileBySql() throws Exception {
        TreeSet<Long> out = new TreeSet<>();
        try (Connection c = a.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT h.id FROM households h WHERE h.grid_id = " + grid + " AND ST_Intersects(ST_Transform(h.geom, 3857), "
                + "ST_TileEnvelope(" + tile[0] + ", " + tile[1] + ", " + tile[2] + ", margin => 64.0 / 4096)) AND NOT EXISTS ("
                + "SELECT 1 FROM visits x WHERE x.household_id = h.id AND x.outcome IN ('met', 'refused') "
                + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '2026-11')")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    static TreeSet<Long> ids(HttpResponse<byte[]> r) {
        TreeSet<Long> out = new TreeSet<>();
        for (MvtReader.Feature f : MvtReader.read(r.body()).get("unvisited").features()) out.add(f.id());
        return out;
    }

    static HttpResponse<byte[]> fetch(TestServer s, String path, String token) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(s.url(path)));
        if (token != null) rb.header("Authorization", "Bearer " + token);
        return HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> text(TestServer s, String path, String token, String lang) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(s.url(path)));
        if (token != null) rb.header("Authorization", "Bearer " + token);
        if (lang != null) rb.header("Accept-Language", lang);
        return HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String login(TestServer s, String user, String password) throws Exception {
        HttpResponse<String> r = s.send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    static String textOf(String sql) throws Exception {
        try (Connection c = a.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    static long longOf(String sql) throws Exception { return (long) doubles(sql)[0]; }

    static double[] doubles(String sql) throws Exception {
        try (Connection c = a.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            double[] out = new double[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getDouble(i + 1);
            return out;
        }
    }

    static void exec(String sql) throws Exception {
        try (Connection c = a.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
