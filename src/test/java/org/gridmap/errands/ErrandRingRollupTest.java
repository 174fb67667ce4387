package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rings' rollup (V16) against the hand-offs themselves: the table equals the hand-offs counted again in Java
 * after the import, after live hand-offs and after errands or grids change village; the figures of random
 * periods equal {@code count} and {@code percentile_cont} over the hand-off rows (the median within the
 * histogram's stated precision).
 */
class ErrandRingRollupTest {
    static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void theJavaBucketsAreTheDatabases() throws Exception {
        List<Double> hours = new ArrayList<>(List.of(-1.0, 0.0, 0.4999, 0.5, 1.0, 23.999, 24.0, 25.999, 26.0, 47.99,
                48.0, 71.99, 72.0, 119.9, 120.0, 239.9, 240.0, 5000.0));
        Random r = new Random(11);
        for (int i = 0; i < 400; i++) hours.add(r.nextDouble() * 300);
        StringBuilder values = new StringBuilder();
        for (double h : hours) values.append(values.length() == 0 ? "" : ",").append(h);
        try (Connection c = town.server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT x, errand_ring_bucket(x) AS b FROM unnest('{" + values + "}'::float8[]) x")) {
            int n = 0;
            while (rs.next()) {
                assertThat(rs.getInt("b")).as("%s h", rs.getDouble("x")).isEqualTo(ErrandRingHistogram.bucket(rs.getDouble("x")));
                n++;
            }
            assertThat(n).isEqualTo(hours.size());
        }
        assertThat(ErrandRingHistogram.precision(3.2)).isEqualTo(0.5);
        assertThat(ErrandRingHistogram.precision(30)).isEqualTo(2.0);
    }

    @Test
    void theMedianOfAHistogramIsPercentileContWithinABucket() {
        long[] counts = new long[ErrandRingHistogram.BUCKETS];
        assertThat(ErrandRingHistogram.median(counts)).isZero();
        counts[ErrandRingHistogram.bucket(2.1) - 1] = 1;          // 2.1 h alone in [2, 2.5): read as its middle
        assertThat(ErrandRingHistogram.median(counts)).isEqualTo(2.25);
        counts[ErrandRingHistogram.bucket(30.0) - 1] = 1;         // two times: the mean of the two
        assertThat(ErrandRingHistogram.median(counts)).isEqualTo((2.25 + 31.0) / 2);
    }

    @Test
    void theRollupIsTheHandOffsCountedAgainAfterImportLiveHandOffsAndMoves() throws Exception {
        try (Connection c = town.server.database().connection()) {
            assertThat(rollup(c)).isNotEmpty().isEqualTo(countedAgain(c));
        }
        // a day of work through the API: hand-offs one at a time, each in its own transaction
        town.clock.set(Instant.parse("2026-11-03T00:30:00Z"));
        String leader = "\"to_staff\":" + town.leaderStaff;
        for (int i = 0; i < 3; i++) {
            String n = town.file("pension_claim", false, "100-0000-010" + i).get("number").asText();
            town.clock.advance(Duration.ofMinutes(40 + 700L * i));
            long h = town.handOff(n, "grid", leader, 201, town.volunteer).get("id").asLong();
            town.confirm(n, h, 200, town.leader);
            town.clock.advance(Duration.ofHours(3));
            h = town.handOff(n, "station", "\"to_user\":\"st\"", 201, town.leader).get("id").asLong();
            if (i == 0) town.confirm(n, h, 200, town.station);
        }
        try (Connection c = town.server.database().connection()) {
            assertThat(rollup(c)).isEqualTo(countedAgain(c));
            c.setAutoCommit(false);
            // a grid merge moves a grid's errands to the grid that absorbs it (GridSql.MOVE_ERRANDS): here across villages
            long[] grids = longs(c, "SELECT a.id, b.id FROM grids a JOIN grids b ON b.village_id <> a.village_id "
                    + "WHERE EXISTS (SELECT 1 FROM errands e WHERE e.grid_id = a.id) ORDER BY a.id, b.id LIMIT 1");
            Map<String, String> before = rollup(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE errands SET grid_id = " + grids[1] + " WHERE grid_id = " + grids[0]);
            }
            assertThat(rollup(c)).isNotEqualTo(before).isEqualTo(countedAgain(c));
            // a grid given to another village
            long[] move = longs(c, "SELECT g.id, v.id FROM grids g JOIN villages v ON v.id <> g.village_id "
                    + "WHERE EXISTS (SELECT 1 FROM errands e WHERE e.grid_id = g.id) ORDER BY g.id DESC, v.id LIMIT 1");
            before = rollup(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE grids SET village_id = " + move[1] + " WHERE id = " + move[0]);
            }
            assertThat(rollup(c)).isNotEqualTo(before).isEqualTo(countedAgain(c));
            c.rollback();
        }
    }

    @Test
    void theFiguresOfRandomPeriodsAreTheHandOffsCountedAndTheirMedian() throws Exception {
        Random r = new Random(20261201);
        Instant yearStart = Instant.parse("2025-07-31T16:00:00Z");
        List<Instant[]> periods = new ArrayList<>();
        periods.add(new Instant[] {yearStart, Instant.parse("2026-07-31T16:00:00Z")});           // the year: months only
        periods.add(new Instant[] {Instant.parse("2025-12-04T16:00:00Z"), Instant.parse("2026-03-09T16:00:00Z")}); // days and months
        periods.add(new Instant[] {Instant.parse("2026-02-03T16:00:00Z"), Instant.parse("2026-02-20T16:00:00Z")}); // days only
        periods.add(new Instant[] {Instant.parse("2026-05-06T03:17:00Z"), Instant.parse("2026-05-06T09:45:00Z")}); // within a day
        for (int i = 0; i < 6; i++) {                                                          // anywhere, to the second
            Instant a = yearStart.plusSeconds((long) (r.nextDouble() * 365 * 86400));
            Instant b = a.plusSeconds(1 + (long) (r.nextDouble() * 200 * 86400));
            periods.add(new Instant[] {a, b});
        }
        int compared = 0;
        for (Instant[] p : periods) {
            Map<String, double[]> expected = oracle(p[0], p[1], null);
            JsonNode stats = town.expect(200, "GET", "/api/errands/stats?from=" + p[0] + "&to=" + p[1], null, null);
            compared += compare(stats.get("villages"), "village", expected, p);
        }
        // a village named: its rings and its grids' rings, for random villages
        List<String> villages = new ArrayList<>();
        try (Connection c = town.server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code FROM villages ORDER BY code")) {
            while (rs.next()) villages.add(rs.getString("code"));
        }
        for (int i = 0; i < 4; i++) {
            String village = villages.get(r.nextInt(villages.size()));
            Instant[] p = periods.get(i == 0 ? 0 : 4 + i);
            JsonNode stats = town.expect(200, "GET", "/api/errands/stats?from=" + p[0] + "&to=" + p[1] + "&village=" + village, null, null);
            Map<String, double[]> expected = oracle(p[0], p[1], village);
            compared += compare(stats.get("villages"), "village", expected, p) + compare(stats.get("grids"), "grid", expected, p);
        }
        assertThat(compared).isGreaterThan(300);
    }

    /** Compares every unit's rings with the oracle's, both ways; returns how many rings were compared. */
    private static int compare(JsonNode units, String level, Map<String, double[]> expected, Instant[] p) {
        int n = 0;
        for (JsonNode u : units) {
            for (var ring : (Iterable<Map.Entry<String, JsonNode>>) u.get("rings")::fields) {
                String key = level + " " + u.get("code").asText() + " " + ring.getKey();
                double[] want = expected.get(key);
                assertThat(want).as("%s in %s–%s", key, p[0], p[1]).isNotNull();
                JsonNode got = ring.getValue();
                assertThat(got.get("handoffs").asLong()).as(key).isEqualTo((long) want[0]);
                assertThat(got.get("onTime").asLong()).as(key).isEqualTo((long) want[1]);
                // the median within the width of the bucket of the upper middle time, and the JSON's rounding to 0.01
                double tolerance = ErrandRingHistogram.precision(want[3]) + 0.005 + 1e-9;
                assertThat(Math.abs(got.get("medianHours").asDouble() - want[2])).as("%s median %s vs %s", key,
                        got.get("medianHours").asDouble(), want[2]).isLessThanOrEqualTo(tolerance);
                n++;
            }
        }
        long rings = expected.keySet().stream().filter(k -> k.startsWith(level + " ")).count();
        assertThat(n).as("every %s ring with hand-offs in %s–%s is there", level, p[0], p[1]).isEqualTo((int) rings);
        return n;
    }

    /**
     * Per village (and per grid of the village named) and ring, straight from the hand-off rows: count, on time,
     * percentile_cont(0.5) of the stage times and the upper of the two middle times.
     */
    private static Map<String, double[]> oracle(Instant from, Instant to, String village) throws Exception {
        String unit = village == null ? "'village ' || v.code" : "'grid ' || g.code";
        String sql = "SELECT unit || ' ' || CASE stage WHEN 'filed' THEN 'point_grid' WHEN 'grid' THEN 'grid_station' "
                + "ELSE 'station_department' END AS key, count(*) AS n, count(*) FILTER (WHERE on_time) AS on_time, "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median, "
                + "(array_agg(hours ORDER BY hours))[count(*) / 2 + 1] AS upper_middle FROM ("
                + " SELECT %s AS unit, h.from_stage AS stage, h.sent_at <= h.due_at AS on_time,"
                + " extract(epoch FROM h.sent_at - coalesce(p.confirmed_at, e.filed_at)) / 3600.0 AS hours"
                + " FROM errand_handoffs h JOIN errands e ON e.id = h.errand_id"
                + " LEFT JOIN errand_handoffs p ON p.errand_id = h.errand_id AND p.to_stage = h.from_stage"
                + " JOIN grids g ON g.id = e.grid_id JOIN villages v ON v.id = g.village_id"
                + " WHERE h.sent_at >= '" + from + "' AND h.sent_at < '" + to + "'"
                + (village == null ? "" : " AND v.code = '" + village + "'") + ") x GROUP BY unit, stage";
        Map<String, double[]> out = new HashMap<>();
        try (Connection c = town.server.database().connection(); Statement s = c.createStatement()) {
            List<String> queries = new ArrayList<>(List.of(String.format(sql, unit)));
            if (village != null) queries.add(String.format(sql, "'village ' || v.code"));
            for (String q : queries) {
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        out.put(rs.getString("key"), new double[] {rs.getLong("n"), rs.getLong("on_time"),
                                rs.getDouble("median"), rs.getDouble("upper_middle")});
                    }
                }
            }
        }
        return out;
    }

    /** The rollup table as "span start village stage" → "handoffs on_time hist" (trailing empty buckets dropped). */
    private static Map<String, String> rollup(Connection c) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT span, start::text AS start, village_id, from_stage, handoffs, on_time, hist FROM errand_ring_rollup")) {
            while (rs.next()) {
                Integer[] hist = (Integer[]) rs.getArray("hist").getArray();
                int top = hist.length;
                while (top > 0 && hist[top - 1] == 0) top--;
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < top; i++) b.append(hist[i]).append(',');
                out.put(rs.getString("span") + " " + rs.getString("start") + " " + rs.getLong("village_id") + " "
                        + rs.getString("from_stage"), rs.getInt("handoffs") + " " + rs.getInt("on_time") + " " + b);
            }
        }
        return out;
    }

    /** The same, from every hand-off: its day and month in the town's calendar and its bucket, counted in Java. */
    private static Map<String, String> countedAgain(Connection c) throws Exception {
        Map<String, long[]> cells = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT g.village_id, h.from_stage, h.sent_at, h.sent_at <= h.due_at AS on_time, "
                + "extract(epoch FROM h.sent_at - coalesce(p.confirmed_at, e.filed_at)) / 3600.0 AS hours "
                + "FROM errand_handoffs h JOIN errands e ON e.id = h.errand_id "
                + "LEFT JOIN errand_handoffs p ON p.errand_id = h.errand_id AND p.to_stage = h.from_stage "
                + "JOIN grids g ON g.id = e.grid_id")) {
            while (rs.next()) {
                LocalDate day = rs.getObject("sent_at", java.time.OffsetDateTime.class).toInstant().atZone(TOWN).toLocalDate();
                int bucket = ErrandRingHistogram.bucket(rs.getDouble("hours"));
                for (String span : new String[] {"day " + day, "month " + day.withDayOfMonth(1)}) {
                    long[] cell = cells.computeIfAbsent(span + " " + rs.getLong("village_id") + " " + rs.getString("from_stage"),
                            k -> new long[2 + ErrandRingHistogram.BUCKETS]);
                    cell[0]++;
                    if (rs.getBoolean("on_time")) cell[1]++;
                    cell[1 + bucket]++;
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        cells.forEach((k, cell) -> {
            int top = cell.length;
            while (top > 2 && cell[top - 1] == 0) top--;
            StringBuilder b = new StringBuilder();
            for (int i = 2; i < top; i++) b.append(cell[i]).append(',');
            out.put(k, cell[0] + " " + cell[1] + " " + b);
        });
        return out;
    }

    private static long[] longs(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getLong(i + 1);
            return out;
        }
    }
}
