package org.gridmap.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmap.accounts.SessionStore;
import org.gridmap.accounts.User;
import org.gridmap.app.GridmapServer;
import org.gridmap.db.Database;
import org.gridmap.layers.TileCoord;
import org.gridmap.visits.VisitService;
import org.gridmap.visits.Visits;

/**
 * The unvisited-households tile of a grid over HTTP (a kept tile: from memory while the server may vouch for its
 * reader, grid number and logged view, else one statement checks and logs) against the raw tile SQL run by this
 * process over the same pool, interleaved in one run. Three ratios, each for what
 * it is: end to end (a client socket on this machine, one request at a time: what a reader waits, including
 * every thread wake-up on the way), the server's own time for the route (Javalin's timer, read from
 * {@code /metrics}) and throughput with 8 connections (raw tiles/s ÷ HTTP tiles/s: what the route costs the
 * machine when requests overlap, as a map's dozen tiles do).
 */
final class UnvisitedTileBenchmark {
    static final String ROUTE = "/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}";
    private static final int CONNECTIONS = 8;
    private static final int WARM_UP = 15_000;
    private final PrintStream out;
    private final Database db;
    private final VisitService service;
    private final GridmapServer server;
    private final Visits.Month month = new Visits.Month(YearMonth.of(2026, 7));

    UnvisitedTileBenchmark(PrintStream out, Database db, VisitService service, GridmapServer server) {
        this.out = out;
        this.db = db;
        this.service = service;
        this.server = server;
    }

    private record Pick(long grid, long household, double lon, double lat, TileCoord tile) { }

    /** 60 grids' tiles (z15 at a household of the grid), month 2026-07, as an admin. */
    void run(String token) throws Exception {
        List<Pick> picks = picks();
        List<String> paths = new ArrayList<>();
        for (Pick p : picks) {
            paths.add("/api/grids/" + p.grid() + "/unvisited/tiles/" + p.tile().z() + "/" + p.tile().x() + "/" + p.tile().y()
                    + ".mvt?month=" + month);
        }
        String auth = "Authorization: Bearer " + token + "\r\n";
        // both paths warmed alike, past the JIT's compiling of Jetty's and Javalin's code: a server answers
        // millions of tiles, and a few hundred requests measure the interpreter, not the route
        rawPerSecond(picks, WARM_UP);
        HttpLoad.run("127.0.0.1", server.port(), paths, CONNECTIONS, WARM_UP, auth);
        HttpLoad.run("127.0.0.1", server.port(), paths, CONNECTIONS, WARM_UP, "");
        Stats sql = new Stats();
        Stats http = new Stats();
        double[] before = routeTimer();
        double[] keptBefore = unvisitedCounters();
        long bytes = 0;
        // interleaved, so load from elsewhere on the machine weighs on both alike
        for (int rep = 0; rep < 10; rep++) {
            for (Pick p : picks) {
                long t0 = System.nanoTime();
                bytes += raw(p).length;
                sql.add(System.nanoTime() - t0);
            }
            HttpLoad.Result r = HttpLoad.run("127.0.0.1", server.port(), paths, 1, paths.size(), auth);
            if (r.errors() > 0) out.printf("  (%d HTTP errors)%n", r.errors());
            http.addAll(r.latency());
        }
        double[] after = routeTimer();
        double[] keptAfter = unvisitedCounters();
        double kept = keptAfter[0] - keptBefore[0], vouched = keptAfter[2] - keptBefore[2];
        double serverMean = (after[0] - before[0]) * 1e3 / (after[1] - before[1]);
        out.printf(Locale.ROOT, "unvisited-households tile of a grid (%d grids, z15, %s, %.0f bytes), mean: raw SQL %.3f ms, "
                + "HTTP (session, reader check, change number, logged read; the tile kept: %.0f of %d, of which %.0f with no round trip) "
                + "%.3f ms, ratio %.2f; p50 %.3f / %.3f ms, ratio %.2f (end to end, one at a time)%n", picks.size(), month,
                (double) bytes / sql.count(), sql.meanMillis(), kept, http.count(), vouched, http.meanMillis(), http.meanMillis() / sql.meanMillis(),
                sql.p50(), http.p50(), http.p50() / sql.p50());
        out.printf(Locale.ROOT, "  the server's own time for the route (Javalin's timer in /metrics, %.0f requests), mean %.3f ms "
                + "÷ raw SQL mean %.3f ms = %.2f%n", after[1] - before[1], serverMean, sql.meanMillis(), serverMean / sql.meanMillis());
        throughput(picks, paths, auth);
        afterAVisit(picks, paths, auth, token);
        breakdown(picks, paths, token);
    }

