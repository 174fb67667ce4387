package org.gridmap.bench;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmap.app.Config;
import org.gridmap.app.GridmapServer;
import org.gridmap.db.Database;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RingService;

/**
 * The rings as a client sees them: {@code /api/nearest} at 1, 8 and 32 connections and one facility's isochrone
 * ({@code /api/isochrones}) from a server that loads its own engine; and the same isochrones in-process, the
 * baseline of the HTTP figures. The server is started only after the in-process engine was released
 * ({@link RingBenchmark}): at 1,000 towns one engine is about 3 GiB, two do not fit the bench's heap.
 */
final class RingHttpBenchmark {
    /** The isochrones a planner asks for: the 5-minute promise, a quarter and half an hour. */
    static final int[] MINUTES = {5, 15, 30};
    private static final int PASSES = 3;
    private final PrintStream out;

    RingHttpBenchmark(PrintStream out) { this.out = out; }

    void run(Database.Credentials creds, List<double[]> origins, List<String> facilities) throws Exception {
        try (Database db = new Database(creds, 16)) {
            Config config = Config.load(null, Map.of(), Map.of("port", "0", "host", "127.0.0.1"));
            long t0 = System.nanoTime();
            GridmapServer server = new GridmapServer(config, db).start();
            Runtime rt = Runtime.getRuntime();
            out.printf(Locale.ROOT, "server started with its own engine in %.1f s; heap used %.0f MiB of %.0f MiB%n",
                    (System.nanoTime() - t0) / 1e9, (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.maxMemory() / 1048576.0);
            try {
                List<String> paths = new ArrayList<>();
                for (double[] o : origins) paths.add(String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f", o[0], o[1]));
                HttpLoad.run("127.0.0.1", server.port(), paths, 8, 10_000, "");
                for (int conns : new int[] {1, 8, 32}) {
                    HttpLoad.Result r = HttpLoad.run("127.0.0.1", server.port(), paths, conns, 20_000, "");
                    out.printf(Locale.ROOT, "HTTP /api/nearest, %2d connections: %,.0f req/s, p50 %.2f ms, p99 %.2f ms%s%n", conns,
                            r.perSecond(), r.latency().p50(), r.latency().p99(), errors(r));
                }
                for (int m : MINUTES) {
                    List<String> iso = new ArrayList<>();
                    for (String f : facilities) {
                        iso.add("/api/isochrones?facility=" + URLEncoder.encode(f, StandardCharsets.UTF_8) + "&minutes=" + m);
                    }
                    HttpLoad.run("127.0.0.1", server.port(), iso, 1, iso.size(), "");
                    HttpLoad.Result r = HttpLoad.run("127.0.0.1", server.port(), iso, 1, PASSES * iso.size(), "");
                    out.printf(Locale.ROOT, "HTTP /api/isochrones, %2d min, %d facilities x %d, one connection: p50 %.2f ms, p99 %.2f ms%s%n",
                            m, facilities.size(), PASSES, r.latency().p50(), r.latency().p99(), errors(r));
                }
            } finally {
                server.stop();
            }
        }
    }

    private static String errors(HttpLoad.Result r) { return r.errors() > 0 ? " (" + r.errors() + " errors)" : ""; }

    /** Up to {@code n} service points on the network, evenly spaced through the city's list (towns in order). */
    static List<String> spread(RingNetwork net, int n) {
        List<Integer> onRoads = new ArrayList<>();
        for (int i = 0; i < net.town.facilities.size(); i++) {
            if (net.town.facilities.get(i).level().equals(RingNetwork.POINT) && net.facilitySnaps[i] != null) onRoads.add(i);
        }
        List<String> codes = new ArrayList<>();
        for (int k = 0; k < Math.min(n, onRoads.size()); k++) {
            codes.add(net.town.facilities.get(onRoads.get((int) ((long) onRoads.size() * k / Math.min(n, onRoads.size())))).code());
        }
        return codes;
    }

    /** The same isochrones through the service the route calls, without HTTP: one pass to warm up, then measured. */
    static void isochronesInProcess(PrintStream out, RingService service, List<String> facilities) {
        for (int m : MINUTES) {
            for (String f : facilities) service.isochrone(f, (double) m);
            Stats s = new Stats();
            long nodes = 0;
            for (int pass = 0; pass < PASSES; pass++) {
                for (String f : facilities) {
                    long t0 = System.nanoTime();
                    RingService.Isochrone iso = service.isochrone(f, (double) m);
                    s.add(System.nanoTime() - t0);
                    nodes += iso.reachedNodes();
                }
            }
            out.printf(Locale.ROOT, "isochrone in-process, %2d min, %d facilities x %d: p50 %.2f ms, p99 %.2f ms (%.0f road nodes reached on average)%n",
                    m, facilities.size(), PASSES, s.p50(), s.p99(), (double) nodes / s.count());
        }
    }
}
