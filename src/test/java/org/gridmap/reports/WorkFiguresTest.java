package org.gridmap.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.gridmap.cases.WorkTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Station meetings, and the dashboard figures per grid and month: reports on time against the periods counted
 * here by hand, open cases by age against cases opened, resolved and reopened at known instants.
 */
class WorkFiguresTest {
    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    static WorkTown town;

    @BeforeAll
    static void start() throws Exception { town = new WorkTown(NOW); }

    @AfterAll
    static void stop() { town.close(); }

    /** Opens a case in grid X at {@code at} (a visit then, by the grid's leader), answering its id. */
    static long caseAt(Instant at, int household) throws Exception {
        town.clock.now = at;
        long visit = town.visit(town.household(town.gridX, household), town.staffX);
        return town.expect(201, "POST", "/api/cases", "{\"visit_id\":" + visit + ",\"kind\":\"opinion\",\"title\":\"路灯坏了\"}",
                town.staffX).get("id").asLong();
    }

    static void status(long id, String status, long version, Instant at) throws Exception {
        town.clock.now = at;
        town.expect(200, "POST", "/api/cases/" + id + "/status", "{\"status\":\"" + status + "\",\"version\":" + version
                + ",\"text\":\"复查\"}", town.staffX);
    }

    @Test
    void openCasesByAgeFollowTheirHistory() throws Exception {
        Instant saved = town.clock.now;
        String village = town.text("SELECT v.code FROM villages v JOIN grids g ON g.village_id = v.id WHERE g.id = " + town.gridX);
        int[] novBefore = ages("2026-11", village), octBefore = ages("2026-10", village);
        try {
            caseAt(NOW.minus(Duration.ofDays(40)), 0);                        // older than 30 days
            caseAt(NOW.minus(Duration.ofDays(10)), 1);                        // 8–30 days
            caseAt(NOW.minus(Duration.ofDays(5)), 2);                         // 4–7 days
            caseAt(NOW.minus(Duration.ofDays(2)), 3);                         // up to 3 days
            long done = caseAt(NOW.minus(Duration.ofDays(6)), 4);             // resolved: not open
            status(done, "resolved", 1, NOW.minus(Duration.ofDays(1)));
            long reopened = caseAt(NOW.minus(Duration.ofDays(20)), 5);        // resolved, then reopened: open, 20 days old
            status(reopened, "resolved", 1, NOW.minus(Duration.ofDays(15)));
            status(reopened, "in_progress", 2, NOW.minus(Duration.ofDays(3)));
            town.clock.now = NOW;
            // what these cases add to the grid's figures (other cases of the grid are older or newer than all of them)
            assertThat(minus(ages("2026-11", village), novBefore)).containsExactly(1, 1, 2, 1, 5);
            // at the end of October (Asia/Shanghai): the 40-day-old case (20.6 days then) and the reopened one, which was
            // 14 hours old; the case resolved on 5 November was still open then
            assertThat(minus(ages("2026-10", village), octBefore)).containsExactly(1, 0, 1, 0, 2);
            assertThat(town.send("GET", "/api/work/open-cases", null, null, true).statusCode()).isEqualTo(401);
            town.expect(400, "GET", "/api/work/open-cases?month=2026-13", null, town.admin);
        } finally {
            town.clock.now = saved;
        }
    }

