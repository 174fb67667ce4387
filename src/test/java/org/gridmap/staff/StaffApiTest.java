package org.gridmap.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.ServerCalls;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaffApiTest {
    static TestServer server;
    static String admin, staff, monitor, planner;
    static long monitorUserId;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ada", Role.ADMIN, "admin-password-1".toCharArray());
        users.create("sam", Role.STAFF, "staff-password-1".toCharArray());
        monitorUserId = users.create("mo", Role.MONITOR, "monitor-password-1".toCharArray()).id();
        users.create("pei", Role.PLANNER, "planner-password-1".toCharArray());
        admin = login("ada", "admin-password-1");
        staff = login("sam", "staff-password-1");
        monitor = login("mo", "monitor-password-1");
        planner = login("pei", "planner-password-1");
    }

    @AfterAll
    static void stop() { server.close(); }

    static String login(String user, String password) throws Exception { return new ServerCalls(server).login(user, password); }

    /** Asks in English: the tests below read the English texts. */
    static JsonNode expect(int status, String method, String path, String body, String token) throws Exception {
        return new ServerCalls(server).expect(status, method, path, body, token);
    }

    static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = token == null ? server.get(path) : server.get(path, "Authorization", "Bearer " + token);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    static List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static String one(String sql) throws Exception { return column(sql).get(0); }

    /** A grid with the five standing roles, by its offset among grids. */
    static String[] grid(int offset) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, code, ST_X(p), ST_Y(p) FROM (SELECT id, code, ST_PointOnSurface(geom) p "
                     + "FROM grids ORDER BY id LIMIT 1 OFFSET " + offset + ") g")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
        }
    }

    @Test
    void aVillagerLearnsTheGridVillageStaffAndFacilitiesOfTheirPlace() throws Exception {
        String[] g = grid(20);
        JsonNode a = get("/api/grids/at?lon=" + g[2] + "&lat=" + g[3], null);
        assertThat(a.get("grid").get("code").asText()).isEqualTo(g[1]);
        assertThat(a.get("village").get("code").asText()).isEqualTo(g[1].substring(0, 12));
        assertThat(a.get("village").get("name").asText())
                .isEqualTo(one("SELECT v.name FROM villages v JOIN grids g ON g.village_id = v.id WHERE g.id = " + g[0]));
        assertThat(a.get("town").get("code").asText()).isEqualTo("500107109000");
        JsonNode cards = a.get("staff");
        List<String> roles = cards.findValuesAsText("role");
        assertThat(roles.subList(0, 5)).containsExactly("grid_leader", "coordinator", "volunteer", "liaison", "police");
        assertThat(roles).hasSize(column("SELECT id FROM staff WHERE grid_id = " + g[0]).size());
        JsonNode leader = cards.get(0);
        assertThat(leader.get("name").asText())
                .isEqualTo(one("SELECT name FROM staff WHERE role = 'grid_leader' AND grid_id = " + g[0]));
        assertThat(leader.get("phone").asText()).matches("[0-9-]+");
        assertThat(leader.get("duties").asText()).isNotBlank();
        assertThat(leader.get("roleName").asText()).isEqualTo("网格长");
        assertThat(leader.has("userId")).as("account links are not public").isFalse();
        List<String> facilityCodes = a.get("facilities").findValuesAsText("code");
        assertThat(facilityCodes).containsExactlyInAnyOrderElementsOf(column("SELECT code FROM facilities WHERE grid_id = " + g[0]));
        assertThat(a.get("facilities").get(0).get("level").asText()).isEqualTo("grid");
        assertThat(a.get("station").get("level").asText()).isEqualTo("station");
        assertThat(a.get("station").get("code").asText()).startsWith(g[1].substring(0, 12));
        assertThat(a.get("center").get("level").asText()).isEqualTo("center");

        JsonNode outside = expect(422, "GET", "/api/grids/at?lon=106.6&lat=29.6", null, null);
        assertThat(outside.get("error").asText()).isEqualTo("outside_town");
        expect(400, "GET", "/api/grids/at?lon=abc&lat=29.3", null, null);
        expect(400, "GET", "/api/grids/at?lat=29.3", null, null);
        expect(400, "GET", "/api/grids/at?lon=29.36&lat=106.34", null, null);

        // a location inside a hazard's threat zone is warned about
        String[] hz = column("SELECT ST_X(geom) || ',' || ST_Y(geom) FROM hazards WHERE code = 'HZ50010710900002'").get(0).split(",");
        JsonNode threatened = get(String.format(Locale.ROOT, "/api/grids/at?lon=%s&lat=%s", hz[0], hz[1]), null);
        assertThat(threatened.get("hazards").findValuesAsText("code")).contains("HZ50010710900002");
        assertThat(a.get("hazards").findValuesAsText("code")).doesNotContain("HZ50010710900002");
    }

    @Test
    void staffUsersKeepTheDirectoryOthersMayNot() throws Exception {
        String[] g = grid(30);
        String body = "{\"grid\":\"" + g[1] + "\",\"role\":\"caring_mother\",\"name\":\"李红梅\",\"phone\":\"138-2000-1234\","
                + "\"duties\":\"关爱留守儿童\"}";
        expect(401, "POST", "/api/staff", body, null);
        expect(403, "POST", "/api/staff", body, monitor);
        expect(403, "POST", "/api/staff", body, planner);
        assertThat(column("SELECT id FROM staff WHERE name = '李红梅'")).isEmpty();

        JsonNode created = expect(201, "POST", "/api/staff", body, staff);
        long id = created.get("id").asLong();
        assertThat(created.get("grid").get("code").asText()).isEqualTo(g[1]);
        assertThat(created.get("role").asText()).isEqualTo("caring_mother");
        assertThat(get("/api/grids/" + g[1] + "/staff", null).get("staff").findValuesAsText("name")).contains("李红梅");
        assertThat(get("/api/grids/" + g[0] + "/staff", null).get("staff").findValuesAsText("name")).contains("李红梅");

        // special roles may repeat
        expect(201, "POST", "/api/staff", body.replace("李红梅", "王芳"), admin);

        JsonNode changed = expect(200, "PATCH", "/api/staff/" + id, "{\"phone\":\"023-6512 3456\",\"duties\":null}", staff);
        assertThat(changed.get("phone").asText()).isEqualTo("023-6512 3456");
        assertThat(changed.get("duties").isNull()).isTrue();
        assertThat(changed.get("name").asText()).isEqualTo("李红梅");
        assertThat(one("SELECT phone FROM staff WHERE id = " + id)).isEqualTo("023-6512 3456");
        expect(403, "PATCH", "/api/staff/" + id, "{\"name\":\"x\"}", monitor);
        expect(401, "DELETE", "/api/staff/" + id, null, null);
        expect(403, "DELETE", "/api/staff/" + id, null, planner);
        expect(204, "DELETE", "/api/staff/" + id, null, staff);
        assertThat(column("SELECT id FROM staff WHERE id = " + id)).isEmpty();
        expect(404, "DELETE", "/api/staff/" + id, null, staff);
        expect(404, "GET", "/api/grids/999999999999999/staff", null, null);
    }

    @Test
    void aGridHasOnePersonPerStandingRole() throws Exception {
        String[] g = grid(40);
        String leader = one("SELECT name FROM staff WHERE role = 'grid_leader' AND grid_id = " + g[0]);
        int before = column("SELECT id FROM staff WHERE grid_id = " + g[0]).size();
        JsonNode conflict = expect(409, "POST", "/api/staff", "{\"grid\":" + g[0] + ",\"role\":\"grid_leader\",\"name\":\"张三\"}", staff);
        assertThat(conflict.get("error").asText()).isEqualTo("role_taken");
        assertThat(conflict.get("message").asText()).contains(g[1]).contains(leader).contains("grid leader");
        assertThat(column("SELECT id FROM staff WHERE grid_id = " + g[0])).hasSize(before);

        // turning the coordinator into a second leader is refused the same way, and changes nothing
        String coordinator = one("SELECT id FROM staff WHERE role = 'coordinator' AND grid_id = " + g[0]);
        expect(409, "PATCH", "/api/staff/" + coordinator, "{\"role\":\"grid_leader\"}", staff);
        assertThat(one("SELECT role FROM staff WHERE id = " + coordinator)).isEqualTo("coordinator");

        // after the leader leaves, a new one may start
        String leaderId = one("SELECT id FROM staff WHERE role = 'grid_leader' AND grid_id = " + g[0]);
        expect(204, "DELETE", "/api/staff/" + leaderId, null, staff);
        JsonNode replaced = expect(201, "POST", "/api/staff", "{\"grid\":" + g[0] + ",\"role\":\"grid_leader\",\"name\":\"张三\"}", staff);
        assertThat(replaced.get("standing").asBoolean()).isTrue();
    }

    @Test
    void aReaderWithoutALanguageIsAnsweredInChinese() throws Exception {
        String[] g = grid(45);
        HttpResponse<String> r = server.send("POST", "/api/staff", "{\"grid\":" + g[0] + ",\"role\":\"grid_leader\",\"name\":\"张三\"}",
                "Authorization", "Bearer " + staff);
        assertThat(r.statusCode()).isEqualTo(409);
        JsonNode taken = TestServer.json(r);
        assertThat(taken.get("error").asText()).isEqualTo("role_taken");
        assertThat(taken.get("message").asText()).contains("网格 " + g[1] + " 已有网格长").doesNotContain("grid leader");

        r = server.send("POST", "/api/staff", "{\"grid\":\"" + g[1] + "\",\"role\":\"mayor\",\"name\":\"x\",\"phone\":\"12-34\"}",
                "Authorization", "Bearer " + staff);
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode invalid = TestServer.json(r);
        assertThat(invalid.get("error").asText()).isEqualTo("invalid_staff");
        assertThat(invalid.get("message").asText()).startsWith("人员条目未保存：")
                .contains("岗位“mayor”不是").contains("电话“12-34”有 4 位数字").doesNotContain("is not one of");
        // the field for programs stays as it was
        assertThat(invalid.get("problems").get(0).asText()).contains("is not one of");
    }

    @Test
    void theDatabaseKnowsTheSameRolesAsTheCode() throws Exception {
        // The check on staff.role and the unique index's predicate are the database's copies of StaffRoles.
        String check = one("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'staff'::regclass "
                + "AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%role%'");
        String index = one("SELECT indexdef FROM pg_indexes WHERE tablename = 'staff' AND indexname = 'one_person_per_core_role'");
        assertThat(quoted(check)).containsExactlyInAnyOrderElementsOf(StaffRoles.ALL);
        assertThat(quoted(index.substring(index.indexOf("WHERE")))).containsExactlyInAnyOrderElementsOf(StaffRoles.STANDING);
    }

    private static List<String> quoted(String sql) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'").matcher(sql);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void badEntriesAreRefusedWithReasons() throws Exception {
        String[] g = grid(50);
        int before = column("SELECT id FROM staff").size();
        record Case(String body, String says) { }
        for (Case c : List.of(
                new Case("{\"grid\":\"" + g[1] + "\",\"role\":\"mayor\",\"name\":\"x\"}", "hazard_monitor"),
                new Case("{\"grid\":\"" + g[1] + "\",\"role\":\"volunteer\",\"name\":\"x\",\"phone\":\"call me\"}", "not a phone number"),
                new Case("{\"grid\":\"" + g[1] + "\",\"role\":\"resident_rep\",\"name\":\"x\",\"phone\":\"12-34\"}", "7 to 15"),
                new Case("{\"grid\":\"500107109999999\",\"role\":\"resident_rep\",\"name\":\"x\"}", "does not exist"),
                new Case("{\"role\":\"resident_rep\",\"name\":\"x\"}", "grid"),
                new Case("{\"grid\":\"" + g[1] + "\",\"role\":\"resident_rep\",\"name\":\"  \"}", "name"),
                new Case("{\"grid\":\"" + g[1] + "\",\"role\":\"resident_rep\",\"name\":\"x\",\"nickname\":\"y\"}", "nickname"))) {
            JsonNode error = expect(422, "POST", "/api/staff", c.body(), staff);
            assertThat(error.get("error").asText()).isEqualTo("invalid_staff");
            assertThat(error.get("message").asText()).as(c.body()).contains(c.says());
        }
        expect(400, "POST", "/api/staff", "[1,2]", staff);
        assertThat(column("SELECT id FROM staff")).hasSize(before);
    }

    @Test
    void onlyAnAdminLinksAStaffEntryToAnAccount() throws Exception {
        String[] g = grid(60);
        String id = one("SELECT id FROM staff WHERE role = 'volunteer' AND grid_id = " + g[0]);
        JsonNode refused = expect(403, "PATCH", "/api/staff/" + id, "{\"user_id\":" + monitorUserId + "}", staff);
        assertThat(refused.get("message").asText()).contains("admin");
        assertThat(column("SELECT user_id FROM staff WHERE id = " + id).get(0)).isNull();
        expect(422, "PATCH", "/api/staff/" + id, "{\"user_id\":987654}", admin);
        JsonNode linked = expect(200, "PATCH", "/api/staff/" + id, "{\"username\":\"mo\"}", admin);
        assertThat(linked.get("userId").asLong()).isEqualTo(monitorUserId);
        assertThat(one("SELECT user_id FROM staff WHERE id = " + id)).isEqualTo(Long.toString(monitorUserId));
        // staff may still edit the card, sending the link back unchanged, but not unlink it
        expect(200, "PATCH", "/api/staff/" + id, "{\"duties\":\"巡查\",\"user_id\":" + monitorUserId + "}", staff);
        assertThat(one("SELECT duties FROM staff WHERE id = " + id)).isEqualTo("巡查");
        expect(403, "PATCH", "/api/staff/" + id, "{\"user_id\":null}", staff);
        assertThat(one("SELECT user_id FROM staff WHERE id = " + id)).isEqualTo(Long.toString(monitorUserId));
        // the link shows to logged-in users only
        JsonNode publicCards = get("/api/grids/" + g[1] + "/staff", null);
        assertThat(publicCards.toString()).doesNotContain("userId");
        JsonNode staffCards = get("/api/grids/" + g[1] + "/staff", staff);
        assertThat(staffCards.get("staff").findValuesAsText("username")).contains("mo");
        expect(200, "PATCH", "/api/staff/" + id, "{\"user_id\":null}", admin);
        assertThat(column("SELECT user_id FROM staff WHERE id = " + id).get(0)).isNull();
    }

    @Test
    void aLinkedEntryIsMovedOrRemovedOnlyByAnAdmin() throws Exception {
        String[] from = grid(70), to = grid(71);
        long id = expect(201, "POST", "/api/staff", "{\"grid\":\"" + from[1] + "\",\"role\":\"hazard_monitor\","
                + "\"name\":\"链接监测员\",\"user_id\":" + monitorUserId + "}", admin).get("id").asLong();
        JsonNode moving = expect(403, "PATCH", "/api/staff/" + id, "{\"grid\":\"" + to[1] + "\"}", staff);
        assertThat(moving.get("message").asText()).contains("admin");
        expect(403, "DELETE", "/api/staff/" + id, null, staff);
        assertThat(one("SELECT grid_id FROM staff WHERE id = " + id)).isEqualTo(from[0]);
        // the card itself stays the staff's to keep, and so does the grid it names when unchanged
        expect(200, "PATCH", "/api/staff/" + id, "{\"grid\":\"" + from[1] + "\",\"phone\":\"138-0000-1234\"}", staff);
        // an admin moves and removes it
        expect(200, "PATCH", "/api/staff/" + id, "{\"grid\":\"" + to[1] + "\"}", admin);
        assertThat(one("SELECT grid_id FROM staff WHERE id = " + id)).isEqualTo(to[0]);
        expect(204, "DELETE", "/api/staff/" + id, null, admin);
        assertThat(column("SELECT id FROM staff WHERE id = " + id)).isEmpty();
        // an entry with no account link is the staff's to move and remove
        long plain = expect(201, "POST", "/api/staff", "{\"grid\":\"" + from[1] + "\",\"role\":\"resident_rep\","
                + "\"name\":\"居民代表乙\"}", staff).get("id").asLong();
        expect(200, "PATCH", "/api/staff/" + plain, "{\"grid\":\"" + to[1] + "\"}", staff);
        expect(204, "DELETE", "/api/staff/" + plain, null, staff);
    }
}
