package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An errand's whole life over HTTP, with deadlines counted on a clock the test moves. */
class ErrandLifecycleTest {
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    static String staff(long id) { return "\"to_staff\":" + id; }

    static String user(String name) { return "\"to_user\":\"" + name + "\""; }

    static JsonNode get(String number, String token) throws Exception {
        return town.expect(200, "GET", "/api/errands/" + number, null, token);
    }

    @Test
    void anErrandTravelsPointGridStationDepartmentAndBackWithEveryDeadlineAndLateHopShown() throws Exception {
        Instant t0 = Instant.parse("2026-11-02T01:00:00Z");
        town.clock.set(t0);
        long processing = town.longs("SELECT processing_days FROM errand_items WHERE code = 'pension_claim'")[0];
        JsonNode e = town.file("pension_claim", false, "100-0000-1234");
        String n = e.get("number").asText();
        assertThat(n).matches("E20261102[A-Z2-7]{10}");
        assertThat(e.get("stage").asText()).isEqualTo("filed");
        // 112: the point has 1 day; the result is due after 1 + 1 + 2 days and the item's processing days
        assertThat(e.get("stageDueAt").asText()).isEqualTo("2026-11-03T01:00:00Z");
        assertThat(Instant.parse(e.get("resultDueAt").asText())).isEqualTo(t0.plus(Duration.ofDays(4 + processing)));
        assertThat(e.get("overdue").asBoolean()).isFalse();

        town.clock.advance(Duration.ofHours(30));   // the point let a day pass: overdue, and it says so
        assertThat(get(n, town.volunteer).get("overdue").asBoolean()).isTrue();
        JsonNode h1 = town.handOff(n, "grid", staff(town.leaderStaff), 201, town.volunteer);
        assertThat(h1.get("late").asBoolean()).isTrue();
        assertThat(h1.get("dueAt").asText()).isEqualTo("2026-11-03T01:00:00Z");
        assertThat(h1.get("receiverDueAt").asText()).isEqualTo("2026-11-04T07:00:00Z");
        JsonNode inTransit = get(n, town.volunteer);
        assertThat(inTransit.get("inTransit").asBoolean()).isTrue();
        assertThat(inTransit.get("transitTo").asText()).isEqualTo("grid");
        assertThat(inTransit.get("stage").asText()).isEqualTo("filed");
        assertThat(inTransit.get("stageDueAt").asText()).isEqualTo("2026-11-04T07:00:00Z");
        assertThat(inTransit.get("overdue").asBoolean()).isFalse();
        // a second hand-off while the first is unconfirmed is refused
        town.handOff(n, "grid", staff(town.coordinatorStaff), 409, town.volunteer);

        town.clock.advance(Duration.ofHours(2));
        JsonNode c1 = town.confirm(n, h1.get("id").asLong(), 200, town.leader);
        assertThat(c1.get("confirmedBy").asLong()).isEqualTo(town.leaderId);
        assertThat(c1.get("confirmedAt").asText()).isEqualTo("2026-11-03T09:00:00Z");
        JsonNode atGrid = get(n, town.leader);
        assertThat(atGrid.get("stage").asText()).isEqualTo("grid");
        assertThat(atGrid.get("holder").get("staffId").asLong()).isEqualTo(town.leaderStaff);
        assertThat(atGrid.get("stageDueAt").asText()).isEqualTo("2026-11-04T07:00:00Z");

        town.clock.set(Instant.parse("2026-11-04T05:00:00Z"));   // on time
        JsonNode h2 = town.handOff(n, "station", user("st"), 201, town.leader);
        assertThat(h2.get("late").asBoolean()).isFalse();
        town.confirm(n, h2.get("id").asLong(), 200, town.station);
        assertThat(get(n, town.station).get("stageDueAt").asText()).isEqualTo("2026-11-06T05:00:00Z");

        town.clock.set(Instant.parse("2026-11-07T00:00:00Z"));   // the station sat on it: the level above sees it
        JsonNode mine = town.expect(200, "GET", "/api/errands/mine", null, town.leader);
        JsonNode listed = null;
        for (JsonNode x : mine.get("errands")) if (x.get("number").asText().equals(n)) listed = x;
        assertThat(listed).isNotNull();
        assertThat(listed.get("overdue").asBoolean()).isTrue();
        assertThat(listed.has("resident")).isFalse();
        JsonNode h3 = town.handOff(n, "department", user("dp"), 201, town.station);
        assertThat(h3.get("late").asBoolean()).isTrue();
        town.confirm(n, h3.get("id").asLong(), 200, town.department);
        assertThat(Instant.parse(get(n, town.department).get("stageDueAt").asText()))
                .isEqualTo(Instant.parse("2026-11-07T00:00:00Z").plus(Duration.ofDays(processing)));

        for (String stage : new String[] {"result_ready", "returned"}) {
            assertThat(town.expect(200, "POST", "/api/errands/" + n + "/stage", "{\"stage\":\"" + stage + "\"}", town.department)
                    .get("stage").asText()).isEqualTo(stage);
        }
        town.expect(422, "POST", "/api/errands/" + n + "/stage", "{\"stage\":\"closed\"}", town.department);
        JsonNode closed = town.expect(200, "POST", "/api/errands/" + n + "/stage",
                "{\"stage\":\"closed\",\"rating\":5,\"comment\":\"办得快\"}", town.department);
        assertThat(closed.get("stage").asText()).isEqualTo("closed");
        assertThat(closed.get("rating").asInt()).isEqualTo(5);
        assertThat(closed.get("handoffs").size()).isEqualTo(3);
        assertThat(closed.has("resident")).isFalse();   // moving it on is not reading the resident's data
        // closed is final, whoever asks
        JsonNode refused = town.expect(422, "POST", "/api/errands/" + n + "/stage", "{\"stage\":\"returned\"}", town.admin);
        assertThat(refused.get("message").asText()).contains("closed");

        JsonNode chain = town.expect(200, "GET", "/api/errands/" + n + "/history/verify", null, town.leader);
        assertThat(chain.get("intact").asBoolean()).isTrue();
        assertThat(chain.get("entries").asInt()).isEqualTo(1 + 3 + 3 + 3);
        assertThat(town.longs("SELECT count(*) FROM errand_handoffs h JOIN errands e ON e.id = h.errand_id "
                + "WHERE e.number = '" + n + "' AND h.sent_at > h.due_at")[0]).isEqualTo(2);
    }

