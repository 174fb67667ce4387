package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo town's year of visits, as the import writes it from {@code visit-history.json}: twelve months before
 * 2026-08, most grids nearly complete, some behind, some coordinators who never visit, a thin February — and the
 * counts the database keeps equal to the visits themselves.
 */
class VisitHistoryTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newDemoDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void aYearWithRealisticGaps() throws Exception {
        long[] span = longs("SELECT count(*), count(DISTINCT to_char(visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')), "
                + "min(to_char(visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMM'))::bigint, "
                + "max(to_char(visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMM'))::bigint, "
                + "count(*) FILTER (WHERE far_from_household), count(*) FILTER (WHERE outcome = 'nobody_home'), "
                + "count(*) FILTER (WHERE outcome = 'refused'), count(*) FILTER (WHERE (distance_m > 200) <> far_from_household) FROM visits");
        assertThat(span[0]).isGreaterThan(12L * 10_000);
        assertThat(span[1]).isEqualTo(12);
        assertThat(span[2]).isEqualTo(202508);
        assertThat(span[3]).isEqualTo(202607);
        assertThat((double) span[4] / span[0]).isBetween(0.005, 0.05);
        assertThat((double) span[5] / span[0]).isBetween(0.03, 0.2);
        assertThat(span[6]).isPositive();
        assertThat(span[7]).isZero();

        // per grid in a usual month (2026-03): most nearly complete, some far behind
        Map<Long, double[]> march = shares("2026-03");
        long behind = march.values().stream().filter(v -> v[1] >= 20 && v[0] / v[1] < 0.75).count();
        long onTrack = march.values().stream().filter(v -> v[1] >= 20 && v[0] / v[1] >= 0.85).count();
        assertThat(behind).as("grids behind").isBetween(3L, march.size() / 3L);
        assertThat(onTrack).as("grids on track").isGreaterThan(march.size() / 2L);
        // February (the Spring Festival) is thinner than March in the town as a whole
        assertThat(total(shares("2026-02"))).isLessThan(total(march) - 0.05);
        // coordinators who never visited all year, in grids whose leader did
        assertThat(longs("SELECT count(*) FROM staff s WHERE s.role = 'coordinator' AND EXISTS (SELECT 1 FROM visits x "
                + "JOIN staff l ON l.id = x.staff_id AND l.role = 'grid_leader' WHERE l.grid_id = s.grid_id) "
                + "AND NOT EXISTS (SELECT 1 FROM visits x WHERE x.staff_id = s.id)")[0]).isPositive();
    }

    @Test
    void theKeptCountsEqualTheVisitsForEveryMonth() throws Exception {
        for (String month : new String[] {"2025-08", "2026-02", "2026-07"}) {
            Map<Long, double[]> oracle = shares(month);
            JsonNode all = TestServer.json(server.get("/api/visits/completion?month=" + month));
            assertThat(all.get("grids").size()).isEqualTo(oracle.size());
            for (JsonNode g : all.get("grids")) {
                double[] want = oracle.get(g.get("id").asLong());
                assertThat(new double[] {g.get("visited").asDouble(), g.get("total").asDouble()}).as(month + " " + g.get("code"))
                        .containsExactly(want);
            }
        }
    }

    /** Per grid: households with a counting visit in the month, and households; straight from the tables. */
    static Map<Long, double[]> shares(String month) throws Exception {
        Map<Long, double[]> out = new HashMap<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT g.id, count(h.id) FILTER (WHERE EXISTS (SELECT 1 FROM visits x WHERE x.household_id = h.id "
                + "AND to_char(x.visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = '" + month + "' "
                + "AND x.outcome IN ('met', 'refused'))) AS visited, count(h.id) AS total "
                + "FROM grids g LEFT JOIN households h ON h.grid_id = g.id GROUP BY g.id")) {
            while (rs.next()) out.put(rs.getLong("id"), new double[] {rs.getLong("visited"), rs.getLong("total")});
        }
        return out;
    }

    static double total(Map<Long, double[]> m) {
        return m.values().stream().mapToDouble(v -> v[0]).sum() / m.values().stream().mapToDouble(v -> v[1]).sum();
    }

    static long[] longs(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getLong(i + 1);
            return out;
        }
    }
}
