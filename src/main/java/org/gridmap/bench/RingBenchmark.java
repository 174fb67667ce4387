package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.gridmap.db.Database;
import org.gridmap.rings.ComplianceReport;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RingPolicy;
import org.gridmap.rings.RingService;
import org.gridmap.rings.graph.Path;
import org.gridmap.rings.graph.Snap;

/**
 * Nearest service point with its route: in-process, over HTTP with concurrency, and pgRouting's
 * pgr_dijkstraNear on the same roads as the baseline; full ring recomputation; compliance; graph heap; a facility's
 * isochrone in-process and over HTTP ({@link RingHttpBenchmark}); one grid edit's preview and commit ({@link GridEditBenchmark});
 * a road's class updated in the database and followed in place ({@link RoadEditBenchmark}).
 */
public final class RingBenchmark {
    private final PrintStream out;

    public RingBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds, double[] bbox) throws Exception {
        out.printf("%n== rings: %s ==%n", label);
        Asked asked = inProcess(label, creds, bbox);
        // The server loads an engine of its own (about 3 GiB at 1,000 towns): the bench's was closed and is unreferenced
        // once inProcess returned; collected here, so the two never hold the heap together.
        System.gc();
        out.printf(Locale.ROOT, "heap before the server starts, the in-process engine released: %.0f MiB%n", usedHeap() / 1048576.0);
        new RingHttpBenchmark(out).run(creds, asked.origins(), asked.facilities());
    }

    /** What the HTTP part asks again, as plain values that hold no part of the engine. */
    private record Asked(List<double[]> origins, List<String> facilities) { }

    private Asked inProcess(String label, Database.Credentials creds, double[] bbox) throws Exception {
        try (Database db = new Database(creds, 16)) {
            System.gc();
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            RingEngine engine = new RingEngine(db.dataSource(), RingPolicy.builtIn()).load();
            double loadMs = (System.nanoTime() - t0) / 1e6;
            System.gc();
            long heapAfter = usedHeap();
            RingNetwork net = engine.network();
            out.printf(Locale.ROOT, "network: %,d nodes, %,d edges, %,d households, %,d facilities; loaded + computed in %.0f ms%n",
                    net.graph.nodeCount(), net.graph.edgeCount(), net.town.householdCount(), net.town.facilities.size(), loadMs);
            out.printf(Locale.ROOT, "heap: engine %.0f MiB measured (graph alone ~%.0f MiB by its arrays)%n",
                    (heapAfter - heapBefore) / 1048576.0, net.graph.heapBytesEstimate() / 1048576.0);

            List<double[]> origins = origins(net, bbox, 10_000, new Random(42));
            // warm up the JIT on a share of the origins, then measure every one
            for (int rep = 0; rep < 3; rep++) for (double[] o : origins) query(net, o);
            Stats compute = new Stats();
            Stats snapOnly = new Stats();
            long checksum = 0;
            for (double[] o : origins) {
                long a = System.nanoTime();
                Snap s = net.snapper.snap(o[0], o[1], 500);
                long b = System.nanoTime();
                Path p = s == null ? null : net.pointTree.routeToNearest(s);
                long c = System.nanoTime();
                snapOnly.add(b - a);
                compute.add(c - a);
                if (p != null) checksum += p.pointCount();
            }
            out.printf(Locale.ROOT, "nearest point + route, in-process (%,d origins): p50 %.4f ms, p99 %.4f ms (snap alone p50 %.4f ms) [%d]%n",
                    origins.size(), compute.p50(), compute.p99(), snapOnly.p50(), checksum % 10);

            // pgRouting builds its graph from the whole roads table on every call: ~1 s a call at 100 towns, ~15 s at 1,000
            int pgrCalls = net.graph.nodeCount() > 1_000_000 ? 5 : label.contains("city") ? 30 : 200;
            Stats pgr = pgRouting(db, net, origins.subList(0, Math.min(origins.size(), pgrCalls)));
            out.printf(Locale.ROOT, "pgRouting pgr_dijkstraNear (same origins, %d calls): p50 %.2f ms, p99 %.2f ms  → engine is %.0fx faster (p50)%n",
                    pgr.count(), pgr.p50(), pgr.p99(), pgr.p50() / compute.p50());

            // what a blocking hazard does: close a road in place, recompute the rings where it lies; then reopen it.
            // Nine roads spread over the network (the first two warm up the whole-city baseline); beside each, the baseline in the same run:
            // the same rings recomputed for the whole city.
            Stats close = new Stats(), full = new Stats(), reopen = new Stats();
            RingNetwork closed = engine.network();
            // the JIT first: a recompute is a few milliseconds of code that two warm-up rounds leave interpreted
            for (int k = 0; k < 40; k++) {
                int edge = (int) ((long) net.graph.edgeCount() * (2 * k + 1) / 82);
                net.graph.setClosed(edge, true);
                engine.recompute();
                net.graph.setClosed(edge, false);
                engine.recompute();
            }
            for (int k = 0; k < 9; k++) {
                int edge = (int) ((long) net.graph.edgeCount() * (2 * k + 1) / 18);
                net.graph.setClosed(edge, true);
                long r0 = System.nanoTime();
                engine.recompute();
                long closeTook = System.nanoTime() - r0;
                closed = engine.network();
                Snap[] snaps = closed.householdSnaps(); // outside the timing: the baseline is the rings, not a copy
                long f0 = System.nanoTime();
                RingNetwork.build(closed.graph, closed.snapper, closed.town, closed.policy, snaps, closed.partitions);
                long fullTook = System.nanoTime() - f0;
                net.graph.setClosed(edge, false);
                long o0 = System.nanoTime();
                engine.recompute();
                long reopenTook = System.nanoTime() - o0;
                if (k < 2) continue;
                close.add(closeTook);
                full.add(fullTook);
                reopen.add(reopenTook);
            }
            out.printf(Locale.ROOT, "rings after closing a road, recomputed where it lies (%d parts, %d town-boundary roads): "
                    + "p50 %.1f ms, max %.1f ms; after reopening it p50 %.1f ms; the whole city in the same run p50 %.1f ms (%.0fx)%n",
                    closed.partitions.count(), closed.partitions.boundaryEdges(), close.p50(), close.percentileMillis(100), reopen.p50(),
                    full.p50(), full.p50() / close.p50());
            new RoadEditBenchmark(out).run(db, engine);
            RingNetwork fresh = engine.network();
            long c0 = System.nanoTime();
            Map<String, Object> report = ComplianceReport.compute(fresh, 20);
            out.printf(Locale.ROOT, "compliance report (4 rings, per village and grid): %.1f ms%n", (System.nanoTime() - c0) / 1e6);
            for (Object r : (List<?>) report.get("rings")) {
                Map<?, ?> m = (Map<?, ?>) r;
                out.printf(Locale.ROOT, "  ring %s %-4s %,8d origins  %5.1f%% within %s s%n", m.get("ring"), m.get("name"),
                        ((Number) m.get("origins")).longValue(), 100 * ((Number) m.get("share")).doubleValue(), m.get("limitSeconds"));
            }

            new GridEditBenchmark(out).run(db, engine);
            fresh = engine.network();

            List<String> facilities = RingHttpBenchmark.spread(fresh, 50);
            RingHttpBenchmark.isochronesInProcess(out, new RingService(engine), facilities);
            engine.close();
            return new Asked(origins, facilities);
        }
    }

    private static Object query(RingNetwork net, double[] o) {
        Snap s = net.snapper.snap(o[0], o[1], 500);
        return s == null ? null : net.pointTree.routeToNearest(s);
    }

    /** Random points inside the first town that lie within 500 m of a road (where villagers actually ask). */
    static List<double[]> origins(RingNetwork net, double[] bbox, int n, Random r) {
        List<double[]> out = new ArrayList<>();
        while (out.size() < n) {
            double lon = bbox[0] + r.nextDouble() * (bbox[2] - bbox[0]);
            double lat = bbox[1] + r.nextDouble() * (bbox[3] - bbox[1]);
            if (net.town.insideATown(lon, lat) && net.snapper.snap(lon, lat, 500) != null) out.add(new double[] {lon, lat});
        }
        return out;
    }

    /** The same question in pgRouting: from the origin's nearest road node, the path to the nearest service point. */
    private static Stats pgRouting(Database db, RingNetwork net, List<double[]> origins) throws Exception {
        String edges = "SELECT id, source, target, length_m / (CASE class WHEN 'stairs' THEN 3.15 ELSE 4.5 END / 3.6) AS cost, "
                + "length_m / (CASE class WHEN 'stairs' THEN 3.15 ELSE 4.5 END / 3.6) AS reverse_cost FROM roads";
        String sql = """
            SELECT count(*) FROM pgr_dijkstraNear(?, (SELECT id FROM road_nodes ORDER BY geom <-> ST_SetSRID(ST_MakePoint(?, ?), 4326) LIMIT 1),
                (SELECT array_agg(n.id) FROM facilities f JOIN road_nodes n ON ST_DWithin(n.geom, f.geom, 2e-7) WHERE f.level = 'point'),
                directed => false)""";
        Stats s = new Stats();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < origins.size() + 3; i++) {
                double[] o = origins.get(i % origins.size());
                ps.setString(1, edges);
                ps.setDouble(2, o[0]);
                ps.setDouble(3, o[1]);
                long t0 = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                if (i >= 3) s.add(System.nanoTime() - t0);
            }
        }
        return s;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
