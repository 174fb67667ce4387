package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff positions and supervision up the chain: point → grid leader → the village station's head → the head of the
 * item's window at the center. Each test starts without positions and makes its own accounts, so none depends on another.
 */
class ErrandPositionsTest {
    static ErrandTown town;
    static String village, otherVillage, townCode;
    static int accounts;

    @BeforeAll
    static void start() throws Exception {
        town = new ErrandTown();
        village = town.text("SELECT v.code FROM villages v JOIN grids g ON g.village_id = v.id WHERE g.id = " + town.gridId);
        otherVillage = town.text("SELECT min(code) FROM villages WHERE code <> '" + village + "'");
        townCode = town.text("SELECT t.code FROM towns t JOIN villages v ON v.town_id = t.id WHERE v.code = '" + village + "'");
    }

    @AfterAll
    static void stop() { town.close(); }

    /** Each test starts with no positions, whatever ran before it. */
    @BeforeEach
    void noPositions() throws Exception { town.exec("DELETE FROM errand_positions"); }

    /** A fresh staff account: its name and token. */
    static String[] account(String prefix) throws Exception {
        String name = prefix + (++accounts);
        new UserStore(town.server.database().dataSource(), new PasswordHasher(4))
                .create(name, Role.STAFF, (name + "-password-1").toCharArray());
        return new String[] {name, town.login(name, name + "-password-1")};
    }

    static JsonNode assign(int status, String body) throws Exception {
        return town.expect(status, "POST", "/api/errands/positions", body, town.admin);
    }

    static long station(String user, String villageCode, boolean head) throws Exception {
        return assign(201, "{\"kind\":\"station\",\"user\":\"" + user + "\",\"village\":\"" + villageCode + "\",\"head\":" + head
                + ",\"title\":\"站长\",\"name\":\"测试站长\",\"phone\":\"100-0000-3001\"}").get("id").asLong();
    }

    static long window(String user, String windowCode, boolean head) throws Exception {
        return assign(201, "{\"kind\":\"window\",\"user\":\"" + user + "\",\"town\":\"" + townCode + "\",\"window\":\""
                + windowCode + "\",\"head\":" + head + ",\"name\":\"窗口负责人\",\"phone\":\"100-0000-3002\"}").get("id").asLong();
    }

