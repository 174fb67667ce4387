package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;

/**
 * The demo town served over real HTTP on a clock the test moves, with staff accounts linked to the staff of
 * one grid (volunteer at the point, coordinator, grid leader), a station cadre, a department clerk, the grid
 * leader of another grid, and an admin.
 */
final class ErrandTown implements AutoCloseable {
    /** A clock the test sets and moves; deadlines are counted on it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;
        MovableClock(Instant start) { this.now = start; }
        void set(Instant t) { now = t; }
        void advance(Duration d) { now = now.plus(d); }
        @Override public Instant instant() { return now; }
        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-02T01:00:00Z"));
    final TestServer server;
    final long gridId, otherGridId, volunteerStaff, coordinatorStaff, leaderStaff, otherLeaderStaff;
    final String gridCode, pointCode;
    final String admin, volunteer, coordinator, leader, station, department, otherLeader;
    final long volunteerId, coordinatorId, leaderId, stationId, departmentId, otherLeaderId;

    ErrandTown() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase(), clock);
        long[] g = longs("SELECT g.id, (SELECT min(g2.id) FROM grids g2 WHERE g2.id <> g.id) FROM grids g "
                + "WHERE EXISTS (SELECT 1 FROM facilities f WHERE f.grid_id = g.id AND f.level = 'point') "
                + "AND (SELECT count(*) FROM staff s WHERE s.grid_id = g.id AND s.role IN ('grid_leader','coordinator','volunteer')) = 3 "
                + "ORDER BY g.id LIMIT 1");
        gridId = g[0];
        otherGridId = g[1];
        gridCode = text("SELECT code FROM grids WHERE id = " + gridId);
        pointCode = text("SELECT min(code) FROM facilities WHERE level = 'point' AND grid_id = " + gridId);
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ad", Role.ADMIN, "admin-password-1".toCharArray());
        for (String u : new String[] {"vo", "co", "gl", "st", "dp", "ot"}) users.create(u, Role.STAFF, (u + "-password-1").toCharArray());
        volunteerStaff = link("vo", "volunteer", gridId);
        coordinatorStaff = link("co", "coordinator", gridId);
        leaderStaff = link("gl", "grid_leader", gridId);
        otherLeaderStaff = link("ot", "grid_leader", otherGridId);
        admin = login("ad", "admin-password-1");
        volunteer = login("vo", "vo-password-1");
        coordinator = login("co", "co-password-1");
        leader = login("gl", "gl-password-1");
        station = login("st", "st-password-1");
        department = login("dp", "dp-password-1");
        otherLeader = login("ot", "ot-password-1");
        volunteerId = userId("vo");
        coordinatorId = userId("co");
        leaderId = userId("gl");
        stationId = userId("st");
        departmentId = userId("dp");
        otherLeaderId = userId("ot");
    }

    private long link(String username, String role, long grid) throws Exception {
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = '" + username + "') "
                + "WHERE grid_id = " + grid + " AND role = '" + role + "'");
        return longs("SELECT id FROM staff WHERE grid_id = " + grid + " AND role = '" + role + "'")[0];
    }

    private long userId(String username) throws Exception {
        return longs("SELECT id FROM users WHERE username = '" + username + "'")[0];
    }

    String login(String user, String password) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    /** Asks in English, so tests may read the English texts; {@link #sendUnspecified} sends no language. */
    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return token == null ? server.send(method, path, body, "Accept-Language", "en")
                : server.send(method, path, body, "Authorization", "Bearer " + token, "Accept-Language", "en");
    }

    HttpResponse<String> sendUnspecified(String method, String path, String body, String token) throws Exception {
        return token == null ? server.send(method, path, body) : server.send(method, path, body, "Authorization", "Bearer " + token);
    }

    JsonNode expect(int status, String method, String path, String body, String token) throws Exception {
        HttpResponse<String> r = send(method, path, body, token);
        assertThat(r.statusCode()).as(method + " " + path + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : TestServer.json(r);
    }

    /** Files an errand at the grid's service point, as the volunteer there. */
    JsonNode file(String item, boolean urgent, String phone) throws Exception {
        String body = "{\"item\":\"" + item + "\",\"channel\":\"point\",\"point\":\"" + pointCode + "\","
                + "\"resident\":{\"name\":\"测试居民\",\"phone\":\"" + phone + "\"},\"note\":\"腿脚不便\""
                + (urgent ? ",\"urgent\":true,\"urgent_reason\":\"病重，需加急\"" : "") + "}";
        return expect(201, "POST", "/api/errands", body, volunteer);
    }

    JsonNode handOff(String number, String stage, String receiver, int status, String token) throws Exception {
        return expect(status, "POST", "/api/errands/" + number + "/handoffs",
                "{\"to_stage\":\"" + stage + "\"," + receiver + "}", token);
    }

    JsonNode confirm(String number, long handoff, int status, String token) throws Exception {
        return expect(status, "POST", "/api/errands/" + number + "/handoffs/" + handoff + "/confirm", null, token);
    }

    long[] longs(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getLong(i + 1);
            return out;
        }
    }

    String text(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() { server.close(); }
}
