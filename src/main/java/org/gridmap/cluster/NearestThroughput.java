package org.gridmap.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridmap.bench.HttpLoad;

/**
 * {@code bin/gridmap cluster bench}: {@code /api/nearest} requests per second through HAProxy from household
 * places, 8 and 32 keep-alive connections; bin/cluster runs it with two gridmap nodes and again with one.
 */
public final class NearestThroughput {
    private NearestThroughput() { }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        int port = Integer.parseInt(System.getenv("GRIDMAP_DRILL_HTTP").replaceAll(".*:", ""));
        List<String> paths = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(System.getenv("GRIDMAP_DB_URL"), "gridmap", System.getenv("GRIDMAP_DB_PASSWORD"));
             Statement s = c.createStatement();
             // spread over the whole database (every town of a city), not the first town's households
             ResultSet rs = s.executeQuery("SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households "
                     + "WHERE id % greatest(1, (SELECT max(id) FROM households) / 5000) = 0 ORDER BY id LIMIT 5000")) {
            while (rs.next()) {
                paths.add(String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f", rs.getDouble("lon"), rs.getDouble("lat")));
            }
        }
        HttpLoad.run("127.0.0.1", port, paths, 8, 5_000, "");   // warm-up: JIT, connections
        for (int connections : new int[] {8, 32}) {
            HttpLoad.Result r = HttpLoad.run("127.0.0.1", port, paths, connections, 20_000, "");
            System.out.printf(Locale.ROOT, "%s, %2d connections: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors%n", label, connections,
                    r.perSecond(), r.latency().p50(), r.latency().p99(), r.errors());
        }
    }
}
