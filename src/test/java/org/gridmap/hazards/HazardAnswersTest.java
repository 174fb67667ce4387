package org.gridmap.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How hazard refusals read: the one conflict shape of every capability, and texts in the reader's language. */
class HazardAnswersTest {
    static TestServer server;
    static Client api;
    static double[] spot;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        api = new Client(server);
        spot = api.row("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY id LIMIT 1 OFFSET 12) g");
    }

    @AfterAll
    static void stop() { server.close(); }

    static JsonNode create(String name, double radius) throws Exception { return api.landslide(name, radius, spot); }

    static JsonNode patch(JsonNode hazard, String fields, int expectStatus) throws Exception {
        return api.patch(hazard, fields, expectStatus);
    }

    @Test
    void aStaleVersionAnswersTheOneConflictShapeWithTheHazardAsItIsNow() throws Exception {
        JsonNode h = create("冲突形状", 35);
        long id = h.get("id").asLong();
        patch(h, "\"radius_m\":50", 200);
        JsonNode conflict = patch(h, "\"radius_m\":70", 409);
        JsonNode inspection = api.expect(409, "POST", "/api/hazards/" + id + "/inspections",
                "{\"observation\":\"坡脚渗水\",\"version\":1}", api.monitor);
        for (JsonNode answer : List.of(conflict, inspection)) {
            assertThat(fields(answer)).containsExactly("error", "message", "stale", "current");
            assertThat(answer.get("error").asText()).isEqualTo("version_conflict");
            assertThat(answer.get("stale")).hasSize(1);
            JsonNode stale = answer.get("stale").get(0);
            assertThat(fields(stale)).containsExactly("type", "id", "code", "version", "yourVersion");
            assertThat(stale.get("type").asText()).isEqualTo("hazard");
            assertThat(stale.get("id").asLong()).isEqualTo(id);
            assertThat(stale.get("code").asText()).isEqualTo(h.get("code").asText());
            assertThat(stale.get("version").asLong()).isEqualTo(2);
            assertThat(stale.get("yourVersion").asLong()).isEqualTo(1);
            assertThat(answer.get("current").get("radius_m").asDouble()).isEqualTo(50);
            assertThat(answer.get("current").get("version").asLong()).isEqualTo(2);
        }
        assertThat(api.count("SELECT count(*) FROM hazard_inspections WHERE hazard_id = " + id)).isZero();
        assertThat(api.row("SELECT radius_m FROM hazards WHERE id = " + id)).containsExactly(50);
    }

    @Test
    void refusalsReadInChineseWhenTheRequestNamesNoLanguage() throws Exception {
        JsonNode h = create("语言", 30);
        String path = "/api/hazards/" + h.get("id").asLong();
        var skipped = api.sendUnlabelled("PATCH", path, "{\"version\":1,\"status\":\"monitoring\"}", api.monitor);
        assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(422);
        JsonNode refused = TestServer.json(skipped);
        assertThat(refused.get("error").asText()).isEqualTo("invalid_transition");
        // the allowed next statuses by their Chinese names, in the lifecycle's order, and no English
        assertThat(refused.get("message").asText()).contains("已上报", "监测中", "已核实、已治理、已销号")
                .doesNotContainPattern("[A-Za-z]{3,}");
        assertThat(refused.get("allowedNextStatuses")).hasSize(3);
        var stale = api.sendUnlabelled("PATCH", path, "{\"version\":7,\"radius_m\":31}", api.monitor);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(TestServer.json(stale).get("message").asText()).contains("已被他人修改", "第 1 版", "第 7 版");
        // every problem of a form, each in Chinese; the problems field stays the English list
        var unsaved = api.sendUnlabelled("POST", "/api/hazards", "{\"type\":\"flood\",\"radius_m\":9000,"
                + "\"geometry\":" + Client.point(spot[0], spot[1]) + "}", api.monitor);
        assertThat(unsaved.statusCode()).as(unsaved.body()).isEqualTo(422);
        JsonNode form = TestServer.json(unsaved);
        assertThat(form.get("message").asText()).startsWith("隐患点未保存：")
                .contains("缺少名称", "“flood”无效", "0 到 5000 米之间，而不是 9000").doesNotContain("required", "metres");
        assertThat(form.get("problems")).hasSize(3);
        assertThat(form.get("problems").get(0).asText()).isEqualTo("name is required");
        var line = api.sendUnlabelled("POST", "/api/hazards", Client.hazard("线", "landslide", 20,
                "{\"type\":\"LineString\",\"coordinates\":[[106.5,29.5],[106.6,29.6]]}", false), api.monitor);
        assertThat(line.statusCode()).as(line.body()).isEqualTo(422);
        assertThat(TestServer.json(line).get("message").asText()).isEqualTo(
                "隐患点的位置有误：隐患点应为点（Point）或面（Polygon、MultiPolygon），而不是“LineString”。");
        var missing = server.get("/api/hazards/HZ0000");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(missing).get("message").asText()).isEqualTo("没有隐患点“HZ0000”。");
        var english = api.get("/api/hazards/HZ0000", null);
        assertThat(TestServer.json(english).get("message").asText()).isEqualTo("No hazard 'HZ0000'.");
    }

    /** Keys handed on before they are said (a problem of a form, a geometry's) escape MessagesTest's scan of says("…"). */
    @Test
    void everyHazardKeyInTheCodeIsInBothCatalogues() throws Exception {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/org/gridmap/hazards"))) {
            for (var f : files.toList()) {
                var m = java.util.regex.Pattern.compile("\"(hazards\\.[a-z_.]*[a-z_])\"").matcher(java.nio.file.Files.readString(f));
                while (m.find()) keys.add(m.group(1));
            }
        }
        assertThat(keys).contains("hazards.geometry.wrong_type", "hazards.problem.name_required", "hazards.invalid_transition");
        for (org.gridmap.http.Lang lang : org.gridmap.http.Lang.values()) {
            assertThat(org.gridmap.http.Messages.keys(lang)).as(lang.name()).containsAll(keys);
        }
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