    static List<String> mine(String token) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode e : town.expect(200, "GET", "/api/errands/mine", null, token).get("errands")) out.add(e.get("number").asText());
        return out;
    }

    static long reads(String number, String user) throws Exception {
        return town.longs("SELECT count(*) FROM personal_data_reads r JOIN errands e ON e.id = r.errand_id JOIN users u "
                + "ON u.id = r.user_id WHERE e.number = '" + number + "' AND u.username = '" + user + "'")[0];
    }

    @Test
    void headsUpTheChainSeeSuperviseAndConfirmAndOthersDoNot() throws Exception {
        String[] head = account("sh"), clerk = account("sc"), farHead = account("fh"), windowHead = account("wh"),
                otherWindow = account("ow");
        station(head[0], village, true);
        long clerkPosition = station(clerk[0], village, false);
        long farStation = station(farHead[0], otherVillage, true);
        // pension_claim is handled at the social insurance window
        long windowPosition = window(windowHead[0], "social_insurance", true);
        window(otherWindow[0], "social_assistance", true);

        String n = town.file("pension_claim", false, "100-0000-3100").get("number").asText();
        // supervisors up the chain see it among theirs and may read the resident (each read logged); others may not
        assertThat(mine(head[1])).contains(n);
        assertThat(mine(windowHead[1])).contains(n);
        for (String[] outsider : new String[][] {clerk, farHead, otherWindow}) {
            assertThat(mine(outsider[1])).doesNotContain(n);
            town.expect(403, "GET", "/api/errands/" + n, null, outsider[1]);
            assertThat(reads(n, outsider[0])).isZero();
        }
        assertThat(town.expect(200, "GET", "/api/errands/" + n, null, head[1]).get("resident").get("phone").asText())
                .isEqualTo("100-0000-3100");
        assertThat(town.send("GET", "/api/errands/" + n + "/form", null, windowHead[1]).statusCode()).isEqualTo(200);
        assertThat(reads(n, head[0])).isEqualTo(1);
        assertThat(reads(n, windowHead[0])).isEqualTo(1);

        // the station's head confirms for the grid leader below them; the far village's head may not
        long h1 = town.handOff(n, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer).get("id").asLong();
        town.confirm(n, h1, 403, farHead[1]);
        town.confirm(n, h1, 403, clerk[1]);
        assertThat(town.confirm(n, h1, 200, head[1]).get("confirmedBy").asText()).isEqualTo(
                Long.toString(town.longs("SELECT id FROM users WHERE username = '" + head[0] + "'")[0]));

        // a hand-off names the station's position; a position elsewhere is refused with the reason
        assertThat(town.handOff(n, "station", "\"to_position\":" + farStation, 422, town.leader).get("message").asText())
                .contains("not where errand");
        assertThat(town.handOff(n, "station", "\"to_position\":" + windowPosition, 422, town.leader).get("error").asText())
                .isEqualTo("invalid_handoff");
        JsonNode h2 = town.handOff(n, "station", "\"to_position\":" + clerkPosition, 201, town.leader);
        assertThat(h2.get("toUserId").asLong()).isEqualTo(town.longs("SELECT id FROM users WHERE username = '" + clerk[0] + "'")[0]);
        // the window's head is above the station: they may confirm for the clerk; the other window's head is not
        town.confirm(n, h2.get("id").asLong(), 403, otherWindow[1]);
        town.confirm(n, h2.get("id").asLong(), 200, windowHead[1]);

        // the station's head acts for the errand their clerk holds: hands it to the item's window
        JsonNode h3 = town.handOff(n, "department", "\"to_position\":" + windowPosition, 201, head[1]);
        town.confirm(n, h3.get("id").asLong(), 403, head[1]);   // the station is below the window
        town.confirm(n, h3.get("id").asLong(), 200, windowHead[1]);
        assertThat(town.expect(200, "POST", "/api/errands/" + n + "/stage", "{\"stage\":\"result_ready\"}", windowHead[1])
                .get("stage").asText()).isEqualTo("result_ready");
        // and the clerk, who held it, still sees it and may read it
        assertThat(mine(clerk[1])).contains(n);
        town.expect(200, "GET", "/api/errands/" + n, null, clerk[1]);
    }

    @Test
    void adminsAssignAndRemovePositionsAndAPlaceHasOneHead() throws Exception {
        String[] first = account("ha"), second = account("hb");
        String body = "{\"kind\":\"station\",\"user\":\"%s\",\"village\":\"" + village + "\",\"head\":true,"
                + "\"name\":\"某站长\",\"phone\":\"100-0000-3200\"}";
        // staff may read positions but not assign them; anonymous readers neither
        town.expect(403, "POST", "/api/errands/positions", String.format(body, first[0]), town.leader);
        town.expect(401, "GET", "/api/errands/positions", null, null);
        JsonNode created = assign(201, String.format(body, first[0]));
        assertThat(created.get("kind").asText()).isEqualTo("station");
        assertThat(created.get("village").asText()).isEqualTo(village);
        assertThat(created.get("card").get("phone").asText()).isEqualTo("100-0000-3200");
        JsonNode taken = assign(409, String.format(body, second[0]));
        assertThat(taken.get("error").asText()).isEqualTo("position_taken");
        assertThat(taken.get("position").asLong()).isEqualTo(created.get("id").asLong());
        // the same refusal in the reader's language when none is named: Chinese first
        HttpResponse<String> zh = town.sendUnspecified("POST", "/api/errands/positions", String.format(body, second[0]), town.admin);
        assertThat(zh.statusCode()).isEqualTo(409);
        assertThat(TestServer.json(zh).get("message").asText()).startsWith("该处已有负责人：某站长");

        JsonNode list = town.expect(200, "GET", "/api/errands/positions?kind=station&village=" + village, null, town.leader);
        assertThat(list.get("positions").toString()).contains(first[0]).doesNotContain(second[0]);

        String n = town.file("residence_certificate", false, "100-0000-3201").get("number").asText();
        town.expect(200, "GET", "/api/errands/" + n, null, first[1]);
        town.expect(204, "DELETE", "/api/errands/positions/" + created.get("id").asLong(), null, town.admin);
        town.expect(404, "DELETE", "/api/errands/positions/" + created.get("id").asLong(), null, town.admin);
        // removed: no longer above the errand, and the place takes a new head
        town.expect(403, "GET", "/api/errands/" + n, null, first[1]);
        assertThat(mine(first[1])).doesNotContain(n);
        assign(201, String.format(body, second[0]));
    }

    @Test
    void badPositionsAreRefusedWithTheirReasons() throws Exception {
        String[] a = account("bp");
        long before = town.longs("SELECT count(*) FROM errand_positions")[0];
        record Case(String body, String says) { }
        for (Case c : List.of(
                new Case("{\"kind\":\"castle\",\"user\":\"" + a[0] + "\",\"name\":\"某\",\"phone\":\"100-0000-0000\"}", "kind"),
                new Case("{\"kind\":\"station\",\"user\":\"" + a[0] + "\",\"name\":\"某\",\"phone\":\"100-0000-0000\"}", "village"),
                new Case("{\"kind\":\"point\",\"user\":\"" + a[0] + "\",\"point\":\"" + town.pointCode + "\",\"head\":true,"
                        + "\"name\":\"某\",\"phone\":\"100-0000-0000\"}", "no head"),
                new Case("{\"kind\":\"station\",\"user\":\"" + a[0] + "\",\"village\":\"" + village + "\",\"grid\":\""
                        + town.gridCode + "\",\"name\":\"某\",\"phone\":\"100-0000-0000\"}", "names no grid"),
                new Case("{\"kind\":\"station\",\"user\":\"nobody-here\",\"village\":\"" + village + "\",\"name\":\"某\","
                        + "\"phone\":\"100-0000-0000\"}", "nobody-here"),
                new Case("{\"kind\":\"window\",\"user\":\"" + a[0] + "\",\"town\":\"" + townCode + "\",\"window\":\"moon\","
                        + "\"name\":\"某\",\"phone\":\"100-0000-0000\"}", "moon"),
                new Case("{\"kind\":\"station\",\"user\":\"" + a[0] + "\",\"village\":\"" + village + "\"}", "name and phone"),
                new Case("{\"kind\":\"point\",\"user\":\"" + a[0] + "\",\"point\":\"NOPE\",\"name\":\"某\",\"phone\":\"100-0000-0000\"}", "NOPE"))) {
            JsonNode e = assign(422, c.body());
            assertThat(e.get("message").asText()).as(c.body()).contains(c.says());
        }
        assertThat(town.longs("SELECT count(*) FROM errand_positions")[0]).isEqualTo(before);
        // a staff entry stands in for the account and its card: the volunteer at the grid's service point
        JsonNode point = assign(201, "{\"kind\":\"point\",\"staff\":" + town.volunteerStaff + ",\"point\":\"" + town.pointCode + "\"}");
        assertThat(point.get("user").asText()).isEqualTo("vo");
        assertThat(point.get("card").get("name").asText()).isEqualTo(
                town.text("SELECT name FROM staff WHERE id = " + town.volunteerStaff));
        assign(409, "{\"kind\":\"point\",\"staff\":" + town.volunteerStaff + ",\"point\":\"" + town.pointCode + "\"}");
    }

    @Test
    void theDemoGivesEveryStationAndEveryWindowAHeadWorkingAsADisabledDesk() throws Exception {
        PositionService positions = new PositionService(town.server.database().dataSource());
        long villages = town.longs("SELECT count(*) FROM villages")[0];
        long windows = town.longs("SELECT count(*) FROM towns t CROSS JOIN errand_windows w")[0];
        assertThat(windows).isEqualTo(10);
        assertThat(positions.createDemoHeads()).isEqualTo(villages + windows);
        assertThat(positions.createDemoHeads()).isZero();   // a second run adds nothing
        JsonNode all = town.expect(200, "GET", "/api/errands/positions", null, town.admin).get("positions");
        assertThat(all.size()).isEqualTo((int) (villages + windows));
        for (JsonNode p : all) {
            assertThat(p.get("head").asBoolean()).isTrue();
            assertThat(p.get("card").get("phone").asText()).startsWith("100-");
            assertThat(p.get("user").asText()).startsWith("desk-");
        }
        assertThat(town.longs("SELECT count(*) FROM errand_positions p JOIN users u ON u.id = p.user_id WHERE NOT u.disabled")[0])
                .isZero();
        // the station desk of the errand's village now supervises it, up the chain
        String n = town.file("residence_certificate", false, "100-0000-3300").get("number").asText();
        long desk = town.longs("SELECT id FROM users WHERE username = 'desk-" + village + "-st'")[0];
        long errand = town.longs("SELECT id FROM errands WHERE number = '" + n + "'")[0];
        try (var c = town.server.database().connection()) {
            assertThat(PositionSql.supervisionLevel(c, desk, errand)).isEqualTo(3);
        }
    }

    @Test
    void theKindsAreOneListThatTheDatabaseHolds() throws Exception {
        JsonNode v = TestServer.json(town.server.get("/api/vocabulary", "Accept-Language", "en"));
        List<String> served = new ArrayList<>();
        for (JsonNode w : v.get("lists").get("errandPositionKinds")) served.add(w.get("id").asText());
        assertThat(served).containsExactlyElementsOf(PositionKinds.KINDS.ids());
        String check = town.text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'errand_positions'::regclass "
                + "AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%kind = ANY%'");
        List<String> held = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("'([a-z_]+)'::text").matcher(check);
        while (m.find()) held.add(m.group(1));
        assertThat(held).containsExactlyElementsOf(PositionKinds.KINDS.ids());
    }
}
