package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmap.app.Config;
import org.gridmap.app.GridmapServer;
import org.gridmap.db.Database;
import org.gridmap.networks.NetworkWords;
import org.gridmap.networks.NetworksDemo;
import org.gridmap.networks.NetworksService;
import org.gridmap.networks.VolunteerFinder;
import org.gridmap.rings.NearestServiceFinder;

/**
 * "The nearest volunteers who do X" against "the nearest service point" in the same run, from the same places:
 * in-process (the engine's search and the answer built around it) and over HTTP one request at a time. A bench
 * database imported before the networks existed gets the demo set's networks first.
 */
public final class NetworkBenchmark {
    private final PrintStream out;

    public NetworkBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds) throws Exception {
        out.printf("%n== networks: %s ==%n", label);
        try (Database db = new Database(creds, 8)) {
            ensureNetworks(db);
            List<double[]> origins = new ArrayList<>();
            long volunteers;
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) AS n FROM volunteers")) {
                    rs.next();
                    volunteers = rs.getLong("n");
                }
                // places near households, spread over every town, the same in every run
                try (ResultSet rs = s.executeQuery("SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households "
                        + "ORDER BY md5(id::text) LIMIT 2000")) {
                    while (rs.next()) origins.add(new double[] {rs.getDouble("lon") + 0.0003, rs.getDouble("lat") - 0.0002});
                }
            }
            List<String> skills = NetworkWords.SKILLS.ids();
            Config config = Config.load(null, Map.of(), Map.of("port", "0", "host", "127.0.0.1"));
            GridmapServer server = new GridmapServer(config, db).start();
            try {
                // a household at the town's edge, moved a little, may lie outside it: those places are left out
                var town = server.rings().network().town;
                origins.removeIf(o -> !town.insideATown(o[0], o[1]));
                NearestServiceFinder points = new NearestServiceFinder(server.rings());
                VolunteerFinder finder = new VolunteerFinder(server.rings(), new NetworksService(db.dataSource()));
                Stats nearest = new Stats(), volunteer = new Stats();
                int found = 0;
                for (int rep = 0; rep < 3; rep++) {
                    for (int i = 0; i < origins.size(); i++) {
                        double[] o = origins.get(i);
                        long a = System.nanoTime();
                        points.find(o[0], o[1], 3);
                        long b = System.nanoTime();
                        var answer = finder.nearest(o[0], o[1], skills.get(i % skills.size()), 3);
                        long e = System.nanoTime();
                        if (rep == 2) {
                            nearest.add(b - a);
                            volunteer.add(e - b);
                            found += answer.volunteers().size();
                        }
                    }
                }
                out.printf(Locale.ROOT, "in-process, %,d places, %,d volunteers: nearest service point (k=3, its route) p50 %.3f ms; "
                        + "nearest 3 volunteers with skill X (routes) p50 %.3f ms, p99 %.3f ms (%.1f×; %d listed)%n", origins.size(),
                        volunteers, nearest.p50(), volunteer.p50(), volunteer.p99(), volunteer.p50() / nearest.p50(), found);
                List<String> nearestPaths = new ArrayList<>(), volunteerPaths = new ArrayList<>();
                for (int i = 0; i < origins.size(); i++) {
                    double[] o = origins.get(i);
                    nearestPaths.add(String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f&k=3", o[0], o[1]));
                    volunteerPaths.add(String.format(Locale.ROOT, "/api/volunteers/nearest?lon=%.7f&lat=%.7f&skill=%s&k=3",
                            o[0], o[1], skills.get(i % skills.size())));
                }
                HttpLoad.run("127.0.0.1", server.port(), nearestPaths, 1, 2_000, "");
                HttpLoad.run("127.0.0.1", server.port(), volunteerPaths, 1, 2_000, "");
                HttpLoad.Result n = HttpLoad.run("127.0.0.1", server.port(), nearestPaths, 1, 4_000, "");
                HttpLoad.Result v = HttpLoad.run("127.0.0.1", server.port(), volunteerPaths, 1, 4_000, "");
                out.printf(Locale.ROOT, "HTTP, one connection: /api/nearest?k=3 p50 %.2f ms; /api/volunteers/nearest?k=3 p50 %.2f ms, "
                        + "p99 %.2f ms (%.2f×)%s%n", n.latency().p50(), v.latency().p50(), v.latency().p99(),
                        v.latency().p50() / n.latency().p50(), n.errors() + v.errors() > 0 ? " (" + (n.errors() + v.errors()) + " errors)" : "");
            } finally {
                server.stop();
            }
        }
    }

    /** Bench databases are kept between runs; one imported without the networks gets the demo set's now. */
    private void ensureNetworks(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS n FROM volunteers")) {
                rs.next();
                if (rs.getLong("n") > 0) return;
            }
            out.println("adding the networks (once) ...");
            List<String> towns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT code FROM towns ORDER BY code")) {
                while (rs.next()) towns.add(rs.getString("code"));
            }
            c.setAutoCommit(false);
            long n = NetworksDemo.generate(c, towns, new NetworksDemo.Plan(0.25, 1.0, 4, java.time.LocalDate.parse("2027-06-30")));
            c.commit();
            c.setAutoCommit(true);
            out.printf(Locale.ROOT, "%,d rows of networks written%n", n);
            s.execute("VACUUM ANALYZE");
        }
    }
}
