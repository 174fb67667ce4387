package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rings' figures and a station's overdue list, over errands whose hand-offs the test times itself: the
 * expected shares and medians follow from those times, and the totals are counted again in plain SQL.
 */
class ErrandStatsTest {
    static ErrandTown town;
    static String village;

    @BeforeAll
    static void start() throws Exception {
        town = new ErrandTown();
        village = town.text("SELECT v.code FROM villages v JOIN grids g ON g.village_id = v.id WHERE g.id = " + town.gridId);
    }

    @AfterAll
    static void stop() { town.close(); }

    static long hop(String n, String stage, String receiver, String token) throws Exception {
        return town.handOff(n, stage, receiver, 201, token).get("id").asLong();
    }

    @Test
    void perRingTheShareOnTimeAndTheMedianStageTimeAndWhatIsOverdueBelowTheStation() throws Exception {
        Instant t0 = Instant.parse("2026-11-02T01:00:00Z");
        String leader = "\"to_staff\":" + town.leaderStaff;
        // errand 1: point 2 h (on time), grid leader 30 h (late: 1 day), station 10 h (on time)
        town.clock.set(t0);
        String e1 = town.file("minimum_living_allowance", false, "100-0000-0001").get("number").asText();
        town.clock.advance(Duration.ofHours(2));
        long h = hop(e1, "grid", leader, town.volunteer);
        town.clock.advance(Duration.ofHours(1));
        town.confirm(e1, h, 200, town.leader);
        town.clock.advance(Duration.ofHours(30));
        h = hop(e1, "station", "\"to_user\":\"st\"", town.leader);
        town.confirm(e1, h, 200, town.station);
        town.clock.advance(Duration.ofHours(10));
        h = hop(e1, "department", "\"to_user\":\"dp\"", town.station);
        town.confirm(e1, h, 200, town.department);
        // errand 2: point 26 h (late), then it sits with the grid leader
        String e2 = town.file("minimum_living_allowance", false, "100-0000-0002").get("number").asText();
        town.clock.advance(Duration.ofHours(26));
        h = hop(e2, "grid", leader, town.volunteer);
        town.confirm(e2, h, 200, town.leader);
        // errand 3: point 1 h (on time), never confirmed by the grid leader
        String e3 = town.file("minimum_living_allowance", false, "100-0000-0003").get("number").asText();
        town.clock.advance(Duration.ofHours(1));
        hop(e3, "grid", leader, town.volunteer);

        JsonNode stats = town.expect(200, "GET", "/api/errands/stats?from=2026-11-02&to=2026-12-01&village=" + village, null, null);
        JsonNode v = stats.get("villages").get(0);
        assertThat(stats.get("villages").size()).isEqualTo(1);
        assertThat(v.get("code").asText()).isEqualTo(village);
        JsonNode pointGrid = v.get("rings").get("point_grid");
        assertThat(pointGrid.get("handoffs").asLong()).isEqualTo(3);
        assertThat(pointGrid.get("onTime").asLong()).isEqualTo(2);
        // median of 2, 26 and 1 hours, read from the rollup's histogram: within its bucket (ErrandRingHistogram)
        assertThat(pointGrid.get("medianHours").asDouble()).isCloseTo(2.0, within(ErrandRingHistogram.precision(2.0)));
        assertThat(v.get("rings").get("grid_station").get("onTime").asLong()).isZero();
        assertThat(v.get("rings").get("grid_station").get("medianHours").asDouble()).isCloseTo(30.0, within(ErrandRingHistogram.precision(30.0)));
        assertThat(v.get("rings").get("station_department").get("onTimeShare").asDouble()).isEqualTo(1.0);
        assertThat(v.get("rings").get("station_department").get("medianHours").asDouble()).isCloseTo(10.0, within(ErrandRingHistogram.precision(10.0)));
        // per grid: the same hand-offs, all in the errands' grid
        JsonNode grids = stats.get("grids");
        assertThat(grids.size()).isEqualTo(1);
        assertThat(grids.get(0).get("code").asText()).isEqualTo(town.gridCode);
        assertThat(grids.get(0).get("rings")).isEqualTo(v.get("rings"));
        // the totals counted again in plain SQL
        long[] sql = town.longs("SELECT count(*), count(*) FILTER (WHERE h.sent_at <= h.due_at) FROM errand_handoffs h "
                + "JOIN errands e ON e.id = h.errand_id JOIN grids g ON g.id = e.grid_id JOIN villages vv ON vv.id = g.village_id "
                + "WHERE vv.code = '" + village + "' AND h.sent_at >= '2026-11-01T16:00Z' AND h.sent_at < '2026-11-30T16:00Z'");
        long total = 0, onTime = 0;
        for (JsonNode ring : v.get("rings")) {
            total += ring.get("handoffs").asLong();
            onTime += ring.get("onTime").asLong();
        }
        assertThat(new long[] {total, onTime}).containsExactly(sql);
        // aggregated only: nobody's name or phone
        assertThat(stats.toString()).doesNotContain("测试居民").doesNotContain("100-0000-000");
        // the town-wide figures name every village with hand-offs, this one with the same counts
        JsonNode all = town.expect(200, "GET", "/api/errands/stats?from=2026-11-02&to=2026-12-01", null, null);
        assertThat(all.has("grids")).isFalse();
        JsonNode same = null;
        for (JsonNode x : all.get("villages")) if (x.get("code").asText().equals(village)) same = x;
        assertThat(same).isEqualTo(v);

        // two days on: errand 2 is late with its grid leader, errand 3 late in transit to it; errand 1 is not
        town.clock.advance(Duration.ofDays(2));
        town.expect(401, "GET", "/api/errands/overdue?village=" + village, null, null);
        JsonNode overdue = town.expect(200, "GET", "/api/errands/overdue?village=" + village, null, town.station);
        Set<String> ours = new HashSet<>();
        for (JsonNode o : overdue.get("errands")) {
            String n = o.get("number").asText();
            if (!Set.of(e1, e2, e3).contains(n)) continue;
            ours.add(n);
            assertThat(o.get("actor").get("staffId").asLong()).isEqualTo(town.leaderStaff);
            assertThat(o.get("inTransit").asBoolean()).isEqualTo(n.equals(e3));
            assertThat(o.get("hoursLate").asDouble()).isGreaterThan(0);
        }
        assertThat(ours).containsExactlyInAnyOrder(e2, e3);
        long expected = town.longs("SELECT count(*) FROM errands e JOIN grids g ON g.id = e.grid_id "
                + "JOIN villages vv ON vv.id = g.village_id WHERE vv.code = '" + village + "' AND e.stage NOT IN ('returned', 'closed') "
                + "AND CASE WHEN EXISTS (SELECT 1 FROM errand_handoffs t WHERE t.errand_id = e.id AND t.confirmed_at IS NULL) "
                + "THEN EXISTS (SELECT 1 FROM errand_handoffs t WHERE t.errand_id = e.id AND t.confirmed_at IS NULL "
                + "AND t.receiver_due_at < '" + town.clock.instant() + "') ELSE e.stage_due_at < '" + town.clock.instant() + "' END")[0];
        assertThat(overdue.get("errands").size()).isEqualTo((int) expected);
        assertThat(overdue.toString()).doesNotContain("测试居民").doesNotContain("100-0000-000");
    }

    @Test
    void badPeriodsAndVillagesAreRefused() throws Exception {
        town.expect(400, "GET", "/api/errands/stats?village=12", null, null);
        town.expect(400, "GET", "/api/errands/stats?from=yesterday", null, null);
        town.expect(400, "GET", "/api/errands/stats?from=2026-11-02&to=2026-11-01", null, null);
        town.expect(404, "GET", "/api/errands/stats?village=999999999999", null, null);
        town.expect(400, "GET", "/api/errands/overdue", null, town.station);
        town.expect(404, "GET", "/api/errands/overdue?village=999999999999", null, town.station);
    }
}
