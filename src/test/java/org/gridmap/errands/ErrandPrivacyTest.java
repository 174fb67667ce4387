package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may read a resident's data (and that every read is logged), the public lookup, and tamper evidence. */
class ErrandPrivacyTest {
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    static long reads(String number) throws Exception {
        return town.longs("SELECT count(*) FROM personal_data_reads r JOIN errands e ON e.id = r.errand_id "
                + "WHERE e.number = '" + number + "'")[0];
    }

    @Test
    void personalDataIsForThoseWhoHoldHeldOrSuperviseAndEveryReadIsLogged() throws Exception {
        String n = town.file("minimum_living_allowance", false, "100-0000-7788").get("number").asText();
        assertThat(reads(n)).isZero();
        assertThat(town.expect(401, "GET", "/api/errands/" + n, null, null).get("error").asText()).isEqualTo("unauthorized");
        assertThat(town.expect(403, "GET", "/api/errands/" + n, null, town.otherLeader).get("error").asText()).isEqualTo("forbidden");
        town.expect(403, "GET", "/api/errands/" + n, null, town.station);
        assertThat(reads(n)).isZero();

        JsonNode asFiler = town.expect(200, "GET", "/api/errands/" + n, null, town.volunteer);
        assertThat(asFiler.get("resident").get("name").asText()).isEqualTo("测试居民");
        assertThat(asFiler.get("resident").get("phone").asText()).isEqualTo("100-0000-7788");
        town.expect(200, "GET", "/api/errands/" + n, null, town.leader);   // supervises the grid
        assertThat(reads(n)).isEqualTo(2);
        assertThat(town.text("SELECT string_agg(u.username, ',' ORDER BY r.id) FROM personal_data_reads r "
                + "JOIN users u ON u.id = r.user_id JOIN errands e ON e.id = r.errand_id WHERE e.number = '" + n + "'"))
                .isEqualTo("vo,gl");

        // once handed to the station, the station reads it; the log keeps growing and is itself append-only
        long h1 = town.handOff(n, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer).get("id").asLong();
        town.confirm(n, h1, 200, town.leader);
        long h2 = town.handOff(n, "station", "\"to_user\":\"st\"", 201, town.leader).get("id").asLong();
        town.expect(200, "GET", "/api/errands/" + n, null, town.station);
        assertThat(reads(n)).isEqualTo(3);
        assertThatThrownBy(() -> town.exec("DELETE FROM personal_data_reads")).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        town.confirm(n, h2, 200, town.station);

        // the other grid's leader does not see it among "mine"; the filer does, without personal data
        assertThat(town.expect(200, "GET", "/api/errands/mine", null, town.otherLeader).toString()).doesNotContain(n);
        String mine = town.expect(200, "GET", "/api/errands/mine", null, town.volunteer).toString();
        assertThat(mine).contains(n).doesNotContain("100-0000-7788").doesNotContain("测试居民");
    }