    @Test
    void reportsOnTimeCountThePeriodsOfTheMonthThatWereDue() throws Exception {
        Instant saved = town.clock.now;
        try {
            // the periods starting in November 2026, counted here from the definition: every third day from 1970-01-01
            LocalDate first = LocalDate.parse("2026-11-01");
            while (first.toEpochDay() % 3 != 0) first = first.plusDays(1);
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            int due = 0;
            LocalDate lastDue = null;
            for (LocalDate d = first; d.getMonthValue() == 11; d = d.plusDays(3)) {
                if (!d.plusDays(3).atStartOfDay(zone).toInstant().isAfter(NOW)) {
                    due++;
                    lastDue = d;
                }
            }
            // grid B: the first period reported on time, the last due one late
            town.clock.now = first.plusDays(2).atTime(20, 0).atZone(zone).toInstant();
            town.expect(201, "POST", "/api/reports", "{\"grid\":" + town.gridB + ",\"period_start\":\"" + first + "\"}", town.leaderB);
            town.clock.now = NOW;
            town.expect(201, "POST", "/api/reports", "{\"grid\":" + town.gridB + ",\"period_start\":\"" + lastDue + "\"}", town.leaderB);
            JsonNode all = town.expect(200, "GET", "/api/work/reports-on-time?month=2026-11&village=" + town.villageCodeA, null, town.leaderA);
            JsonNode b = null, a = null;
            for (JsonNode g : all.get("grids")) {
                if (g.get("grid").asText().equals(town.codeB)) b = g;
                if (g.get("grid").asText().equals(town.codeA)) a = g;
            }
            assertThat(new int[] {b.get("due").asInt(), b.get("onTime").asInt(), b.get("late").asInt(), b.get("missing").asInt()})
                    .containsExactly(due, 1, 1, due - 2);
            assertThat(a.get("missing").asInt()).isEqualTo(due);
            assertThat(all.get("grids").size()).isEqualTo((int) town.longs("SELECT count(*) FROM grids WHERE village_id = " + town.villageA)[0]);
        } finally {
            town.clock.now = saved;
        }
    }

    @Test
    void aStationRecordsItsWeeklyMeetingWithAttendanceCasesAndDecisions() throws Exception {
        long visit = town.visit(town.household(town.gridA, 0), town.leaderA);
        long kase = town.expect(201, "POST", "/api/cases", "{\"visit_id\":" + visit + ",\"kind\":\"opinion\",\"title\":\"希望修路\"}",
                town.leaderA).get("id").asLong();
        String path = "/api/stations/" + town.villageCodeA + "/meetings";
        String body = "{\"held_on\":\"2026-11-18\",\"present\":[\"" + town.codeA + "\"],\"cases\":[{\"id\":" + kase
                + ",\"note\":\"报镇交通办\"}],\"decisions\":[\"下周一前报镇里\"]}";
        town.expect(403, "POST", path, body, town.staffX);
        JsonNode m = town.expect(201, "POST", path, body, town.leaderB);
        long grids = town.longs("SELECT count(*) FROM grids WHERE village_id = " + town.villageA)[0];
        assertThat(m.get("attendance").size()).isEqualTo((int) grids);
        assertThat(m.get("present").asInt()).isEqualTo(1);
        assertThat(m.get("cases").get(0).get("caseId").asLong()).isEqualTo(kase);
        assertThat(m.get("decisions").get(0).asText()).isEqualTo("下周一前报镇里");
        town.expect(409, "POST", path, body, town.leaderB);   // one meeting a day per station
        long foreign = town.expect(201, "POST", "/api/cases", "{\"visit_id\":" + town.visit(town.household(town.gridX, 9), town.staffX)
                + ",\"kind\":\"opinion\",\"title\":\"别村\"}", town.staffX).get("id").asLong();
        JsonNode wrong = town.expect(422, "POST", path, "{\"held_on\":\"2026-11-19\",\"cases\":[{\"id\":" + foreign + "}]}", town.leaderB);
        assertThat(wrong.get("cases").get(0).asLong()).isEqualTo(foreign);
        town.expect(422, "POST", path, "{\"held_on\":\"2026-12-19\"}", town.leaderB);
        JsonNode list = town.expect(200, "GET", path + "?month=2026-11", null, town.leaderA);
        assertThat(list.get("meetings").size()).isEqualTo(1);
    }

    static int[] ages(String month, String village) throws Exception {
        JsonNode r = row(town.expect(200, "GET", "/api/work/open-cases?month=" + month + "&village=" + village, null, town.admin));
        return new int[] {r.get("upTo3Days").asInt(), r.get("upTo7Days").asInt(), r.get("upTo30Days").asInt(),
                r.get("older").asInt(), r.get("open").asInt()};
    }