    /**
     * The same tiles, each right after a visit to its grid recorded elsewhere (through this process's own service, as
     * another node would: the server still keeps its tiles): a nobody-home visit changes the grid (its attempts), so
     * the server finds its kept tile out of date and renders it again — two round trips. A visit recorded through the
     * server itself drops the grid's kept tiles, so its staff member's refetch is one. /metrics says which path answered.
     */
    /** The grids whose visits the server has yet to hear of (its change feed's access announcements, V33). */
    private volatile java.util.Set<Long> heard = java.util.Set.of();

    private void afterAVisit(List<Pick> picks, List<String> paths, String auth, String token) throws Exception {
        server.changes().subscribeAccess(c -> {
            if (c.ids() != null && c.kind() == org.gridmap.changes.AccessChange.Kind.GRIDS) {
                for (long g : c.ids()) heard.remove(g);
            }
        });
        User admin = new SessionStore(db.dataSource()).find(token).orElseThrow();
        Stats sql = new Stats(), http = new Stats(), inProcess = new Stats();
        double[] before = unvisitedCounters();
        for (int rep = 0; rep < 10; rep++) {
            // the server answers from memory until its change feed brings the visits: wait for that, so what is
            // measured is the tile rendered again, not the few milliseconds of the feed's lag
            java.util.Set<Long> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
            for (Pick p : picks) waiting.add(p.grid());
            heard = waiting;
            for (Pick p : picks) {
                service.record(new Visits.NewVisit(p.household(), "nobody_home", null, null, p.lon(), p.lat()), admin);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!waiting.isEmpty() && System.nanoTime() < deadline) Thread.sleep(1);
            if (!waiting.isEmpty()) out.printf("  (%d grids' visits not heard by the server in 10 s)%n", waiting.size());
            for (Pick p : picks) {
                long t0 = System.nanoTime();
                raw(p);
                sql.add(System.nanoTime() - t0);
            }
            HttpLoad.Result r = HttpLoad.run("127.0.0.1", server.port(), paths, 1, paths.size(), auth);
            // the route's own statement in this process: the visits above dropped this service's kept tiles too
            for (Pick p : picks) {
                long t0 = System.nanoTime();
                service.unvisitedTile(token, p.grid(), month, p.tile());
                inProcess.add(System.nanoTime() - t0);
            }
            if (r.errors() > 0) out.printf("  (%d HTTP errors)%n", r.errors());
            http.addAll(r.latency());
        }
        double[] after = unvisitedCounters();
        out.printf(Locale.ROOT, "  right after a visit to each grid recorded elsewhere (rendered again: %.0f of %d requests), mean: raw SQL %.3f ms, HTTP %.3f ms, "
                + "ratio %.2f; p50 %.3f / %.3f ms, ratio %.2f; the route's statement rendering in-process p50 %.3f ms%n",
                after[1] - before[1], http.count(), sql.meanMillis(), http.meanMillis(), http.meanMillis() / sql.meanMillis(),
                sql.p50(), http.p50(), http.p50() / sql.p50(), inProcess.p50());
    }

    /** The server's unvisited tiles answered from kept tiles and rendered, as /metrics counts them. */
    private double[] unvisitedCounters() throws Exception {
        String text = metricsText();
        return new double[] {PrometheusText.counter(text, "gridmap_unvisited_tiles_kept_total"),
                PrometheusText.counter(text, "gridmap_unvisited_tiles_rendered_total"),
                PrometheusText.counter(text, "gridmap_unvisited_tiles_vouched_total")};
    }

    /**
     * The same tiles with {@value #CONNECTIONS} at once: raw SQL on as many threads (each its pooled connection)
     * beside as many keep-alive HTTP connections, twice each in turn; tiles/s of the better run of each.
     */
    private void throughput(List<Pick> picks, List<String> paths, String auth) throws Exception {
        int total = CONNECTIONS * picks.size() * 10;
        double rawBest = 0, httpBest = 0;
        long errors = 0;
        for (int rep = 0; rep < 2; rep++) {
            rawBest = Math.max(rawBest, rawPerSecond(picks, total));
            HttpLoad.Result r = HttpLoad.run("127.0.0.1", server.port(), paths, CONNECTIONS, total, auth);
            errors += r.errors();
            httpBest = Math.max(httpBest, r.perSecond());
        }
        out.printf(Locale.ROOT, "  throughput with %d at once (%,d tiles a run, better of 2): raw SQL %.0f tiles/s, HTTP %.0f tiles/s, "
                + "raw ÷ HTTP = %.2f%s%n", CONNECTIONS, total, rawBest, httpBest, rawBest / httpBest,
                errors > 0 ? " (" + errors + " HTTP errors)" : "");
    }

