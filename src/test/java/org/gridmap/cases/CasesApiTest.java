package org.gridmap.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cases over real HTTP on the demo town: a geological finding pins exactly one hazard linked both ways, an errand
 * goes into the errand flow, the lifecycle the database enforces, due dates on the clock, who sees what.
 */
class CasesApiTest {
    static WorkTown town;

    @BeforeAll
    static void start() throws Exception { town = new WorkTown(Instant.parse("2026-11-10T02:00:00Z")); }

    @AfterAll
    static void stop() { town.close(); }

    static String body(long visit, String kind, String extra) {
        return "{\"visit_id\":" + visit + ",\"kind\":\"" + kind + "\",\"title\":\"屋后边坡裂缝\",\"details\":\"雨后加宽\"" + extra + "}";
    }

    @Test
    void aGeologicalFindingPinsExactlyOneHazardLinkedBothWaysEvenWhenSentFourTimesAtOnce() throws Exception {
        long visit = town.visit(town.household(town.gridA, 0), town.leaderA);
        long hazardsBefore = town.longs("SELECT count(*) FROM hazards")[0];
        String b = body(visit, "safety", ",\"hazard\":{\"type\":\"landslide\",\"radius_m\":80}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit((Callable<HttpResponse<String>>) () -> town.send("POST", "/api/cases", b, town.leaderA, true)));
            }
            List<Integer> statuses = new ArrayList<>();
            List<Long> caseIds = new ArrayList<>(), hazardIds = new ArrayList<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                statuses.add(r.statusCode());
                JsonNode k = TestServer.json(r);
                caseIds.add(k.get("id").asLong());
                hazardIds.add(k.get("hazard").get("id").asLong());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 200, 200, 200);
            assertThat(caseIds).containsOnly(caseIds.get(0));
            assertThat(hazardIds).containsOnly(hazardIds.get(0));
        } finally {
            pool.shutdown();
        }
        assertThat(town.longs("SELECT count(*) FROM hazards")[0]).isEqualTo(hazardsBefore + 1);
        long[] link = town.longs("SELECT k.id, k.hazard_id, h.case_id FROM cases k JOIN hazards h ON h.id = k.hazard_id "
                + "WHERE k.visit_id = " + visit);
        assertThat(link[2]).isEqualTo(link[0]);
        // the hazard, as the monitor's queue shows it, names its case; it is a reported landslide where the household is
        JsonNode hazard = town.expect(200, "GET", "/api/hazards/" + link[1], null, null);
        assertThat(hazard.get("case").asLong()).isEqualTo(link[0]);
        assertThat(hazard.get("status").asText()).isEqualTo("reported");
        assertThat(hazard.get("type").asText()).isEqualTo("landslide");
        assertThat(hazard.get("radius_m").asDouble()).isEqualTo(80);
        assertThat(town.longs("SELECT count(*) FROM hazards h JOIN households x ON ST_Equals(x.geom, h.geom) WHERE h.id = "
                + link[1] + " AND x.id = " + town.household(town.gridA, 0))[0]).isEqualTo(1);
        JsonNode k = town.expect(200, "GET", "/api/cases/" + link[0], null, town.leaderA);
        assertThat(k.get("hazard").get("code").asText()).isEqualTo(hazard.get("code").asText());
        assertThat(k.get("geological").asBoolean()).isTrue();
    }

    @Test
    void anErrandFindingIsFiledInTheErrandFlowLinkedBothWays() throws Exception {
        long visit = town.visit(town.household(town.gridA, 1), town.leaderA);
        String b = body(visit, "errand", ",\"errand\":{\"item\":\"family_planning_certificate\","
                + "\"resident\":{\"name\":\"张秀英\",\"phone\":\"13800001234\"}}");
        JsonNode k = town.expect(201, "POST", "/api/cases", b, town.leaderA);
        JsonNode again = town.expect(200, "POST", "/api/cases", b, town.leaderA);
        assertThat(again.get("errand").get("number").asText()).isEqualTo(k.get("errand").get("number").asText());
        String number = k.get("errand").get("number").asText();
        assertThat(town.longs("SELECT count(*) FROM errands WHERE case_id = " + k.get("id").asLong())[0]).isEqualTo(1);
        assertThat(town.text("SELECT number FROM errands WHERE case_id = " + k.get("id").asLong())).isEqualTo(number);
        JsonNode errand = town.expect(200, "GET", "/api/errands/" + number, null, town.leaderA);
        assertThat(errand.toString()).contains("张秀英");
        assertThat(town.text("SELECT e.grid_id || ' ' || e.household_id FROM errands e WHERE e.number = '" + number + "'"))
                .isEqualTo(town.gridA + " " + town.household(town.gridA, 1));
        assertThat(town.text("SELECT detail::text FROM errand_history h JOIN errands e ON e.id = h.errand_id "
                + "WHERE e.number = '" + number + "' ORDER BY h.seq LIMIT 1")).contains("\"case\": " + k.get("id").asLong());
    }

    @Test
    void theLifecycleIsTheDatabasesAndVersionsAreChecked() throws Exception {
        long visit = town.visit(town.household(town.gridA, 2), town.leaderA);
        JsonNode k = town.expect(201, "POST", "/api/cases", body(visit, "dispute",
                ",\"parties\":[{\"name\":\"王建国\",\"role\":\"邻居\"},{\"name\":\"李春花\"}]"), town.leaderA);
        long id = k.get("id").asLong();
        assertThat(k.get("status").asText()).isEqualTo("open");
        assertThat(k.get("owner").get("name").asText()).isEqualTo(town.leaderNameA);
        String path = "/api/cases/" + id + "/status";
        JsonNode p = town.expect(200, "POST", path, "{\"status\":\"in_progress\",\"version\":1}", town.leaderA);
        assertThat(p.get("version").asLong()).isEqualTo(2);
        JsonNode stale = town.expect(409, "POST", path, "{\"status\":\"resolved\",\"version\":1,\"outcome\":\"和解\"}", town.leaderA);
        assertThat(stale.get("error").asText()).isEqualTo("version_conflict");
        assertThat(stale.get("stale").get(0).get("type").asText()).isEqualTo("case");
        assertThat(stale.get("stale").get(0).get("version").asLong()).isEqualTo(2);
        town.expect(201, "POST", "/api/cases/" + id + "/steps", "{\"action\":\"mediation\",\"text\":\"双方到村调解室\"}", town.leaderA);
        assertThat(town.expect(422, "POST", path, "{\"status\":\"resolved\",\"version\":2}", town.leaderA).get("error").asText())
                .isEqualTo("outcome_needed");
        town.expect(200, "POST", path, "{\"status\":\"resolved\",\"version\":2,\"outcome\":\"签订和解协议\"}", town.leaderA);
        assertThat(town.expect(422, "POST", path, "{\"status\":\"in_progress\",\"version\":3}", town.leaderA).get("error").asText())
                .isEqualTo("reason_needed");
        town.expect(200, "POST", path, "{\"status\":\"in_progress\",\"version\":3,\"text\":\"协议未履行\"}", town.leaderA);
        town.expect(200, "POST", path, "{\"status\":\"resolved\",\"version\":4}", town.leaderA);
        JsonNode closed = town.expect(200, "POST", path, "{\"status\":\"closed\",\"version\":5}", town.leaderA);
        assertThat(closed.get("closedAt").asText()).isEqualTo(town.clock.now.toString());
        JsonNode refused = town.expect(422, "POST", path, "{\"status\":\"in_progress\",\"version\":6,\"text\":\"x\"}", town.leaderA);
        assertThat(refused.get("error").asText()).isEqualTo("case_transition");
        JsonNode full = town.expect(200, "GET", "/api/cases/" + id, null, town.leaderA);
        List<String> actions = new ArrayList<>();
        for (JsonNode h : full.get("history")) actions.add(h.get("action").asText() + ":" + h.get("statusAfter").asText(""));
        assertThat(actions).containsExactly("opened:open", "status:in_progress", "mediation:", "status:resolved",
                "status:in_progress", "status:resolved", "status:closed");
        // whoever writes: the database itself refuses a step its lifecycle does not have, and any change to a closed case
        assertThat(catchThrowable(() -> town.exec("UPDATE cases SET status = 'open' WHERE id = " + id))).hasMessageContaining("closed case");
        long other = town.expect(201, "POST", "/api/cases", body(town.visit(town.household(town.gridA, 3), town.leaderA), "opinion", ""),
                town.leaderA).get("id").asLong();
        assertThat(catchThrowable(() -> town.exec("UPDATE cases SET status = 'closed' WHERE id = " + other)))
                .hasMessageContaining("may not go from open to closed");
        assertThat(catchThrowable(() -> town.exec("UPDATE cases SET status = 'resolved' WHERE id = " + id))).isNotNull();
        assertThat(catchThrowable(() -> town.exec("DELETE FROM case_history WHERE case_id = " + id))).hasMessageContaining("append-only");
    }

    @Test
    void dueDatesFollowTheKindsPolicyOnTheClock() throws Exception {
        Instant saved = town.clock.now;
        try {
            town.clock.now = Instant.parse("2026-11-12T09:30:00Z");
            JsonNode opinion = town.expect(201, "POST", "/api/cases", body(town.visit(town.household(town.gridA, 4), town.leaderA),
                    "opinion", ""), town.leaderA);
            assertThat(opinion.get("openedAt").asText()).isEqualTo("2026-11-12T09:30:00Z");
            assertThat(opinion.get("dueAt").asText()).isEqualTo("2026-11-19T09:30:00Z");
            JsonNode urgent = town.expect(201, "POST", "/api/cases", body(town.visit(town.household(town.gridA, 4), town.leaderA),
                    "safety", ",\"urgent\":true"), town.leaderA);
            assertThat(urgent.get("dueAt").asText()).isEqualTo("2026-11-13T09:30:00Z");
            assertThat(urgent.get("overdue").asBoolean()).isFalse();
            town.clock.now = town.clock.now.plus(Duration.ofDays(2));
            JsonNode later = town.expect(200, "GET", "/api/cases/" + urgent.get("id").asLong(), null, town.leaderA);
            assertThat(later.get("overdue").asBoolean()).isTrue();
        } finally {
            town.clock.now = saved;
        }
    }

    @Test
    void staffWriteOnlyTheirGridsAndPartiesAreReadInScopeAndLogged() throws Exception {
        long visit = town.visit(town.household(town.gridA, 5), town.leaderA);
        long casesBefore = town.longs("SELECT count(*) FROM cases")[0];
        town.expect(403, "POST", "/api/cases", body(visit, "opinion", ""), town.staffX);
        town.expect(403, "POST", "/api/cases", body(visit, "opinion", ""), town.leaderB);
        assertThat(town.send("POST", "/api/cases", body(visit, "opinion", ""), null, true).statusCode()).isEqualTo(401);
        assertThat(town.longs("SELECT count(*) FROM cases")[0]).isEqualTo(casesBefore);
        JsonNode k = town.expect(201, "POST", "/api/cases", body(visit, "dispute", ",\"parties\":[{\"name\":\"赵德明\"}]"), town.leaderA);
        long id = k.get("id").asLong();
        long reads = town.longs("SELECT count(*) FROM case_data_reads WHERE case_id = " + id)[0];
        assertThat(town.expect(200, "GET", "/api/cases/" + id, null, town.leaderA).toString()).contains("赵德明");
        assertThat(town.longs("SELECT count(*) FROM case_data_reads WHERE case_id = " + id)[0]).isEqualTo(reads + 1);
        // the village's other grid leader stands for the station: reads the case, never the parties, and may not write
        String asStation = town.expect(200, "GET", "/api/cases/" + id, null, town.leaderB).toString();
        assertThat(asStation).doesNotContain("赵德明").contains("\"hasParties\":true");
        assertThat(town.longs("SELECT count(*) FROM case_data_reads WHERE case_id = " + id)[0]).isEqualTo(reads + 1);
        town.expect(403, "POST", "/api/cases/" + id + "/status", "{\"status\":\"in_progress\",\"version\":1}", town.leaderB);
        town.expect(403, "GET", "/api/cases/" + id, null, town.staffX);
        assertThat(town.expect(200, "GET", "/api/cases", null, town.staffX).toString()).doesNotContain("\"id\":" + id + ",");
        assertThat(town.send("GET", "/api/cases/layer", null, null, true).statusCode()).isEqualTo(401);
        // the list never carries parties, even for the grid's own staff
        assertThat(town.expect(200, "GET", "/api/cases?kind=dispute", null, town.leaderA).toString()).doesNotContain("赵德明");
    }

    @Test
    void theOpenCasesLayerHoldsTheOpenCasesInScopeOnly() throws Exception {
        long visit = town.visit(town.household(town.gridA, 6), town.leaderA);
        long open = town.expect(201, "POST", "/api/cases", body(visit, "opinion", ""), town.leaderA).get("id").asLong();
        long done = town.expect(201, "POST", "/api/cases", body(visit, "safety", ""), town.leaderA).get("id").asLong();
        town.expect(200, "POST", "/api/cases/" + done + "/status", "{\"status\":\"resolved\",\"version\":1}", town.leaderA);
        JsonNode layer = town.expect(200, "GET", "/api/cases/layer", null, town.leaderA);
        List<Long> ids = new ArrayList<>();
        for (JsonNode f : layer.get("features")) ids.add(f.get("id").asLong());
        assertThat(ids).contains(open).doesNotContain(done);
        // la leads a grid of the village, so stands for its station: every open case of the village is on the layer
        assertThat((long) ids.size()).isEqualTo(town.longs("SELECT count(*) FROM cases WHERE village_id = " + town.villageA
                + " AND status IN ('open', 'in_progress')")[0]);
        assertThat(town.expect(200, "GET", "/api/cases/layer", null, town.staffX).get("features").toString()).doesNotContain("\"id\":" + open);
        JsonNode empty = town.expect(200, "GET", "/api/cases/layer?bbox=0,0,1,1", null, town.leaderA);
        assertThat(empty.get("features").size()).isZero();
        town.expect(400, "GET", "/api/cases/layer?bbox=1,2,x,4", null, town.leaderA);
    }

    @Test
    void aReaderWhoNamesNoLanguageReadsChinese() throws Exception {
        long visit = town.visit(town.household(town.gridA, 7), town.leaderA);
        HttpResponse<String> r = town.send("POST", "/api/cases", body(visit, "opinion", ""), town.staffX, false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(r).get("message").asText()).isEqualTo("只有网格 " + town.codeA + " 的网格员（或管理员）可以这样做。");
    }

    @Test
    void theKindsAndStatusesTheDatabaseAcceptsAreTheJavaOnes() throws Exception {
        assertThat(checkWords("kind")).containsExactlyElementsOf(CaseWords.KINDS.ids());
        assertThat(checkWords("status")).containsExactlyElementsOf(CaseWords.STATUSES.ids());
        assertThat(town.expect(200, "GET", "/api/vocabulary", null, null).toString()).contains("caseKinds").contains("矛盾纠纷");
    }

    private static List<String> checkWords(String column) throws Exception {
        String check = town.text("SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
                + "AND a.attnum = ANY (c.conkey) WHERE c.conrelid = 'cases'::regclass AND c.contype = 'c' AND a.attname = '" + column
                + "' AND array_length(c.conkey, 1) = 1");
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([a-z_]+)'::text").matcher(check);
        while (m.find()) words.add(m.group(1));
        return words;
    }
}
