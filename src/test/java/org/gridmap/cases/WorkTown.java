package org.gridmap.cases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.ServerCalls;
import org.gridmap.testing.TestClock;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;

/**
 * The demo town with accounts for grid work: {@code la} leads grid A, {@code lb} leads grid B of the same village
 * (so stands for its station), {@code vx} serves a grid of another village, {@code ad} is an admin. The clock is
 * the test's.
 */
public final class WorkTown extends ServerCalls implements AutoCloseable {
    public final TestClock clock;
    public final long gridA, gridB, gridX, villageA;
    public final String codeA, codeB, villageCodeA, admin, leaderA, leaderB, staffX, leaderNameA;

    public WorkTown(Instant start) throws Exception { this(new TestClock(start)); }

    private WorkTown(TestClock clock) throws Exception {
        super(new TestServer(TestPostgis.newDemoDatabase(), clock));
        this.clock = clock;
        String busy = "(SELECT count(*) FROM households h WHERE h.grid_id = g.id) >= 5 AND EXISTS (SELECT 1 FROM staff s "
                + "WHERE s.grid_id = g.id AND s.role = 'grid_leader')";
        long[] ab = longs("SELECT g.id, (SELECT min(b.id) FROM grids b WHERE b.village_id = g.village_id AND b.id <> g.id AND "
                + busy.replace("g.id", "b.id") + ") AS b FROM grids g WHERE " + busy + " AND (SELECT count(*) FROM grids b WHERE "
                + "b.village_id = g.village_id AND " + busy.replace("g.id", "b.id") + ") >= 2 ORDER BY g.id LIMIT 1");
        gridA = ab[0];
        gridB = ab[1];
        villageA = longs("SELECT village_id FROM grids WHERE id = " + gridA)[0];
        gridX = longs("SELECT min(g.id) FROM grids g WHERE g.village_id <> " + villageA + " AND " + busy)[0];
        codeA = text("SELECT code FROM grids WHERE id = " + gridA);
        codeB = text("SELECT code FROM grids WHERE id = " + gridB);
        villageCodeA = text("SELECT code FROM villages WHERE id = " + villageA);
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ad", Role.ADMIN, "admin-password-1".toCharArray());
        for (String u : List.of("la", "lb", "vx")) users.create(u, Role.STAFF, (u + "-password-1").toCharArray());
        link("la", gridA, "grid_leader");
        link("lb", gridB, "grid_leader");
        link("vx", gridX, "grid_leader");
        leaderNameA = text("SELECT name FROM staff WHERE grid_id = " + gridA + " AND role = 'grid_leader'");
        admin = login("ad", "admin-password-1");
        leaderA = login("la", "la-password-1");
        leaderB = login("lb", "lb-password-1");
        staffX = login("vx", "vx-password-1");
    }

    private void link(String user, long grid, String role) throws Exception {
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = '" + user + "') WHERE id = (SELECT min(id) "
                + "FROM staff WHERE grid_id = " + grid + " AND role = '" + role + "')");
    }

    @Override public void close() { server.close(); }

    /** A household of the grid: the n-th by id. */
    public long household(long grid, int n) throws Exception {
        return longs("SELECT id FROM households WHERE grid_id = " + grid + " ORDER BY id OFFSET " + n + " LIMIT 1")[0];
    }

    /** Records a visit (met) to the household by the account, at the household; answers its id. */
    public long visit(long household, String token) throws Exception {
        double[] p = new double[2];
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households WHERE id = " + household)) {
            rs.next();
            p[0] = rs.getDouble("lon");
            p[1] = rs.getDouble("lat");
        }
        return expect(201, "POST", "/api/visits", "{\"household_id\":" + household + ",\"outcome\":\"met\",\"findings\":\"见记录\","
                + "\"position\":{\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}}", token).get("id").asLong();
    }
}
