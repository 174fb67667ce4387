package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admins edit the catalogue: entries are created, edited at the version the editor saw, retired, and deleted only
 * while nothing names them; the public catalogue and Open311's services follow. Each test uses its own codes.
 */
class CatalogueEditTest {
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    static String item(String code) {
        return "{\"code\":\"" + code + "\",\"name\":\"老年人优待证\",\"name_en\":\"senior citizen card\",\"window\":\"social_services\","
                + "\"department\":\"civil_affairs\",\"processing_days\":7,\"documents\":[\"身份证\",\"照片\"]}";
    }

    static List<String> services() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode s : town.expect(200, "GET", "/open311/v2/services.json", null, null)) out.add(s.get("service_code").asText());
        return out;
    }

    static List<String> publicItems() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode i : town.expect(200, "GET", "/api/errands/catalogue", null, null).get("items")) out.add(i.get("code").asText());
        return out;
    }

    @Test
    void anItemIsCreatedEditedAtItsVersionRetiredAndTheCatalogueAndOpen311Follow() throws Exception {
        town.expect(403, "POST", "/api/errands/catalogue/items", item("senior_card"), town.leader);
        town.expect(401, "POST", "/api/errands/catalogue/items", item("senior_card"), null);
        JsonNode created = town.expect(201, "POST", "/api/errands/catalogue/items", item("senior_card"), town.admin);
        assertThat(created.get("version").asLong()).isEqualTo(1);
        assertThat(created.get("documents").toString()).contains("照片");
        assertThat(town.expect(409, "POST", "/api/errands/catalogue/items", item("senior_card"), town.admin)
                .get("error").asText()).isEqualTo("already_exists");
        assertThat(publicItems()).contains("senior_card");
        assertThat(services()).contains("senior_card");

        // an errand of the new item is filed and its department time is the item's
        JsonNode e = town.file("senior_card", false, "100-0000-4100");
        assertThat(e.get("item").get("processingDays").asInt()).isEqualTo(7);

        JsonNode edited = town.expect(200, "PATCH", "/api/errands/catalogue/items/senior_card",
                "{\"version\":1,\"processing_days\":10,\"name\":\"老年人优待证办理\"}", town.admin);
        assertThat(edited.get("version").asLong()).isEqualTo(2);
        assertThat(edited.get("processingDays").asInt()).isEqualTo(10);
        assertThat(edited.get("window").asText()).isEqualTo("social_services");   // fields not sent stay
        // an edit of version 1 now is stale: 409 in the one conflict shape, and nothing changes
        JsonNode stale = town.expect(409, "PATCH", "/api/errands/catalogue/items/senior_card",
                "{\"version\":1,\"processing_days\":3}", town.admin);
        assertThat(stale.get("error").asText()).isEqualTo("version_conflict");
        JsonNode s0 = stale.get("stale").get(0);
        assertThat(s0.get("type").asText()).isEqualTo("item");
        assertThat(s0.get("code").asText()).isEqualTo("senior_card");
        assertThat(s0.get("version").asLong()).isEqualTo(2);
        assertThat(s0.get("yourVersion").asLong()).isEqualTo(1);
        assertThat(town.longs("SELECT processing_days FROM errand_items WHERE code = 'senior_card'")[0]).isEqualTo(10);

        // in use: not deleted, only retired; retired, it leaves the catalogue and Open311 and takes no new errands
        JsonNode inUse = town.expect(422, "DELETE", "/api/errands/catalogue/items/senior_card?version=2", null, town.admin);
        assertThat(inUse.get("error").asText()).isEqualTo("in_use");
        assertThat(inUse.get("message").asText()).contains("retire");
        town.expect(200, "PATCH", "/api/errands/catalogue/items/senior_card", "{\"version\":2,\"retired\":true}", town.admin);
        assertThat(publicItems()).doesNotContain("senior_card");
        assertThat(services()).doesNotContain("senior_card");
        town.expect(404, "GET", "/open311/v2/services/senior_card.json", null, null);
        assertThat(town.expect(422, "POST", "/api/errands", "{\"item\":\"senior_card\",\"point\":\"" + town.pointCode
                + "\",\"resident\":{\"name\":\"某\",\"phone\":\"100-0000-4101\"}}", town.volunteer).get("message").asText())
                .contains("retired");
        // the errand filed before keeps its item
        assertThat(town.expect(200, "GET", "/api/errands/" + e.get("number").asText(), null, town.volunteer)
                .get("item").get("code").asText()).isEqualTo("senior_card");
        // the editors' list keeps it, with its retirement
        JsonNode all = town.expect(200, "GET", "/api/errands/catalogue/items", null, town.admin).get("items");
        JsonNode mine = null;
        for (JsonNode i : all) if (i.get("code").asText().equals("senior_card")) mine = i;
        assertThat(mine).isNotNull();
        assertThat(mine.get("retiredAt").isTextual()).isTrue();
        assertThat(mine.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void anUnusedEntryIsDeletedAndWindowsAndDepartmentsAreRetiredOnlyWhenNoItemInServiceNamesThem() throws Exception {
        JsonNode w = town.expect(201, "POST", "/api/errands/catalogue/windows",
                "{\"code\":\"elder_care\",\"name\":\"养老服务\",\"name_en\":\"elderly care\"}", town.admin);
        assertThat(w.get("position").asInt()).isGreaterThan(10);
        town.expect(201, "POST", "/api/errands/catalogue/departments",
                "{\"code\":\"elder_office\",\"name\":\"养老服务办\",\"name_en\":\"elderly care office\"}", town.admin);
        town.expect(201, "POST", "/api/errands/catalogue/items", "{\"code\":\"home_care_visit\",\"name\":\"居家养老上门服务\","
                + "\"name_en\":\"home care visits\",\"window\":\"elder_care\",\"department\":\"elder_office\",\"processing_days\":5}",
                town.admin);
        assertThat(town.expect(200, "GET", "/api/errands/catalogue", null, null).toString()).contains("养老服务", "elder_office");

        // the window names an item in service: not retired, not deleted
        assertThat(town.expect(422, "PATCH", "/api/errands/catalogue/windows/elder_care", "{\"version\":1,\"retired\":true}",
                town.admin).get("error").asText()).isEqualTo("in_use");
        town.expect(422, "DELETE", "/api/errands/catalogue/departments/elder_office?version=1", null, town.admin);
        // a stale delete is a version conflict; the item nothing names goes at its version
        assertThat(town.expect(409, "DELETE", "/api/errands/catalogue/items/home_care_visit?version=7", null, town.admin)
                .get("error").asText()).isEqualTo("version_conflict");
        town.expect(204, "DELETE", "/api/errands/catalogue/items/home_care_visit?version=1", null, town.admin);
        town.expect(404, "DELETE", "/api/errands/catalogue/items/home_care_visit?version=1", null, town.admin);
        // now nothing names them
        town.expect(200, "PATCH", "/api/errands/catalogue/windows/elder_care", "{\"version\":1,\"retired\":true}", town.admin);
        assertThat(town.expect(200, "GET", "/api/errands/catalogue", null, null).toString()).doesNotContain("elder_care");
        // an item may not go to a retired window
        assertThat(town.expect(422, "POST", "/api/errands/catalogue/items", "{\"code\":\"meal_aid\",\"name\":\"助餐\","
                + "\"name_en\":\"meal aid\",\"window\":\"elder_care\",\"department\":\"elder_office\",\"processing_days\":5}",
                town.admin).get("message").asText()).contains("elder_care");
        town.expect(204, "DELETE", "/api/errands/catalogue/departments/elder_office?version=1", null, town.admin);
        // a retired item comes back only into a window in service
        town.expect(201, "POST", "/api/errands/catalogue/windows", "{\"code\":\"night_desk\",\"name\":\"夜间窗口\","
                + "\"name_en\":\"night desk\"}", town.admin);
        town.expect(201, "POST", "/api/errands/catalogue/items", "{\"code\":\"night_visit\",\"name\":\"夜间上门\","
                + "\"name_en\":\"night visit\",\"window\":\"night_desk\",\"department\":\"civil_affairs\",\"processing_days\":1}",
                town.admin);
        town.expect(200, "PATCH", "/api/errands/catalogue/items/night_visit", "{\"version\":1,\"retired\":true}", town.admin);
        town.expect(200, "PATCH", "/api/errands/catalogue/windows/night_desk", "{\"version\":1,\"retired\":true}", town.admin);
        assertThat(town.expect(422, "PATCH", "/api/errands/catalogue/items/night_visit", "{\"version\":2,\"retired\":false}",
                town.admin).get("message").asText()).contains("night_desk");
        assertThat(publicItems()).doesNotContain("night_visit");
        town.expect(404, "GET", "/api/errands/catalogue/desks", null, town.admin);
    }

    @Test
    void badEntriesAreRefusedWithTheirReasonsAndChineseIsTheDefault() throws Exception {
        long before = town.longs("SELECT count(*) FROM errand_items")[0];
        record Case(String body, String says) { }
        for (Case c : List.of(
                new Case(item("Bad Code"), "code must match"),
                new Case(item("x1").replace("\"processing_days\":7", "\"processing_days\":400"), "processing_days"),
                new Case(item("x2").replace("\"social_services\"", "\"moon\""), "moon"),
                new Case(item("x3").replace("\"documents\":[\"身份证\",\"照片\"]", "\"documents\":\"身份证\""), "documents"),
                new Case(item("x4").replace("\"code\"", "\"colour\":\"red\",\"code\""), "colour"),
                new Case("{\"code\":\"x5\"}", "name is required"))) {
            JsonNode e = town.expect(422, "POST", "/api/errands/catalogue/items", c.body(), town.admin);
            assertThat(e.get("message").asText()).as(c.body()).contains(c.says());
        }
        assertThat(town.longs("SELECT count(*) FROM errand_items")[0]).isEqualTo(before);
        town.expect(422, "PATCH", "/api/errands/catalogue/items/id_card", "{\"name\":\"无版本\"}", town.admin);
        town.expect(422, "PATCH", "/api/errands/catalogue/items/id_card", "{\"version\":1,\"code\":\"id_card2\"}", town.admin);
        HttpResponse<String> zh = town.sendUnspecified("PATCH", "/api/errands/catalogue/items/id_card", "{\"version\":99,"
                + "\"processing_days\":20}", town.admin);
        assertThat(zh.statusCode()).isEqualTo(409);
        assertThat(TestServer.json(zh).get("message").asText()).contains("办理事项");
    }

    @Test
    void twoAdminsEditingTheSameVersionAtOnceGiveOneSuccessAndOneConflict() throws Exception {
        town.expect(201, "POST", "/api/errands/catalogue/items", item("race_card"), town.admin);
        for (int round = 0; round < 4; round++) {
            long version = town.longs("SELECT version FROM errand_items WHERE code = 'race_card'")[0];
            CyclicBarrier barrier = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int days : new int[] {11, 12}) {
                    answers.add(pool.submit(() -> {
                        barrier.await();
                        return town.send("PATCH", "/api/errands/catalogue/items/race_card",
                                "{\"version\":" + version + ",\"processing_days\":" + days + "}", town.admin);
                    }));
                }
                int[] statuses = {answers.get(0).get().statusCode(), answers.get(1).get().statusCode()};
                java.util.Arrays.sort(statuses);
                assertThat(statuses).containsExactly(200, 409);
            } finally {
                pool.shutdown();
            }
            assertThat(town.longs("SELECT version FROM errand_items WHERE code = 'race_card'")[0]).isEqualTo(version + 1);
        }
    }
}
