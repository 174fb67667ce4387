package org.gridmap.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.app.Config;
import org.gridmap.app.GridmapServer;
import org.gridmap.db.Database;
import org.gridmap.layers.TileCoord;
import org.gridmap.visits.CompletionJson;
import org.gridmap.visits.VisitHistory;
import org.gridmap.visits.VisitRoutes;
import org.gridmap.visits.VisitService;
import org.gridmap.visits.Visits;

/**
 * Visits at scale: a month's completion for every grid (uncached: each call reads the database), beside the count
 * straight from the visits that the kept counts (V19) replace; and the unvisited-households tile of a grid over
 * HTTP (session, reader check, logged read) against its raw SQL, measured in the same run.
 */
public final class VisitBenchmark {
    private static final String PASSWORD = "bench-visits-password";
    private final PrintStream out;

    public VisitBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds) throws Exception { run(label, creds, null); }

    /** {@code load}: what the import said about writing the year, when the data set's year came with the import. */
    public void run(String label, Database.Credentials creds, String load) throws Exception {
        out.printf("%n== visits: %s ==%n", label);
        try (Database db = new Database(creds, 8)) {
            ensureHistory(db);
            long[] year = longs(db, "SELECT count(*), count(DISTINCT household_id) FROM visits");
            out.printf(Locale.ROOT, "%,d visits in the year to %,d households%s%n", year[0], year[1],
                    load == null ? "" : " (" + load + ")");
            VisitService service = new VisitService(db.dataSource(), Clock.systemUTC());
            List<Visits.Month> months = new ArrayList<>();
            for (int i = 0; i < 12; i++) months.add(new Visits.Month(YearMonth.of(2025, 8).plusMonths(i)));

            service.completion(months.get(0), null, null, false);   // warm the statement and the buffers once
            Stats completion = new Stats();
            int grids = 0;
            for (int rep = 0; rep < 3; rep++) {
                for (Visits.Month m : months) {
                    long t0 = System.nanoTime();
                    grids = service.completion(m, null, null, false).grids().size();
                    completion.add(System.nanoTime() - t0);
                }
            }
            out.printf(Locale.ROOT, "month completion for every grid (%,d grids), in-process, uncached, %d runs: p50 %.1f ms, max %.1f ms%n",
                    grids, completion.count(), completion.p50(), completion.percentileMillis(100));
            // an admin's answer adds who visited each grid, read from the counts V23 keeps per grid, month and visitor
            Stats withVisitors = new Stats();
            long visitors = 0;
            for (int rep = 0; rep < 3; rep++) {
                for (Visits.Month m : months) {
                    long t1 = System.nanoTime();
                    visitors = service.completion(m, null, null, true).visitors().size();
                    withVisitors.add(System.nanoTime() - t1);
                }
            }
            out.printf(Locale.ROOT, "the same with who visited (an admin's answer; %,d visitor rows in 2026-07), in-process, uncached, "
                    + "%d runs: p50 %.1f ms, max %.1f ms%n", visitors, withVisitors.count(), withVisitors.p50(),
                    withVisitors.percentileMillis(100));
            jsonCost(service.completion(months.get(7), null, null, false));
            long t0 = System.nanoTime();
            long plain = longs(db, "SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM visits x WHERE x.household_id = h.id "
                    + "AND x.visited_at >= timestamptz '2026-03-01 00:00+08' AND x.visited_at < timestamptz '2026-04-01 00:00+08' "
                    + "AND x.outcome IN ('met', 'refused'))) FROM households h")[0];
            out.printf(Locale.ROOT, "the same month counted straight from the visits (what V19's counts replace): %.0f ms "
                    + "(%,d households visited in 2026-03)%n", (System.nanoTime() - t0) / 1e6, plain);

            Config config = Config.load(null, Map.of(), Map.of("port", "0", "host", "127.0.0.1", "tile.cache.bytes", "0"));
            GridmapServer server = new GridmapServer(config, db).start();
            try {
                List<String> months12 = months.stream().map(Visits.Month::toString).toList();
                List<String> paths = new ArrayList<>();
                for (String m : months12) paths.add("/api/visits/completion?month=" + m);
                HttpLoad.run("127.0.0.1", server.port(), paths, 1, 12, "");
                HttpLoad.Result http = HttpLoad.run("127.0.0.1", server.port(), paths, 1, 36, "");
                out.printf(Locale.ROOT, "GET /api/visits/completion?month= (every grid, JSON), one at a time: p50 %.1f ms, max %.1f ms%s%n",
                        http.latency().p50(), http.latency().percentileMillis(100), http.errors() > 0 ? " (" + http.errors() + " errors)" : "");
                // staff and admins also get who visited each grid, read from the counts V23 keeps per grid, month and visitor
                String auth = "Authorization: Bearer " + adminToken(db, server) + "\r\n";
                HttpLoad.run("127.0.0.1", server.port(), paths, 1, 12, auth);
                HttpLoad.Result staff = HttpLoad.run("127.0.0.1", server.port(), paths, 1, 36, auth);
                out.printf(Locale.ROOT, "the same as an admin (with who visited each grid), one at a time: p50 %.1f ms, max %.1f ms%s%n",
                        staff.latency().p50(), staff.latency().percentileMillis(100), staff.errors() > 0 ? " (" + staff.errors() + " errors)" : "");
                unvisitedTiles(db, service, server);
            } finally {
                server.stop();
            }
        }
    }

    /**
     * Where an answer's time goes besides the database: the month's JSON as the route writes it (field by field into
     * the answer) beside a map per grid rendered into one string (how it was written before), in the same run.
     */
    private void jsonCost(Visits.Completion month) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Stats streamed = new Stats();
        Stats mapped = new Stats();
        long bytes = 0;
        for (int rep = 0; rep < 15; rep++) {
            long t0 = System.nanoTime();
            CompletionJson.write(java.io.OutputStream.nullOutputStream(), month, false);
            streamed.add(System.nanoTime() - t0);
            t0 = System.nanoTime();
            List<Map<String, Object>> grids = new ArrayList<>();
            for (Visits.GridCompletion g : month.grids()) grids.add(VisitRoutes.gridRow(g));
            bytes = mapper.writeValueAsBytes(Map.of("month", month.month().toString(), "grids", grids)).length;
            mapped.add(System.nanoTime() - t0);
        }
        out.printf(Locale.ROOT, "its JSON (%,d bytes), p50: written field by field %.1f ms; a map per grid into one string %.1f ms%n",
                bytes, streamed.p50(), mapped.p50());
    }

    /** The unvisited tile over HTTP against its raw SQL: {@link UnvisitedTileBenchmark}. */
    private void unvisitedTiles(Database db, VisitService service, GridmapServer server) throws Exception {
        new UnvisitedTileBenchmark(out, db, service, server).run(adminToken(db, server));
    }

    private static String adminToken(Database db, GridmapServer server) throws Exception {
        UserStore users = new UserStore(db.dataSource(), new PasswordHasher(4));
        if (longs(db, "SELECT count(*) FROM users WHERE username = 'bench-visits'")[0] == 0) {
            users.create("bench-visits", Role.ADMIN, PASSWORD.toCharArray());
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench-visits\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("token").asText();
    }

    static TileCoord tileAt(int z, double lon, double lat) {
        int n = 1 << z;
        double r = Math.toRadians(lat);
        return new TileCoord(z, (int) Math.floor((lon + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n));
    }

    /** Bench databases are kept between runs; one imported without the visits gets the demo set's year now. */
    private void ensureHistory(Database db) throws Exception {
        if (longs(db, "SELECT count(*) FROM visits")[0] > 0) return;
        out.println("adding a year of visits (once) ...");
        List<String> towns = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT code FROM towns ORDER BY code")) {
                while (rs.next()) towns.add(rs.getString("code"));
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long n = VisitHistory.generate(c, towns, new VisitHistory.Plan(java.time.LocalDate.parse("2026-08-01")),
                    (code, done, total, visits) -> {
                        if (done > 0) out.printf(Locale.ROOT, "town %d/%d: %,d visits so far, %.0f s%n", done, total, visits,
                                (System.nanoTime() - t0) / 1e9);
                    });
            c.commit();
            c.setAutoCommit(true);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%,d visits written in %d min %02d s (%,.0f visits/s, committed)%n", n, (long) seconds / 60,
                    (long) seconds % 60, n / seconds);
            s.execute("VACUUM ANALYZE");
        }
    }

    private static long[] longs(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getLong(i + 1);
            return out;
        }
    }
}