    @Test
    void onlyUrgentErrandsSkipLevelsAndOnlyWithAReason() throws Exception {
        String plain = town.file("residence_certificate", false, "100-0000-2222").get("number").asText();
        JsonNode skip = town.handOff(plain, "station", user("st"), 422, town.volunteer);
        assertThat(skip.get("message").asText()).contains("skip");
        assertThat(town.longs("SELECT count(*) FROM errand_handoffs h JOIN errands e ON e.id = h.errand_id "
                + "WHERE e.number = '" + plain + "'")[0]).isZero();
        // the database refuses a skip even when the program is bypassed
        assertThatThrownBy(() -> town.exec("UPDATE errands SET stage = 'station' WHERE number = '" + plain + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("only urgent errands skip");
        assertThatThrownBy(() -> town.exec("UPDATE errands SET stage = 'closed', rating = 3, closed_at = now() "
                + "WHERE number = '" + plain + "'")).isInstanceOf(SQLException.class);

        String urgent = town.file("medical_assistance", true, "100-0000-3333").get("number").asText();
        town.handOff(urgent, "department", user("dp"), 422, town.volunteer);
        JsonNode h = town.expect(201, "POST", "/api/errands/" + urgent + "/handoffs",
                "{\"to_stage\":\"department\",\"to_user\":\"dp\",\"skip_reason\":\"住院押金，等不了逐级\"}", town.volunteer);
        assertThat(h.get("skipReason").asText()).contains("住院");
        town.confirm(urgent, h.get("id").asLong(), 200, town.department);
        assertThat(get(urgent, town.department).get("stage").asText()).isEqualTo("department");
        // an urgent errand still says why
        town.expect(422, "POST", "/api/errands", "{\"item\":\"id_card\",\"point\":\"" + town.pointCode
                + "\",\"urgent\":true,\"resident\":{\"name\":\"某\",\"phone\":\"100-0000-4444\"}}", town.volunteer);
    }

    @Test
    void onlyTheNamedReceiverOrTheirSupervisorConfirms() throws Exception {
        String n = town.file("farmland_subsidy", false, "100-0000-5555").get("number").asText();
        // the grid level is the errand's own grid: not pushed sideways to another grid's leader
        assertThat(town.handOff(n, "grid", staff(town.otherLeaderStaff), 422, town.volunteer).get("message").asText())
                .contains("another grid");
        long h = town.handOff(n, "grid", staff(town.coordinatorStaff), 201, town.volunteer).get("id").asLong();
        for (String wrong : new String[] {town.volunteer, town.station, town.otherLeader}) {
            assertThat(town.confirm(n, h, 403, wrong).get("error").asText()).isEqualTo("forbidden");
        }
        town.confirm(n, h, 401, null);
        // the coordinator's grid leader supervises the coordinator
        assertThat(town.confirm(n, h, 200, town.leader).get("confirmedBy").asLong()).isEqualTo(town.leaderId);
        // a staff account from another grid may not hand it on either
        town.handOff(n, "station", user("st"), 403, town.otherLeader);
        town.handOff(n, "station", user("nobody"), 422, town.coordinator);
    }

    @Test
    void twoRacingConfirmationsGiveOneSuccessAndOneConflict() throws Exception {
        for (int round = 0; round < 5; round++) {
            String n = town.file("library_card", false, "100-0000-6666").get("number").asText();
            long h = town.handOff(n, "grid", staff(town.coordinatorStaff), 201, town.volunteer).get("id").asLong();
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> { barrier.await(); return town.send("POST", "/api/errands/" + n + "/handoffs/" + h + "/confirm", null, town.coordinator); });
                var b = pool.submit(() -> { barrier.await(); return town.send("POST", "/api/errands/" + n + "/handoffs/" + h + "/confirm", null, town.leader); });
                int[] statuses = {a.get().statusCode(), b.get().statusCode()};
                java.util.Arrays.sort(statuses);
                assertThat(statuses).as(a.get().body() + " / " + b.get().body()).containsExactly(200, 409);
            } finally {
                pool.shutdown();
            }
            assertThat(town.longs("SELECT count(*) FROM errand_history x JOIN errands e ON e.id = x.errand_id "
                    + "WHERE e.number = '" + n + "' AND x.event = 'confirmed'")[0]).isEqualTo(1);
            assertThat(town.text("SELECT stage FROM errands WHERE number = '" + n + "'")).isEqualTo("grid");
        }
    }

