package org.gridmap.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gridmap.cases.WorkTown;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 3-day reports over real HTTP on the demo town and a moved clock: the deadline at the start of day 4, late and
 * missing reports in the station's list, counts taken from the records, urgent items told live over SSE.
 */
class ReportsApiTest {
    static WorkTown town;
    /** A period in the middle of November 2026, and its days as instants in the town's zone. */
    static final Reports.Period P = Reports.Period.of(LocalDate.parse("2026-11-16"));

    static Instant day(int n, int hour) {
        return P.start().plusDays(n - 1).atTime(hour, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    }

    @BeforeAll
    static void start() throws Exception { town = new WorkTown(day(1, 9)); }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void aReportOnDay4IsLateAndAMissingOneIsFlaggedToTheStationFromDay4() throws Exception {
        Instant saved = town.clock.now;
        try {
            // two visits in grid A during the period, one of them a "nobody home" that does not count
            town.clock.now = day(2, 10);
            town.visit(town.household(town.gridA, 0), town.leaderA);
            town.visit(town.household(town.gridA, 1), town.leaderA);
            town.exec("INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                    + "SELECT h.id, (SELECT id FROM users WHERE username = 'la'), '" + town.codeA + "', '" + day(2, 11)
                    + "', 'nobody_home', h.geom, 0, false FROM households h WHERE h.id = " + town.household(town.gridA, 2));
            town.clock.now = day(3, 23);
            JsonNode onDay3 = station(town.leaderB);
            assertThat(state(onDay3, town.codeA, P.start())).isEqualTo("pending");
            assertThat(flagged(onDay3, town.codeA, P.start())).isFalse();
            // grid B's leader reports in the last second of day 3: on time
            town.clock.now = P.due().minusSeconds(1);
            JsonNode b = town.expect(201, "POST", "/api/reports", "{\"grid\":" + town.gridB + ",\"period_start\":\"" + P.start()
                    + "\",\"text\":\"正常\"}", town.leaderB);
            assertThat(b.get("late").asBoolean()).isFalse();
            // day 4 begins: grid A's report is missing and the station sees it flagged
            town.clock.now = P.due();
            JsonNode onDay4 = station(town.leaderB);
            assertThat(state(onDay4, town.codeA, P.start())).isEqualTo("missing");
            assertThat(flagged(onDay4, town.codeA, P.start())).isTrue();
            assertThat(state(onDay4, town.codeB, P.start())).isEqualTo("on_time");
            // grid A's leader reports on day 4, naming no period: it is the one just missed, and late
            town.clock.now = day(4, 8);
            JsonNode a = town.expect(201, "POST", "/api/reports", "{\"grid\":" + town.gridA + ",\"text\":\"补报\"}", town.leaderA);
            assertThat(a.get("period").asText()).isEqualTo(P.start().toString());
            assertThat(a.get("late").asBoolean()).isTrue();
            assertThat(a.get("visitsDone").asLong()).isEqualTo(2).isEqualTo(town.longs("SELECT count(*) FROM visits x JOIN households h "
                    + "ON h.id = x.household_id WHERE h.grid_id = " + town.gridA + " AND x.outcome <> 'nobody_home' AND x.visited_at >= '"
                    + P.from() + "' AND x.visited_at < '" + P.due() + "'")[0]);
            JsonNode after = station(town.leaderB);
            assertThat(state(after, town.codeA, P.start())).isEqualTo("late");
            assertThat(flagged(after, town.codeA, P.start())).isTrue();
            // one regular report per grid and period
            town.expect(409, "POST", "/api/reports", "{\"grid\":" + town.gridA + ",\"period_start\":\"" + P.start() + "\"}", town.leaderA);
            town.expect(422, "POST", "/api/reports", "{\"grid\":" + town.gridA + ",\"period_start\":\"" + P.start().plusDays(1) + "\"}", town.leaderA);
            town.expect(422, "POST", "/api/reports", "{\"grid\":" + town.gridA + ",\"period_start\":\"" + P.start().plusDays(30) + "\"}", town.leaderA);
        } finally {
            town.clock.now = saved;
        }
    }

    @Test
    void onlyTheGridsLeaderReportsAndOnlyTheStationReadsItsList() throws Exception {
        town.expect(403, "POST", "/api/reports", "{\"grid\":" + town.gridA + "}", town.leaderB);
        town.expect(403, "POST", "/api/reports", "{\"grid\":" + town.gridA + "}", town.staffX);
        assertThat(town.send("POST", "/api/reports", "{\"grid\":" + town.gridA + "}", null, true).statusCode()).isEqualTo(401);
        town.expect(403, "GET", "/api/stations/" + town.villageCodeA + "/reports", null, town.staffX);
        town.expect(403, "GET", "/api/stations/" + town.villageCodeA + "/events", null, town.staffX);
        town.expect(200, "GET", "/api/stations/" + town.villageCodeA + "/reports", null, town.admin);
        town.expect(400, "GET", "/api/stations/12/reports", null, town.admin);
        HttpResponse<String> zh = town.send("POST", "/api/reports", "{\"grid\":" + town.gridA + "}", town.staffX, false);
        assertThat(TestServer.json(zh).get("message").asText()).isEqualTo("只有网格 " + town.codeA + " 的网格长（或管理员）可以为其报告。");
    }

    @Test
    void anUrgentReportReachesAnOpenStationViewAtOnceAndIsLogged() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(town.server.url("/api/stations/" + town.villageCodeA + "/events")))
                .header("Authorization", "Bearer " + town.leaderB).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> r = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            Iterator<String> it = r.body().iterator();
            while (it.hasNext()) lines.add(it.next());
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(nextEvent(lines)).startsWith("ready");
            long logged = town.longs("SELECT count(*) FROM station_notifications")[0];
            JsonNode u = town.expect(201, "POST", "/api/reports", "{\"grid\":" + town.gridA + ",\"urgent\":true,"
                    + "\"urgent_items\":[\"3组王家后山滑坡，已转移2户\"]}", town.leaderA);
            String event = nextEvent(lines);
            assertThat(event).startsWith("urgent").contains("3组王家后山滑坡").contains(town.codeA)
                    .contains("\"report\":" + u.get("id").asLong());
            assertThat(town.longs("SELECT count(*) FROM station_notifications")[0]).isEqualTo(logged + 1);
            JsonNode log = town.expect(200, "GET", "/api/stations/" + town.villageCodeA + "/notifications", null, town.leaderB);
            assertThat(log.get("notifications").get(0).get("report").asLong()).isEqualTo(u.get("id").asLong());
            // an urgent report does not take the period's regular slot
            assertThat(u.get("urgent").asBoolean()).isTrue();
        } finally {
            r.body().close();
        }
    }

    /** The next event as "name data", waiting at most 10 s. */
    static String nextEvent(BlockingQueue<String> lines) throws InterruptedException {
        String name = null;
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            String l = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (l == null) break;
            if (l.startsWith("event:")) name = l.substring(6).trim();
            else if (l.startsWith("data:") && name != null) return name + " " + l.substring(5).trim();
        }
        throw new AssertionError("no event within 10 s");
    }

    static JsonNode station(String token) throws Exception {
        return town.expect(200, "GET", "/api/stations/" + town.villageCodeA + "/reports?periods=3", null, token);
    }

    static String state(JsonNode station, String grid, LocalDate period) {
        for (JsonNode p : station.get("periods")) {
            if (p.get("grid").get("code").asText().equals(grid) && p.get("period").asText().equals(period.toString())) {
                return p.get("state").asText();
            }
        }
        throw new AssertionError("no period " + period + " for grid " + grid);
    }

    static boolean flagged(JsonNode station, String grid, LocalDate period) {
        for (JsonNode p : station.get("flags")) {
            if (p.get("grid").get("code").asText().equals(grid) && p.get("period").asText().equals(period.toString())) return true;
        }
        return false;
    }
}
