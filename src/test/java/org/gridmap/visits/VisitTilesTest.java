package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestClock;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The visits' map layers as vector tiles over HTTP, decoded by the test's own MVT reader: every grid's completion
 * for anyone, a grid's unvisited households for its staff only (401, 403, 404 otherwise), each read logged, and
 * the layer changing when a visit is recorded. Expected sets come from plain SQL on visits and households.
 */
class VisitTilesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final TestClock clock = new TestClock(Instant.parse("2026-11-10T02:00:00Z"));
    static TestServer server;
    static long gridA, gridB;
    static String staffA, staffB, admin;
    static int[] tileA;

    @BeforeAll
    static void start() throws Exception {
        clock.now = Instant.parse("2026-11-10T02:00:00Z");
        server = new TestServer(TestPostgis.newDemoDatabase(), clock);
        gridA = longOf("SELECT min(g.id) FROM grids g WHERE (SELECT count(*) FROM households h WHERE h.grid_id = g.id) >= 20");
        gridB = longOf("SELECT min(g.id) FROM grids g WHERE g.id <> " + gridA);
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ta", Role.STAFF, "ta-password-1".toCharArray());
        users.create("tb", Role.STAFF, "tb-password-1".toCharArray());
        users.create("tad", Role.ADMIN, "tad-password-1".toCharArray());
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'ta') WHERE id = (SELECT min(id) FROM staff WHERE grid_id = " + gridA + ")");
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'tb') WHERE id = (SELECT min(id) FROM staff WHERE grid_id = " + gridB + ")");
        staffA = login("ta", "ta-password-1");
        staffB = login("tb", "tb-password-1");
        admin = login("tad", "tad-password-1");
        // a tile that holds the whole grid: the largest zoom whose tile holds both corners of its box
        double[] box = doubles("SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM grids WHERE id = " + gridA);
        for (int z = 16; z >= 0; z--) {
            int[] a = tile(z, box[0], box[3]), b = tile(z, box[2], box[1]);
            if (a[1] == b[1] && a[2] == b[2]) {
                tileA = a;
                break;
            }
        }
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void theUnvisitedTileIsTheGridsStaffsAndFollowsTheirVisits() throws Exception {
        String path = "/api/grids/" + gridA + "/unvisited/tiles/" + tileA[0] + "/" + tileA[1] + "/" + tileA[2] + ".mvt?month=2026-11";
        assertThat(fetch(path, null).statusCode()).isEqualTo(401);
        assertThat(fetch(path, staffB).statusCode()).isEqualTo(403);
        assertThat(fetch("/api/grids/987654321/unvisited/tiles/1/0/0.mvt", staffA).statusCode()).isEqualTo(404);
        long reads = longOf("SELECT count(*) FROM visit_data_reads");
        long mapReads = longOf("SELECT count(*) FROM visit_data_reads WHERE purpose = 'unvisited households map'");

        assertThat(ids(fetch(path, staffA), "unvisited")).isEqualTo(unvisitedBySql());
        assertThat(ids(fetch(path, admin), "unvisited")).isEqualTo(unvisitedBySql());
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).isEqualTo(reads + 2);
        assertThat(longOf("SELECT households FROM visit_data_reads ORDER BY id DESC LIMIT 1")).isEqualTo(unvisitedBySql().size());
        // the rest of a map view (more tiles, the same reader, grid and month) is covered by its first logged tile,
        // until the view is older than the window
        assertThat(fetch(path, staffA).statusCode()).isEqualTo(200);
        assertThat(fetch(path.replace("2026-11", "2026-10"), staffA).statusCode()).isEqualTo(200);
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).isEqualTo(reads + 3);
        clock.now = clock.now.plusSeconds(11 * 60);
        assertThat(fetch(path, staffA).statusCode()).isEqualTo(200);
        assertThat(longOf("SELECT count(*) FROM visit_data_reads")).isEqualTo(reads + 4);
        assertThat(longOf("SELECT count(*) FROM visit_data_reads WHERE purpose = 'unvisited households map'")).isEqualTo(mapReads + 4);

        // nobody home: still unvisited, with an attempt; met: gone from the layer
        long h = longOf("SELECT min(id) FROM households WHERE grid_id = " + gridA);
        long h2 = longOf("SELECT min(id) FROM households WHERE grid_id = " + gridA + " AND id > " + h);
        assertThat(post(h, "nobody_home", staffA)).isEqualTo(201);
        assertThat(post(h2, "met", staffA)).isEqualTo(201);
        HttpResponse<byte[]> after = fetch(path, staffA);
        TreeSet<Long> now = ids(after, "unvisited");
        assertThat(now).contains(h).doesNotContain(h2).isEqualTo(unvisitedBySql());
        MvtReader.Feature f = MvtReader.read(after.body()).get("unvisited").features().stream().filter(x -> x.id() == h).findFirst().orElseThrow();
        assertThat(((Number) f.properties().get("attempts")).longValue()).isEqualTo(1);
        assertThat(after.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void theCompletionTileShowsEveryGridsCountsToAnyone() throws Exception {
        exec("INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                + "SELECT h.id, (SELECT id FROM users WHERE username = 'tad'), g.code, timestamptz '2026-10-15 12:00+08', "
                + "CASE WHEN h.id % 3 = 0 THEN 'nobody_home' ELSE 'met' END, h.geom, 0, false FROM households h "
                + "JOIN grids g ON g.id = h.grid_id WHERE h.id % 4 <> 0");
        String path = "/api/visits/completion/tiles/" + tileA[0] + "/" + tileA[1] + "/" + tileA[2] + ".mvt?month=2026-10";
        HttpResponse<byte[]> r = fetch(path, null);
        assertThat(r.statusCode()).isEqualTo(200);
        Map<Long, MvtReader.Feature> byId = new HashMap<>();
        for (MvtReader.Feature f : MvtReader.read(r.body()).get("visit_completion").features()) byId.put(f.id(), f);
        assertThat(byId).containsKey(gridA);
        for (long grid : byId.keySet()) {
            long[] want = longs("SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM visits x WHERE x.household_id = h.id "
                    + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '2026-10' AND x.outcome <> 'nobody_home')), "
                    + "count(*) FROM households h WHERE h.grid_id = " + grid);
            Map<String, Object> p = byId.get(grid).properties();
            assertThat(((Number) p.get("visited")).longValue()).as("grid " + grid).isEqualTo(want[0]);
            assertThat(((Number) p.get("total")).longValue()).isEqualTo(want[1]);
            if (want[1] > 0) assertThat(((Number) p.get("share")).doubleValue()).isCloseTo((double) want[0] / want[1], org.assertj.core.data.Offset.offset(0.0006));
        }
        assertThat(((Number) byId.get(gridA).properties().get("visited")).longValue()).isPositive();
        // nothing personal in the public layer
        assertThat(byId.get(gridA).properties().keySet()).containsExactlyInAnyOrder("code", "name", "village", "visited", "total", "share");
        assertThat(fetch(path.replace("2026-10", "2026-13"), null).statusCode()).isEqualTo(400);
        assertThat(fetch(path + "&colour=red", null).statusCode()).isEqualTo(400);
    }

    /**
     * A node keeps the unvisited tiles it rendered and serves one again only while its grid's change number (V30)
     * is the one it was rendered at: a visit or a household edited behind this node's back (in SQL, as another
     * node would) shows on the first request after the change feed brought it. A tile asked again while the node may
     * vouch for its reader, number and logged view costs no round trip. The households come from SQL; /metrics says
     * which path answered.
     */
    @Test
    void aKeptTileIsServedOnlyWhileItsGridIsUnchangedWhoeverChangesIt() throws Exception {
        String path = "/api/grids/" + gridA + "/unvisited/tiles/" + tileA[0] + "/" + tileA[1] + "/" + tileA[2] + ".mvt?month=2026-08";
        double[] c0 = keptAndRendered();
        assertThat(ids(fetch(path, staffA), "unvisited")).isEqualTo(unvisitedBySql("2026-08"));
        assertThat(ids(fetch(path, staffA), "unvisited")).isEqualTo(unvisitedBySql("2026-08"));
        double[] c1 = keptAndRendered();
        assertThat(c1[0] - c0[0]).as("served from the kept tile").isEqualTo(1);
        assertThat(c1[1] - c0[1]).as("rendered").isEqualTo(1);
        assertThat(c1[2] - c0[2]).as("served with no round trip: reader, number and logged view vouched for").isEqualTo(1);

        long h = longOf("SELECT min(id) FROM households WHERE grid_id = " + gridA);
        changedElsewhere("INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                + "SELECT h.id, (SELECT id FROM users WHERE username = 'ta'), g.code, timestamptz '2026-08-15 10:00+08', 'met', h.geom, 0, false "
                + "FROM households h JOIN grids g ON g.id = h.grid_id WHERE h.id = " + h);
        TreeSet<Long> afterVisit = ids(fetch(path, staffA), "unvisited");
        assertThat(afterVisit).doesNotContain(h).isEqualTo(unvisitedBySql("2026-08"));

        long h2 = afterVisit.first();
        changedElsewhere("UPDATE households SET members = members + 3 WHERE id = " + h2);
        HttpResponse<byte[]> afterEdit = fetch(path, staffA);
        MvtReader.Feature f = MvtReader.read(afterEdit.body()).get("unvisited").features().stream()
                .filter(x -> x.id() == h2).findFirst().orElseThrow();
        assertThat(((Number) f.properties().get("members")).longValue()).isEqualTo(longOf("SELECT members FROM households WHERE id = " + h2));
        double[] c2 = keptAndRendered();
        assertThat(c2[0] - c1[0]).as("no kept tile served after the grid changed").isEqualTo(0);
        assertThat(c2[1] - c1[1]).isEqualTo(2);

        // a kept tile still asks who reads: another grid's staff get 403, an ended session 401
        assertThat(fetch(path, staffB).statusCode()).isEqualTo(403);
        String once = login("ta", "ta-password-1");
        assertThat(fetch(path, once).statusCode()).isEqualTo(200);
        assertThat(server.send("DELETE", "/api/session", null, "Authorization", "Bearer " + once).statusCode()).isEqualTo(204);
        assertThat(fetch(path, once).statusCode()).isEqualTo(401);
    }

    /** V30's numbers, read in SQL: a visit renumbers its household's grid only; a TRUNCATE every grid, never to an old number. */
    @Test
    void aGridsChangeNumberFollowsItsVisitsAndHouseholds() throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                Map<Long, Long> before = revisions(s);
                long h = longOf("SELECT max(id) FROM households WHERE grid_id = " + gridB);
                s.execute("INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                        + "SELECT h.id, (SELECT id FROM users WHERE username = 'tb'), g.code, timestamptz '2026-07-15 10:00+08', 'nobody_home', "
                        + "h.geom, 0, false FROM households h JOIN grids g ON g.id = h.grid_id WHERE h.id = " + h);
                Map<Long, Long> afterVisit = revisions(s);
                for (long g : afterVisit.keySet()) {
                    if (g == gridB) assertThat(afterVisit.get(g)).isNotEqualTo(before.get(g)).isGreaterThan(before.values().stream().max(Long::compare).orElse(0L));
                    else assertThat(afterVisit.get(g)).as("grid " + g).isEqualTo(before.get(g));
                }
                s.execute("TRUNCATE visits CASCADE");
                Map<Long, Long> afterTruncate = revisions(s);
                long highest = afterVisit.values().stream().max(Long::compare).orElseThrow();
                assertThat(afterTruncate).hasSameSizeAs(afterVisit);
                assertThat(afterTruncate.values()).allSatisfy(r -> assertThat(r).isGreaterThan(highest)).doesNotHaveDuplicates();
            } finally {
                c.rollback();
            }
        }
    }

    /** Every grid's change number (0 without a row), as the tile's statement reads it. */
    static Map<Long, Long> revisions(Statement s) throws Exception {
        Map<Long, Long> out = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT g.id, coalesce(u.revision, 0) FROM grids g LEFT JOIN unvisited_revisions u ON u.grid_id = g.id")) {
            while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
        }
        return out;
    }

    static double[] keptAndRendered() throws Exception {
        String text = server.send("GET", "/metrics", null).body();
        return new double[] {metric(text, "gridmap_unvisited_tiles_kept_total"), metric(text, "gridmap_unvisited_tiles_rendered_total"),
                metric(text, "gridmap_unvisited_tiles_vouched_total")};
    }

    /**
     * Runs the SQL as another node or psql would, and waits (at most 5 s, asserted) until the server's change feed has
     * brought the announcement that grid A's unvisited households changed: what the server vouched for holds until
     * it hears.
     */
    static void changedElsewhere(String sql) throws Exception {
        java.util.concurrent.CountDownLatch heard = new java.util.concurrent.CountDownLatch(1);
        server.app().changes().subscribeAccess(c -> {
            if (c.kind() == org.gridmap.changes.AccessChange.Kind.GRIDS && c.ids() != null
                    && java.util.Arrays.stream(c.ids()).anyMatch(id -> id == gridA)) heard.countDown();
        });
        exec(sql);
        assertThat(heard.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("grid A's change announced and heard").isTrue();
    }

    static double metric(String text, String name) {
        for (String line : text.split("\n")) if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1));
        throw new AssertionError("no " + name + " in /metrics");
    }

    // ---- helpers

    TreeSet<Long> unvisitedBySql() throws Exception { return unvisitedBySql("2026-11"); }

    TreeSet<Long> unvisitedBySql(String month) throws Exception {
        TreeSet<Long> out = new TreeSet<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT h.id FROM households h WHERE h.grid_id = " + gridA + " AND NOT EXISTS (SELECT 1 FROM visits x "
                + "WHERE x.household_id = h.id AND x.outcome IN ('met', 'refused') "
                + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '" + month + "')")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    /**
     * Station staff (a station position of the village, V15) see and visit every grid of their village, and no
     * other: the unvisited list and tile, "my grids", a recorded visit; another village's grid is 403.
     */
    @Test
    void stationStaffReachEveryGridOfTheirVillageAndNoOther() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("tst", Role.STAFF, "tst-password-1".toCharArray());
        String station = login("tst", "tst-password-1");
        long villageA = longOf("SELECT village_id FROM grids WHERE id = " + gridA);
        long gridC = longOf("SELECT max(g.id) FROM grids g WHERE g.village_id = " + villageA + " AND g.id <> " + gridA
                + " AND EXISTS (SELECT 1 FROM households h WHERE h.grid_id = g.id)");
        long elsewhere = longOf("SELECT min(g.id) FROM grids g WHERE g.village_id <> " + villageA
                + " AND EXISTS (SELECT 1 FROM households h WHERE h.grid_id = g.id)");
        String path = "/api/grids/" + gridA + "/unvisited/tiles/" + tileA[0] + "/" + tileA[1] + "/" + tileA[2] + ".mvt?month=2026-11";
        assertThat(fetch(path, station).statusCode()).isEqualTo(403);
        String villageCode;
        try (Connection c = server.database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT code FROM villages WHERE id = " + villageA)) {
            assertThat(rs.next()).isTrue();
            villageCode = rs.getString(1);
        }
        HttpResponse<String> assigned = server.send("POST", "/api/errands/positions", "{\"kind\":\"station\",\"user\":\"tst\","
                + "\"village\":\"" + villageCode + "\",\"head\":false,\"name\":\"测试站员\",\"phone\":\"100-0000-3011\"}",
                "Authorization", "Bearer " + admin);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);

        assertThat(ids(fetch(path, station), "unvisited")).isEqualTo(unvisitedBySql());
        assertThat(fetch("/api/grids/" + gridC + "/unvisited?month=2026-11", station).statusCode()).isEqualTo(200);
        assertThat(fetch("/api/grids/" + elsewhere + "/unvisited?month=2026-11", station).statusCode()).isEqualTo(403);
        HttpResponse<String> mine = server.send("GET", "/api/visits/mine?month=2026-11", null, "Authorization", "Bearer " + station);
        TreeSet<Long> grids = new TreeSet<>();
        for (var g : TestServer.json(mine).get("grids")) grids.add(g.get("id").asLong());
        assertThat(grids).hasSize((int) longOf("SELECT count(*) FROM grids WHERE village_id = " + villageA)).contains(gridA, gridC)
                .doesNotContain(elsewhere);
        assertThat(post(longOf("SELECT max(id) FROM households WHERE grid_id = " + gridC), "met", station)).isEqualTo(201);
        assertThat(post(longOf("SELECT max(id) FROM households WHERE grid_id = " + elsewhere), "met", station)).isEqualTo(403);
    }

    static TreeSet<Long> ids(HttpResponse<byte[]> r, String layer) {
        assertThat(r.statusCode()).isEqualTo(200);
        TreeSet<Long> out = new TreeSet<>();
        for (MvtReader.Feature f : MvtReader.read(r.body()).get(layer).features()) out.add(f.id());
        return out;
    }

    /** The slippy-map tile of a place (the Web Mercator formula). */
    static int[] tile(int z, double lon, double lat) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }

    static int post(long household, String outcome, String token) throws Exception {
        double[] p = doubles("SELECT ST_X(geom), ST_Y(geom) FROM households WHERE id = " + household);
        return server.send("POST", "/api/visits", "{\"household_id\":" + household + ",\"outcome\":\"" + outcome
                + "\",\"position\":{\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}}", "Authorization", "Bearer " + token).statusCode();
    }

    static HttpResponse<byte[]> fetch(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String login(String user, String password) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    static long longOf(String sql) throws Exception { return longs(sql)[0]; }

    static long[] longs(String sql) throws Exception {
        double[] d = doubles(sql);
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (long) d[i];
        return out;
    }

    static double[] doubles(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            double[] out = new double[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getDouble(i + 1);
            return out;
        }
    }

    static void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
