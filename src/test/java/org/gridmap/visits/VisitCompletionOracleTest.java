package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.TestClock;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole town's completion, every grid of it, against a count made straight from {@code visits} and
 * {@code households} (not from the counts the database keeps), for random months, after visits written in bulk
 * and one by one, after households moved between grids set-wise (as grid edits move them), removed and added;
 * and, as an admin reads it, who visited each grid against the visitors counted straight from {@code visits}.
 */
class VisitCompletionOracleTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        exec("INSERT INTO users (username, password_hash, role) VALUES ('oracle-visitor', '!', 'staff')");
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void everyGridOfRandomMonthsEqualsACountOfTheVisitsThemselves() throws Exception {
        Random random = new Random(1201);
        // a year of visits in one statement, then more in small statements (some the same household twice a month)
        exec(visits("2026-01-01 00:00+08", 365, 0.9, "md5(h.id::text || 'a') < '6'"));
        for (int i = 0; i < 20; i++) {
            exec(visits("2026-0" + (1 + random.nextInt(9)) + "-01 00:00+08", 31, 0.5,
                    "h.id % 97 = " + random.nextInt(97)));
        }
        for (String month : List.of("2026-01", "2026-0" + (2 + random.nextInt(8)), "2026-12")) compare(month);

        // grid edits move households set-wise: a block to a neighbour, some out of every grid and back, a swap
        exec("UPDATE households SET grid_id = (SELECT min(id) FROM grids) WHERE id % 13 = 3");
        exec("UPDATE households SET grid_id = NULL WHERE id % 29 = 5");
        exec("UPDATE households h SET grid_id = (SELECT g.id FROM grids g WHERE ST_Covers(g.geom, h.geom) LIMIT 1) "
                + "WHERE id % 29 = 5 AND id % 2 = 0");
        exec("UPDATE households SET members = members WHERE id % 7 = 0");   // no move: nothing may change
        exec("DELETE FROM households h WHERE id % 31 = 1 AND NOT EXISTS (SELECT 1 FROM visits x WHERE x.household_id = h.id) "
                + "AND NOT EXISTS (SELECT 1 FROM errands e WHERE e.household_id = h.id)");
        exec("INSERT INTO households (members, grid_id, geom) SELECT 3, grid_id, geom FROM households WHERE id % 101 = 0");
        exec(visits("2026-06-01 00:00+08", 30, 0.8, "h.id % 11 = 0"));
        for (int i = 0; i < 3; i++) compare("2026-" + String.format("%02d", 1 + random.nextInt(12)));
        compare("2026-06");
    }

    /**
     * A year written by the loader itself, town by town, into a database of its own (emptied of the year the import
     * wrote): every month of it, then a visit recorded over HTTP in one of its months, then a grid merge and its
     * revert (grid edits through the API, moving households and removing a grid and bringing it back), each
     * followed by the whole town's completion against the count straight from the visits.
     */
    @Test
    void aYearLoadedTownByTownStaysExactThroughALiveVisitAndGridEdits() throws Exception {
        TestClock clock = new TestClock(java.time.Instant.parse("2026-03-20T03:00:00Z"));
        try (TestServer own = new TestServer(TestPostgis.newDemoDatabase(), clock)) {
            String town = text(own, "SELECT code FROM towns");
            List<String> told = new java.util.ArrayList<>();
            long written;
            try (Connection c = own.database().connection(); Statement s = c.createStatement()) {
                s.execute("TRUNCATE visits, visit_household_months, visit_grid_months, visit_household_visitors, "
                        + "visit_grid_visitors CASCADE");
                c.setAutoCommit(false);
                written = VisitHistory.generate(c, List.of(town), new VisitHistory.Plan(java.time.LocalDate.parse("2026-08-01")),
                        (code, done, total, visits) -> told.add(code + " " + done + "/" + total + " " + visits));
                c.commit();
            }
            long[] year = longs(own, "SELECT count(*), count(DISTINCT visit_month(visited_at)) FROM visits");
            assertThat(year[0]).as("the town's year").isEqualTo(written).isGreaterThan(100_000);
            assertThat(year[1]).isEqualTo(12);
            assertThat(told).containsExactly("null 0/1 0", town + " 1/1 " + written);
            for (int m = 0; m < 12; m++) compare(own, java.time.YearMonth.of(2025, 8).plusMonths(m).toString());

            // a live visit in a loaded month, to a household its grid's staff had not yet visited that month
            UserStore users = new UserStore(own.database().dataSource(), new PasswordHasher(4));
            users.create("oracle-admin", Role.ADMIN, "oracle-admin-password".toCharArray());
            users.create("oracle-planner", Role.PLANNER, "oracle-planner-password".toCharArray());
            long h = longs(own, "SELECT min(h.id) FROM households h WHERE h.grid_id IS NOT NULL AND NOT EXISTS (SELECT 1 "
                    + "FROM visit_household_months m WHERE m.household_id = h.id AND m.month = date '2026-03-01')")[0];
            long gridOfH = longs(own, "SELECT grid_id FROM households WHERE id = " + h)[0];
            long before = visited(own, "2026-03", gridOfH);
            HttpResponse<String> r = own.send("POST", "/api/visits", VisitsApiTest.visitBody(h, "met", new double[] {
                    Double.parseDouble(text(own, "SELECT ST_X(geom) FROM households WHERE id = " + h)),
                    Double.parseDouble(text(own, "SELECT ST_Y(geom) FROM households WHERE id = " + h))}),
                    "Authorization", "Bearer " + login(own, "oracle-admin", "oracle-admin-password"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(visited(own, "2026-03", gridOfH)).isEqualTo(before + 1);
            compare(own, "2026-03");

            // a grid edit: the household's grid merges with a neighbour of its village, then the merge is reverted
            long[] pair = longs(own, "SELECT a.id, a.version, b.id, b.version FROM grids a JOIN grids b ON b.village_id = a.village_id "
                    + "AND b.id <> a.id AND ST_Length(ST_Intersection(a.geom, b.geom)) > 0 WHERE a.id = " + gridOfH
                    + " ORDER BY b.id LIMIT 1");
            String planner = login(own, "oracle-planner", "oracle-planner-password");
            HttpResponse<String> merged = own.send("POST", "/api/grids/merge", "{\"grids\":[{\"id\":" + pair[0] + ",\"version\":"
                    + pair[1] + "},{\"id\":" + pair[2] + ",\"version\":" + pair[3] + "}]}", "Authorization", "Bearer " + planner);
            assertThat(merged.statusCode()).as(merged.body()).isEqualTo(201);
            assertThat(longs(own, "SELECT count(*) FROM grids WHERE id IN (" + pair[0] + ", " + pair[2] + ")")[0]).isEqualTo(1);
            for (String m : List.of("2025-08", "2026-02", "2026-03", "2026-07")) compare(own, m);
            long edit = TestServer.json(merged).get("editId").asLong();
            HttpResponse<String> back = own.send("POST", "/api/edits/" + edit + "/revert", "{\"message\":\"undo\"}",
                    "Authorization", "Bearer " + planner);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
            assertThat(longs(own, "SELECT count(*) FROM grids WHERE id IN (" + pair[0] + ", " + pair[2] + ")")[0]).isEqualTo(2);
            for (String m : List.of("2025-08", "2026-03", "2026-07")) compare(own, m);
            assertThat(visited(own, "2026-03", gridOfH)).isEqualTo(before + 1);
        }
    }

    static long visited(TestServer s, String month, long grid) throws Exception {
        return TestServer.json(s.get("/api/visits/completion?month=" + month + "&grid=" + grid)).get("visited").asLong();
    }

    static String login(TestServer s, String user, String password) throws Exception {
        HttpResponse<String> r = s.send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    static long[] longs(TestServer s, String sql) throws Exception {
        try (Connection c = s.database().connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getLong(i + 1);
            return out;
        }
    }

    static String text(TestServer s, String sql) throws Exception {
        try (Connection c = s.database().connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    /** Visits from {@code from} over {@code days}, to households matching {@code where}, each counting at {@code share}. */
    static String visits(String from, int days, double share, String where) {
        return "INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                + "SELECT h.id, (SELECT id FROM users WHERE username = 'oracle-visitor'), coalesce(g.code, '-'), timestamptz '" + from
                + "' + random() * interval '" + days + " days', CASE WHEN random() < " + share + " THEN "
                + "(ARRAY['met','refused'])[1 + floor(random() * 2)::int] ELSE 'nobody_home' END, h.geom, 0, false "
                + "FROM households h LEFT JOIN grids g ON g.id = h.grid_id WHERE " + where;
    }

    static void compare(String month) throws Exception { compare(server, month); }

    /** Every grid's completion of the month over HTTP (anonymous), against the count straight from the tables. */
    static void compare(TestServer server, String month) throws Exception {
        Map<Long, long[]> oracle = new HashMap<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT g.id, count(h.id) AS total, count(h.id) FILTER (WHERE EXISTS (SELECT 1 FROM visits x WHERE x.household_id = h.id "
                + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '" + month + "' "
                + "AND x.outcome <> 'nobody_home')) AS visited FROM grids g LEFT JOIN households h ON h.grid_id = g.id GROUP BY g.id")) {
            while (rs.next()) oracle.put(rs.getLong("id"), new long[] {rs.getLong("visited"), rs.getLong("total")});
        }
        JsonNode all = TestServer.json(server.get("/api/visits/completion?month=" + month));
        assertThat(all.get("grids").size()).isEqualTo(oracle.size());
        long visited = 0;
        for (JsonNode g : all.get("grids")) {
            long[] want = oracle.get(g.get("id").asLong());
            assertThat(new long[] {g.get("visited").asLong(), g.get("total").asLong()}).as(month + " grid " + g.get("code"))
                    .containsExactly(want);
            visited += want[0];
        }
        assertThat(visited).as("some visits count in " + month).isPositive();
        assertThat(all.get("visited").asLong()).isEqualTo(visited);
        compareVisitors(server, month);
    }

    /** An admin's token per server, the admin made on first use. */
    static final Map<TestServer, String> ADMINS = new java.util.IdentityHashMap<>();

    /**
     * Who visited every grid of the month (as an admin reads it, in the answer's order), and of a few random grids
     * asked one by one, against the visitors counted straight from {@code visits}: per grid of the household today,
     * staff entry and name, the distinct households with a counting visit in the month.
     */
    static void compareVisitors(TestServer server, String month) throws Exception {
        String token = ADMINS.get(server);
        if (token == null) {
            new UserStore(server.database().dataSource(), new PasswordHasher(4))
                    .create("oracle-visitors-admin", Role.ADMIN, "oracle-visitors-admin-password".toCharArray());
            token = login(server, "oracle-visitors-admin", "oracle-visitors-admin-password");
            ADMINS.put(server, token);
        }
        List<String> oracle = new java.util.ArrayList<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT h.grid_id, x.staff_id, coalesce(x.staff_name, u.username) AS name, count(DISTINCT x.household_id) AS n "
                + "FROM visits x JOIN households h ON h.id = x.household_id JOIN users u ON u.id = x.user_id "
                + "JOIN grids g ON g.id = h.grid_id "
                + "WHERE to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '" + month + "' "
                + "AND x.outcome <> 'nobody_home' GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 3")) {
            while (rs.next()) {
                oracle.add(rs.getLong("grid_id") + " " + rs.getObject("staff_id") + " " + rs.getString("name") + " " + rs.getLong("n"));
            }
        }
        assertThat(oracle).as("some visitors in " + month).isNotEmpty();
        assertThat(visitors(server, "/api/visits/completion?month=" + month, token)).as("visitors of " + month)
                .containsExactlyElementsOf(oracle);
        Random random = new Random(month.hashCode());
        for (int i = 0; i < 3; i++) {
            String grid = oracle.get(random.nextInt(oracle.size())).split(" ")[0];
            assertThat(visitors(server, "/api/visits/completion?month=" + month + "&grid=" + grid, token))
                    .as("visitors of " + month + " in grid " + grid)
                    .containsExactlyElementsOf(oracle.stream().filter(v -> v.startsWith(grid + " ")).toList());
        }
    }

    /** The answer's visitors, grid by grid in grid id order (the answer lists grids by code), as "grid staff name households". */
    static List<String> visitors(TestServer server, String path, String token) throws Exception {
        HttpResponse<String> r = server.get(path, "Authorization", "Bearer " + token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<Long, List<String>> byGrid = new java.util.TreeMap<>();
        for (JsonNode g : TestServer.json(r).get("grids")) {
            for (JsonNode v : g.get("visitors")) {
                byGrid.computeIfAbsent(g.get("id").asLong(), k -> new java.util.ArrayList<>()).add(g.get("id").asLong() + " "
                        + (v.get("staffId").isNull() ? "null" : v.get("staffId").asLong()) + " " + v.get("name").asText() + " "
                        + v.get("households").asLong());
            }
        }
        return byGrid.values().stream().flatMap(List::stream).toList();
    }

    static void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
