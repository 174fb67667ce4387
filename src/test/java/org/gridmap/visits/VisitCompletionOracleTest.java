package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole town's completion, every grid of it, against a count made straight from {@code visits} and
 * {@code households} (not from the counts the database keeps), for random months, after visits written in bulk
 * and one by one, after households moved between grids set-wise (as grid edits move them), removed and added.
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

    /** Visits from {@code from} over {@code days}, to households matching {@code where}, each counting at {@code share}. */
    static String visits(String from, int days, double share, String where) {
        return "INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                + "SELECT h.id, (SELECT id FROM users WHERE username = 'oracle-visitor'), coalesce(g.code, '-'), timestamptz '" + from
                + "' + random() * interval '" + days + " days', CASE WHEN random() < " + share + " THEN "
                + "(ARRAY['met','refused'])[1 + floor(random() * 2)::int] ELSE 'nobody_home' END, h.geom, 0, false "
                + "FROM households h LEFT JOIN grids g ON g.id = h.grid_id WHERE " + where;
    }

    static void compare(String month) throws Exception {
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
    }

    static void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
