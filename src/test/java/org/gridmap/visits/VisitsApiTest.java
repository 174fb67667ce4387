package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.ServerCalls;
import org.gridmap.testing.TestClock;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visits over real HTTP on the demo town: who may record and read them, the far-from-household flag, the town's
 * month boundary, and completion counts checked against the database's own count in Asia/Shanghai time.
 */
class VisitsApiTest {
    /** The month of a visit is the town's month of this clock's instant. */
    static final TestClock clock = new TestClock(Instant.parse("2026-11-10T02:00:00Z"));
    static TestServer server;
    static ServerCalls api;
    static long gridA, gridB, userA;
    static String codeA, staffA, staffB, admin, staffNameA;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase(), clock);
        api = new ServerCalls(server);
        long[] g = longs("SELECT a.id, (SELECT min(b.id) FROM grids b WHERE b.id <> a.id AND (SELECT count(*) FROM households h "
                + "WHERE h.grid_id = b.id) >= 5) FROM grids a WHERE (SELECT count(*) FROM households h WHERE h.grid_id = a.id) >= 5 "
                + "AND EXISTS (SELECT 1 FROM staff s WHERE s.grid_id = a.id AND s.role = 'grid_leader') ORDER BY a.id LIMIT 1");
        gridA = g[0];
        gridB = g[1];
        codeA = text("SELECT code FROM grids WHERE id = " + gridA);
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ad", Role.ADMIN, "admin-password-1".toCharArray());
        users.create("va", Role.STAFF, "va-password-1".toCharArray());
        users.create("vb", Role.STAFF, "vb-password-1".toCharArray());
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'va') WHERE grid_id = " + gridA + " AND role = 'grid_leader'");
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'vb') WHERE id = (SELECT min(id) FROM staff "
                + "WHERE grid_id = " + gridB + ")");
        staffNameA = text("SELECT name FROM staff WHERE grid_id = " + gridA + " AND role = 'grid_leader'");
        userA = longs("SELECT id FROM users WHERE username = 'va'")[0];
        admin = login("ad", "admin-password-1");
        staffA = login("va", "va-password-1");
        staffB = login("vb", "vb-password-1");
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void anotherGridsStaffIsRefusedAndAnAdminMayRecord() throws Exception {
        long h = household(gridA);
        long before = longs("SELECT count(*) FROM visits")[0];
        HttpResponse<String> r = send("POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffB, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("forbidden");
        assertThat(send("GET", "/api/grids/" + gridA + "/unvisited", null, staffB, true).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/grids/" + gridA + "/unvisited", null, null, true).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/visits", visitBody(h, "met", at(h, 0)), null, true).statusCode()).isEqualTo(401);
        assertThat(longs("SELECT count(*) FROM visits")[0]).isEqualTo(before);

        JsonNode byAdmin = expect(201, "POST", "/api/visits", visitBody(h, "refused", at(h, 0)), admin);
        assertThat(byAdmin.get("staffId").isNull()).isTrue();
        assertThat(byAdmin.get("grid").asText()).isEqualTo(codeA);
        JsonNode byStaff = expect(201, "POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffA);
        assertThat(byStaff.get("staffName").asText()).isEqualTo(staffNameA);
        assertThat(longs("SELECT count(*) FROM visits")[0]).isEqualTo(before + 2);
        expect(422, "POST", "/api/visits", visitBody(h, "chatted", at(h, 0)), staffA);
        expect(422, "POST", "/api/visits", "{\"household_id\":" + h + ",\"outcome\":\"met\"}", staffA);
        expect(404, "POST", "/api/visits", visitBody(987654321L, "met", new double[] {120, 30}), staffA);
    }

    @Test
    void aPositionFarFromTheHouseholdIsAcceptedAndFlagged() throws Exception {
        long h = household(gridA);
        double[] home = at(h, 0);
        // 0.0009° of latitude is about 100 m, 0.003° about 333 m: either side of the 200 m threshold
        JsonNode near = expect(201, "POST", "/api/visits", visitBody(h, "met", at(h, 0.0009)), staffA);
        JsonNode far = expect(201, "POST", "/api/visits", visitBody(h, "met", at(h, 0.003)), staffA);
        assertThat(near.get("farFromHousehold").asBoolean()).isFalse();
        assertThat(far.get("farFromHousehold").asBoolean()).isTrue();
        assertThat(near.get("distanceM").asDouble()).isCloseTo(haversine(home, at(h, 0.0009)), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(far.get("distanceM").asDouble()).isCloseTo(haversine(home, at(h, 0.003)), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(longs("SELECT count(*) FROM visits WHERE far_from_household AND id = " + far.get("id").asLong())[0]).isEqualTo(1);
    }

    @Test
    void aVisitJustAfterMidnightInShanghaiBelongsToTheNewMonth() throws Exception {
        // months no other test writes in: only these two visits fall in them
        long h = household(gridA);
        long h2 = longs("SELECT min(id) FROM households WHERE grid_id = " + gridA + " AND id > " + h)[0];
        Instant saved = clock.now;
        try {
            clock.now = Instant.parse("2027-01-31T16:00:00Z");   // 2027-02-01 00:00 in Asia/Shanghai
            assertThat(expect(201, "POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffA).get("month").asText()).isEqualTo("2027-02");
            clock.now = Instant.parse("2027-01-31T15:59:59Z");   // still January in the town, though February in UTC+9
            assertThat(expect(201, "POST", "/api/visits", visitBody(h2, "met", at(h2, 0)), staffA).get("month").asText()).isEqualTo("2027-01");
            assertThat(unvisitedIds(gridA, "2027-02")).doesNotContain(h).contains(h2);
            assertThat(unvisitedIds(gridA, "2027-01")).doesNotContain(h2).contains(h);
            assertThat(grid("2027-02", gridA).get("visited").asInt()).isEqualTo(1);
            assertThat(grid("2027-01", gridA).get("visited").asInt()).isEqualTo(1);
        } finally {
            clock.now = saved;
        }
    }

    @Test
    void completionEqualsTheDatabasesOwnCountForRandomGridsAndMonths() throws Exception {
        Random random = new Random(20261201);
        // a season of visits written straight into the table, many near the town's month boundaries
        for (int month = 6; month <= 10; month++) {
            exec("INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                    + "SELECT h.id, " + userA + ", g.code, timestamptz '2026-" + String.format("%02d", month) + "-01 00:00+08' "
                    + "+ (random() * 31 - 0.5) * interval '1 day', (ARRAY['met','nobody_home','refused'])[1 + floor(random() * 3)::int], "
                    + "h.geom, 0, false FROM households h JOIN grids g ON g.id = h.grid_id WHERE random() < 0.4");
        }
        List<Long> grids = new ArrayList<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM grids ORDER BY id")) {
            while (rs.next()) grids.add(rs.getLong("id"));
        }
        for (int i = 0; i < 12; i++) {
            String month = "2026-" + String.format("%02d", 5 + random.nextInt(7));
            long grid = i == 0 ? gridA : grids.get(random.nextInt(grids.size()));
            JsonNode row = expect(200, "GET", "/api/visits/completion?month=" + month + "&grid=" + grid, null, null).get("grids").get(0);
            long[] oracle = longs("SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM visits x WHERE x.household_id = h.id "
                    + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '" + month + "' AND x.outcome <> 'nobody_home')), "
                    + "count(*) FROM households h WHERE h.grid_id = " + grid);
            assertThat(row.get("id").asLong()).isEqualTo(grid);
            assertThat(row.get("visited").asLong()).as(month + " grid " + grid).isEqualTo(oracle[0]);
            assertThat(row.get("total").asLong()).isEqualTo(oracle[1]);
        }
        // a whole village at once: every grid of it, each equal to the count
        String village = text("SELECT v.code FROM villages v JOIN grids g ON g.village_id = v.id WHERE g.id = " + gridA);
        JsonNode all = expect(200, "GET", "/api/visits/completion?month=2026-08&village=" + village, null, null);
        assertThat(all.get("grids").size()).isEqualTo((int) longs("SELECT count(*) FROM grids g JOIN villages v ON v.id = g.village_id "
                + "WHERE v.code = '" + village + "'")[0]);
        assertThat(all.get("visited").asLong()).isEqualTo(longs("SELECT count(DISTINCT h.id) FROM households h JOIN grids g ON g.id = h.grid_id "
                + "JOIN villages v ON v.id = g.village_id JOIN visits x ON x.household_id = h.id WHERE v.code = '" + village + "' "
                + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '2026-08' AND x.outcome <> 'nobody_home'")[0]);
    }

    @Test
    void aHouseholdMovedToAnotherGridCountsThere() throws Exception {
        // the grid's last household, so the households other tests use stay where they are
        long h = longs("SELECT max(id) FROM households WHERE grid_id = " + gridA)[0];
        expect(201, "POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffA);
        JsonNode a0 = grid("2026-11", gridA), b0 = grid("2026-11", gridB);
        long b = longs("SELECT grid_id FROM households WHERE id = " + h)[0];
        assertThat(b).isEqualTo(gridA);
        exec("UPDATE households SET grid_id = " + gridB + " WHERE id = " + h);   // what a grid edit does to it
        JsonNode a1 = grid("2026-11", gridA), b1 = grid("2026-11", gridB);
        assertThat(a1.get("visited").asInt()).isEqualTo(a0.get("visited").asInt() - 1);
        assertThat(a1.get("total").asInt()).isEqualTo(a0.get("total").asInt() - 1);
        assertThat(b1.get("visited").asInt()).isEqualTo(b0.get("visited").asInt() + 1);
        assertThat(b1.get("total").asInt()).isEqualTo(b0.get("total").asInt() + 1);
        // and it is now the other grid's staff who may visit it
        expect(403, "POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffA);
        expect(201, "POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffB);
    }

    @Test
    void anonymousReadersSeeOnlyAggregatesAndStaffSeeWhoVisited() throws Exception {
        long h = household(gridA);
        expect(201, "POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffA);
        HttpResponse<String> anonymous = send("GET", "/api/visits/completion?month=2026-11&grid=" + codeA, null, null, true);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).doesNotContain("visitors").doesNotContain(staffNameA).doesNotContain("household");
        JsonNode seen = expect(200, "GET", "/api/visits/completion?month=2026-11&grid=" + codeA, null, staffB).get("grids").get(0);
        assertThat(seen.get("visitors").toString()).contains(staffNameA);
        expect(400, "GET", "/api/visits/completion?month=2026-13", null, null);
        expect(400, "GET", "/api/visits/completion?month=2026-11&village=12", null, null);
        expect(404, "GET", "/api/visits/completion?month=2026-11&grid=999999999", null, null);
    }

    @Test
    void theUnvisitedListIsTheGridsOwnAndEveryReadIsLogged() throws Exception {
        long reads = longs("SELECT count(*) FROM visit_data_reads")[0];
        List<Long> got = unvisitedIds(gridA, "2026-11");
        List<Long> oracle = new ArrayList<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT h.id FROM households h WHERE h.grid_id = " + gridA + " AND NOT EXISTS (SELECT 1 FROM visits x "
                + "WHERE x.household_id = h.id AND x.outcome IN ('met', 'refused') "
                + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '2026-11') ORDER BY h.id")) {
            while (rs.next()) oracle.add(rs.getLong("id"));
        }
        assertThat(got).isEqualTo(oracle);
        assertThat(longs("SELECT count(*) FROM visit_data_reads")[0]).isEqualTo(reads + 1);
        assertThat(text("SELECT grid_code || ' ' || month || ' ' || user_id FROM visit_data_reads ORDER BY id DESC LIMIT 1"))
                .isEqualTo(codeA + " 2026-11-01 " + userA);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> exec("DELETE FROM visit_data_reads")))
                .hasMessageContaining("append-only");
    }

    @Test
    void aReaderWhoNamesNoLanguageReadsChinese() throws Exception {
        long h = household(gridA);
        HttpResponse<String> r = send("POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffB, false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(r).get("message").asText()).isEqualTo("只有网格 " + codeA + " 的网格员（或管理员）可以这样做。");
        assertThat(send("POST", "/api/visits", visitBody(h, "met", at(h, 0)), staffB, true).body())
                .contains("Only the staff of grid " + codeA);
    }

    @Test
    void theOutcomesTheDatabaseAcceptsAreTheJavaOnes() throws Exception {
        String check = text("SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
                + "AND a.attnum = ANY (c.conkey) WHERE c.conrelid = 'visits'::regclass AND c.contype = 'c' AND a.attname = 'outcome'");
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([a-z_]+)'::text").matcher(check);
        while (m.find()) words.add(m.group(1));
        assertThat(words).containsExactlyElementsOf(VisitOutcomes.OUTCOMES.ids());
        // the outcomes the database's month counts (V19) take are the ones Java counts
        try (Connection c = server.database().connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT array_agg(o ORDER BY o) AS counting FROM unnest(?::text[]) o WHERE visit_counts(o)")) {
            ps.setArray(1, c.createArrayOf("text", VisitOutcomes.OUTCOMES.ids().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat((String[]) rs.getArray("counting").getArray()).containsExactly(VisitOutcomes.counting());
            }
        }
        JsonNode vocabulary = TestServer.json(server.get("/api/vocabulary", "Accept-Language", "en"));
        assertThat(vocabulary.toString()).contains("visitOutcomes").contains("nobody home");
    }

    // ---- helpers

    /** A household of the grid (any). */
    static long household(long grid) throws Exception {
        return longs("SELECT min(id) FROM households WHERE grid_id = " + grid)[0];
    }

    static double[] at(long household, double northDegrees) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households WHERE id = " + household)) {
            rs.next();
            return new double[] {rs.getDouble("lon"), rs.getDouble("lat") + northDegrees};
        }
    }

    static String visitBody(long household, String outcome, double[] p) {
        return "{\"household_id\":" + household + ",\"outcome\":\"" + outcome + "\",\"findings\":\"屋后边坡有裂缝\","
                + "\"notes\":\"老人独居\",\"position\":{\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}}";
    }

    /** Great-circle distance on a sphere of the WGS 84 mean radius: independent of PostGIS, within 1 %. */
    static double haversine(double[] a, double[] b) {
        double r = 6371008.8, p1 = Math.toRadians(a[1]), p2 = Math.toRadians(b[1]);
        double dp = p2 - p1, dl = Math.toRadians(b[0] - a[0]);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }

    static JsonNode grid(String month, long grid) throws Exception {
        return expect(200, "GET", "/api/visits/completion?month=" + month + "&grid=" + grid, null, null).get("grids").get(0);
    }

    static List<Long> unvisitedIds(long grid, String month) throws Exception {
        List<Long> out = new ArrayList<>();
        for (JsonNode h : expect(200, "GET", "/api/grids/" + grid + "/unvisited?month=" + month, null, staffA).get("households")) {
            out.add(h.get("id").asLong());
        }
        return out;
    }

    static String login(String user, String password) throws Exception { return api.login(user, password); }

    static HttpResponse<String> send(String method, String path, String body, String token, boolean english) throws Exception {
        return api.send(method, path, body, token, english);
    }

    static JsonNode expect(int status, String method, String path, String body, String token) throws Exception {
        return api.expect(status, method, path, body, token);
    }

    static long[] longs(String sql) throws Exception { return api.longs(sql); }

    static String text(String sql) throws Exception { return api.text(sql); }

    static void exec(String sql) throws Exception { api.exec(sql); }
}