    static int[] minus(int[] a, int[] b) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    private static JsonNode row(JsonNode figures) {
        for (JsonNode g : figures.get("grids")) if (g.get("gridId").asLong() == town.gridX) return g;
        throw new AssertionError("no row for grid X");
    }

    /**
     * The work dashboard shows the same reports-on-time and open-case figures as the work endpoints (tested above
     * against hand counts): per grid of a village, and per village as the sum of its grids.
     */
    @Test
    void theDashboardCarriesReportsOnTimeAndOpenCasesPerGridAndVillage() throws Exception {
        caseAt(NOW.minus(Duration.ofDays(9)), 6);
        town.clock.now = NOW;
        String month = "2026-11";
        JsonNode onTime = town.expect(200, "GET", "/api/work/reports-on-time?month=" + month, null, town.admin);
        JsonNode open = town.expect(200, "GET", "/api/work/open-cases?month=" + month, null, town.admin);
        java.util.Map<String, long[]> byGrid = new java.util.HashMap<>(), byVillage = new java.util.HashMap<>();
        String[] reportKeys = {"due", "onTime", "late", "missing"}, ageKeys = {"upTo3Days", "upTo7Days", "upTo30Days", "older"};
        for (JsonNode g : onTime.get("grids")) {
            long[] v = byGrid.computeIfAbsent(g.get("grid").asText(), k -> new long[8]);
            long[] w = byVillage.computeIfAbsent(g.get("village").asText(), k -> new long[8]);
            for (int i = 0; i < 4; i++) { v[i] += g.get(reportKeys[i]).asLong(); w[i] += g.get(reportKeys[i]).asLong(); }
        }
        for (JsonNode g : open.get("grids")) {
            long[] v = byGrid.computeIfAbsent(g.get("grid").asText(), k -> new long[8]);
            long[] w = byVillage.computeIfAbsent(g.get("village").asText(), k -> new long[8]);
            for (int i = 0; i < 4; i++) { v[4 + i] += g.get(ageKeys[i]).asLong(); w[4 + i] += g.get(ageKeys[i]).asLong(); }
        }
        long[] x = byGrid.get(town.text("SELECT code FROM grids WHERE id = " + town.gridX));
        assertThat(x[4] + x[5] + x[6] + x[7]).as("grid X has open cases").isPositive();

        JsonNode villages = town.expect(200, "GET", "/api/dashboard?month=" + month, null, null);
        assertThat(villages.get("rows").size()).isEqualTo(byVillage.size());
        for (JsonNode r : villages.get("rows")) assertFigures(r, byVillage.get(r.get("code").asText()), reportKeys, ageKeys);
        String village = town.text("SELECT v.code FROM villages v JOIN grids g ON g.village_id = v.id WHERE g.id = " + town.gridX);
        JsonNode grids = town.expect(200, "GET", "/api/dashboard?month=" + month + "&village=" + village, null, null);
        assertThat(grids.get("rows").size()).isEqualTo((int) town.longs(
                "SELECT count(*) FROM grids g JOIN villages v ON v.id = g.village_id WHERE v.code = '" + village + "'")[0]);
        for (JsonNode r : grids.get("rows")) assertFigures(r, byGrid.get(r.get("code").asText()), reportKeys, ageKeys);
    }

    private static void assertFigures(JsonNode row, long[] expected, String[] reportKeys, String[] ageKeys) {
        String code = row.get("code").asText();
        for (int i = 0; i < 4; i++) {
            assertThat(row.at("/reports/" + reportKeys[i]).asLong()).as(code + " reports " + reportKeys[i]).isEqualTo(expected[i]);
            assertThat(row.at("/openCases/" + ageKeys[i]).asLong()).as(code + " open cases " + ageKeys[i]).isEqualTo(expected[4 + i]);
        }
        double share = expected[0] == 0 ? Double.NaN : (double) expected[1] / expected[0];
        if (expected[0] == 0) assertThat(row.at("/reports/onTimeShare").isNull()).as(code).isTrue();
        else assertThat(row.at("/reports/onTimeShare").asDouble()).as(code).isCloseTo(share, org.assertj.core.data.Offset.offset(1e-9));
    }
}