    @Test
    void theLookupAnswersProgressAndTheHolderCardForTheRightPhoneAndTheSame404ForAnyMismatch() throws Exception {
        String n = town.file("disability_certificate", false, "100-1234-5678").get("number").asText();
        HttpResponse<String> ok = town.send("GET", "/api/errands/lookup?number=" + n + "&phone=5678", null, null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode v = org.gridmap.testing.TestServer.json(ok);
        assertThat(v.get("stage").asText()).isEqualTo("filed");
        assertThat(v.get("grid").get("code").asText()).isEqualTo(town.gridCode);
        assertThat(v.get("holder").get("staffId").asLong()).isEqualTo(town.volunteerStaff);
        assertThat(v.get("holder").get("name").asText()).isEqualTo(
                town.text("SELECT name FROM staff WHERE id = " + town.volunteerStaff));
        assertThat(v.get("stageDueAt").asText()).isNotEmpty();
        assertThat(v.has("resident")).isFalse();
        assertThat(ok.body()).doesNotContain("测试居民").doesNotContain("100-1234-5678").doesNotContain("腿脚不便");

        HttpResponse<String> wrongPhone = town.send("GET", "/api/errands/lookup?number=" + n + "&phone=5679", null, null);
        HttpResponse<String> wrongNumber = town.send("GET", "/api/errands/lookup?number=E20261102AAAAAAAAAA&phone=5678", null, null);
        assertThat(wrongPhone.statusCode()).isEqualTo(404);
        assertThat(wrongNumber.statusCode()).isEqualTo(404);
        assertThat(wrongPhone.body()).isEqualTo(wrongNumber.body());
        assertThat(town.send("GET", "/api/errands/lookup?number=" + n + "&phone=12", null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void theHistoryRefusesEditsAndAnEditBehindTheTriggersBackIsFound() throws Exception {
        String n = town.file("employment_registration", false, "100-0000-9999").get("number").asText();
        long h = town.handOff(n, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer).get("id").asLong();
        town.confirm(n, h, 200, town.leader);
        String verify = "/api/errands/" + n + "/history/verify";
        JsonNode intact = town.expect(200, "GET", verify, null, town.leader);
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("entries").asInt()).isEqualTo(3);
        String ofErrand = "errand_id = (SELECT id FROM errands WHERE number = '" + n + "')";

        assertThatThrownBy(() -> town.exec("UPDATE errand_history SET detail = '{}' WHERE " + ofErrand))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> town.exec("DELETE FROM errand_history WHERE " + ofErrand)).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThat(town.expect(200, "GET", verify, null, town.leader).get("intact").asBoolean()).isTrue();

        // a superuser switches the trigger off and rewrites entry 2: the chain names it
        town.exec("ALTER TABLE errand_history DISABLE TRIGGER errand_history_append_only");
        try {
            town.exec("UPDATE errand_history SET detail = jsonb_set(detail, '{to}', '\"department\"') WHERE seq = 2 AND "
                    + ofErrand);
        } finally {
            town.exec("ALTER TABLE errand_history ENABLE TRIGGER errand_history_append_only");
        }
        JsonNode broken = town.expect(200, "GET", verify, null, town.leader);
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("brokenSeq").asInt()).isEqualTo(2);
        assertThat(broken.get("reason").asText()).contains("content");

        // a forger who also recomputes entry 2's hash breaks the link from entry 3
        town.exec("ALTER TABLE errand_history DISABLE TRIGGER errand_history_append_only");
        try {
            town.exec("UPDATE errand_history SET hash = errand_history_digest(prev_hash, errand_id, seq, at, actor_user_id, "
                    + "event, detail) WHERE seq = 2 AND " + ofErrand);
        } finally {
            town.exec("ALTER TABLE errand_history ENABLE TRIGGER errand_history_append_only");
        }
        JsonNode relinked = town.expect(200, "GET", verify, null, town.leader);
        assertThat(relinked.get("intact").asBoolean()).isFalse();
        assertThat(relinked.get("brokenSeq").asInt()).isEqualTo(3);
        assertThat(relinked.get("reason").asText()).contains("link");
    }

    @Test
    void aReaderWhoNamesNoLanguageReadsChinese() throws Exception {
        HttpResponse<String> r = town.sendUnspecified("GET", "/api/errands/lookup?number=E20261102AAAAAAAAAA&phone=1234", null, null);
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode error = org.gridmap.testing.TestServer.json(r);
        assertThat(error.get("error").asText()).isEqualTo("not_found");
        assertThat(error.get("message").asText()).isEqualTo("没有与此编号和电话相符的办件。");
        HttpResponse<String> bad = town.sendUnspecified("POST", "/api/errands", "{\"item\":\"moon_landing\",\"point\":\""
                + town.pointCode + "\",\"resident\":{\"name\":\"某\",\"phone\":\"100-0000-1111\"}}", town.volunteer);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(org.gridmap.testing.TestServer.json(bad).get("message").asText())
                .isEqualTo("事项目录中没有“moon_landing”；可用事项见 GET /api/errands/catalogue。");
        // the same answers in English when asked
        assertThat(town.send("GET", "/api/errands/lookup?number=E20261102AAAAAAAAAA&phone=1234", null, null).body())
                .contains("No errand with this number and phone.");
    }
}