    private double rawPerSecond(List<Pick> picks, int total) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
        AtomicInteger next = new AtomicInteger();
        try {
            long t0 = System.nanoTime();
            List<Future<Object>> done = new ArrayList<>();
            for (int t = 0; t < CONNECTIONS; t++) {
                done.add(threads.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) raw(picks.get(i % picks.size()));
                    return null;
                }));
            }
            for (Future<Object> f : done) f.get();
            return total / ((System.nanoTime() - t0) / 1e9);
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Where an unvisited tile's time over HTTP goes beyond its raw SQL, each part alone: the route's one statement
     * in-process (the session, the check, the tile, the logged read), a session look-up alone, and the same path
     * answered without a token (401 before any database work: Jetty, Javalin's handlers and an error body, the
     * fixed cost of any request).
     */
    private void breakdown(List<Pick> picks, List<String> paths, String token) throws Exception {
        SessionStore sessions = new SessionStore(db.dataSource());
        Stats checked = new Stats(), session = new Stats();
        for (int rep = 0; rep < 5; rep++) {
            for (Pick p : picks) {
                long t0 = System.nanoTime();
                service.unvisitedTile(token, p.grid(), month, p.tile());
                checked.add(System.nanoTime() - t0);
                t0 = System.nanoTime();
                sessions.find(token);
                session.add(System.nanoTime() - t0);
            }
        }
        // the same statement handed to one of four threads in turn, waiting for each answer, as a server hands each
        // request to a worker thread: the thread switch and each thread's own pooled connection, without HTTP
        ExecutorService workers = Executors.newFixedThreadPool(4);
        Stats handed = new Stats();
        try {
            for (int rep = 0; rep < 5; rep++) {
                for (Pick p : picks) {
                    long t0 = System.nanoTime();
                    workers.submit(() -> service.unvisitedTile(token, p.grid(), month, p.tile())).get();
                    handed.add(System.nanoTime() - t0);
                }
            }
        } finally {
            workers.shutdown();
        }
        HttpLoad.run("127.0.0.1", server.port(), paths, 1, paths.size(), "");
        HttpLoad.Result floor = HttpLoad.run("127.0.0.1", server.port(), paths, 1, 5 * paths.size(), "");
        out.printf(Locale.ROOT, "  its parts, p50 / mean: the one statement in-process (session, check, tile, logged read) "
                + "%.3f / %.3f ms; the same handed to four threads in turn %.3f / %.3f ms; a session look-up alone %.3f / %.3f ms; "
                + "the same path without a token (401, no database) %.3f / %.3f ms%n", checked.p50(), checked.meanMillis(),
                handed.p50(), handed.meanMillis(), session.p50(), session.meanMillis(), floor.latency().p50(), floor.latency().meanMillis());
    }

    private byte[] raw(Pick p) throws Exception { return service.unvisitedTileRaw(p.grid(), month, p.tile()); }

    private List<Pick> picks() throws Exception {
        List<Pick> picks = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT g.id, h.id AS household, ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat
                FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM grids) g
                CROSS JOIN LATERAL (SELECT id, geom FROM households h WHERE h.grid_id = g.id ORDER BY h.id LIMIT 1) h
                WHERE g.n % greatest(1, g.total / 60) = 0
                ORDER BY g.id LIMIT 60""")) {
            while (rs.next()) {
                double lon = rs.getDouble("lon"), lat = rs.getDouble("lat");
                picks.add(new Pick(rs.getLong("id"), rs.getLong("household"), lon, lat, VisitBenchmark.tileAt(15, lon, lat)));
            }
        }
        return picks;
    }

    /** The route's request timer as /metrics reports it, summed over statuses: seconds, count. */
    private double[] routeTimer() throws Exception {
        return PrometheusText.timer(metricsText(), "gridmap_http_requests_seconds", ROUTE);
    }

    private String metricsText() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
