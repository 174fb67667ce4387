package org.gridmap.errands;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.ServerCalls;
import org.gridmap.testing.TestClock;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;

/**
 * The demo town served over real HTTP on a clock the test moves, with staff accounts linked to the staff of
 * one grid (volunteer at the point, coordinator, grid leader), a station cadre, a department clerk, the grid
 * leader of another grid, and an admin.
 */
final class ErrandTown extends ServerCalls implements AutoCloseable {
    /** Deadlines are counted on it. */
    final TestClock clock;
    final long gridId, otherGridId, volunteerStaff, coordinatorStaff, leaderStaff, otherLeaderStaff;
    final String gridCode, pointCode;
    final String admin, volunteer, coordinator, leader, station, department, otherLeader;
    final long volunteerId, coordinatorId, leaderId, stationId, departmentId, otherLeaderId;

    ErrandTown() throws Exception { this(new TestClock(Instant.parse("2026-11-02T01:00:00Z"))); }

    private ErrandTown(TestClock clock) throws Exception {
        super(new TestServer(TestPostgis.newDemoDatabase(), clock));
        this.clock = clock;
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

    /** Naming no language: answered in Chinese. */
    HttpResponse<String> sendUnspecified(String method, String path, String body, String token) throws Exception {
        return send(method, path, body, token, false);
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

    @Override
    public void close() { server.close(); }
}