    @Test
    void badInputIsRefusedWithItsReasonsAndChangesNothing() throws Exception {
        long before = town.longs("SELECT count(*) FROM errands")[0];
        String resident = ",\"resident\":{\"name\":\"某\",\"phone\":\"100-0000-1111\"}";
        String at = "\"point\":\"" + town.pointCode + "\"";
        record Case(String body, int status, String says) { }
        for (Case c : java.util.List.of(
                new Case("{\"item\":\"moon_landing\"," + at + resident + "}", 422, "moon_landing"),
                new Case("{\"item\":\"id_card\"," + at + "}", 422, "resident"),
                new Case("{\"item\":\"id_card\"," + at + ",\"resident\":{\"name\":\"某\",\"phone\":\"12\"}}", 422, "phone"),
                new Case("{\"item\":\"id_card\",\"channel\":\"online\"," + at + resident + "}", 422, "Open311"),
                new Case("{\"item\":\"id_card\",\"channel\":\"point\",\"grid\":\"" + town.gridCode + "\"" + resident + "}", 422, "names the point"),
                new Case("{\"item\":\"id_card\",\"point\":\"NOPE\"" + resident + "}", 422, "NOPE"),
                new Case("{\"item\":\"id_card\"," + at + resident + ",\"colour\":\"red\"}", 422, "colour"),
                new Case("{\"item\":", 400, "JSON"))) {
            JsonNode error = town.expect(c.status(), "POST", "/api/errands", c.body(), town.volunteer);
            assertThat(error.get("message").asText()).as(c.body()).contains(c.says());
        }
        town.expect(401, "POST", "/api/errands", "{\"item\":\"id_card\"," + at + resident + "}", null);
        assertThat(town.longs("SELECT count(*) FROM errands")[0]).isEqualTo(before);
        // 电话代办: a phone errand names only the grid
        JsonNode phone = town.expect(201, "POST", "/api/errands", "{\"item\":\"id_card\",\"channel\":\"phone\","
                + "\"grid\":\"" + town.gridCode + "\"" + resident + "}", town.leader);
        assertThat(phone.get("channel").asText()).isEqualTo("phone");
        assertThat(phone.get("facilityId").isNull()).isTrue();
        assertThat(phone.get("grid").get("id").asLong()).isEqualTo(town.gridId);
        // the catalogue is public: 10 windows, 11 departments, 30+ items
        JsonNode cat = town.expect(200, "GET", "/api/errands/catalogue", null, null);
        assertThat(cat.get("windows").size()).isEqualTo(10);
        assertThat(cat.get("departments").size()).isEqualTo(11);
        assertThat(cat.get("items").size()).isGreaterThanOrEqualTo(30);
        assertThat(cat.toString()).contains("养老保险", "低保", "残疾证", "医保", "计生证明", "优抚", "就业登记", "农机");
        JsonNode paths = town.expect(200, "GET", "/api/openapi.json", null, null).get("paths");
        assertThat(paths.has("/api/errands/lookup")).isTrue();
        assertThat(paths.get("/api/errands/{number}/handoffs/{id}/confirm").has("post")).isTrue();
    }
}
