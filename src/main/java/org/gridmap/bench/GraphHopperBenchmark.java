package org.gridmap.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.gridmap.bench.graphhopper.AreaDifference;
import org.gridmap.bench.graphhopper.GhNetwork;
import org.gridmap.bench.graphhopper.GhRouter;
import org.gridmap.db.Database;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RingPolicy;
import org.gridmap.rings.graph.Nearest;
import org.gridmap.rings.graph.NearestFacilityTree;
import org.gridmap.rings.graph.Path;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.Snapper;
import org.gridmap.rings.graph.TravelMode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * gridmap's routing engine beside GraphHopper 10.2 loaded with the same roads, speeds and closures, in one run, for
 * the same origins and facilities. Every timed answer is also compared (seconds within 0.1 s), so a speed figure
 * never stands for a different answer. Ratios are GraphHopper's p50 over ours.
 */
public final class GraphHopperBenchmark {
    private static final GeometryFactory GF = new GeometryFactory();
    private final PrintStream out;

    public GraphHopperBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds, double[] bbox, boolean city) throws Exception {
        out.printf("%n== routing engine vs GraphHopper 10.2: %s ==%n", label);
        // GraphHopper logs every preparation step at INFO; the figures below say what matters
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.graphhopper")).setLevel(ch.qos.logback.classic.Level.WARN);
        try (Database db = new Database(creds, 4); RingEngine engine = new RingEngine(db.dataSource(), RingPolicy.builtIn()).load()) {
            RingNetwork net = engine.network();
            TravelMode walk = net.policy.mode(net.policy.ring(4));
            build(net.graph, walk);
            GhNetwork ghNet = GhNetwork.build(net.graph, walk);
            long lmNanos = ghNet.prepareLandmarks();
            long chNanos = ghNet.prepareCh();
            GhRouter gh = new GhRouter(ghNet);

            List<double[]> origins = RingBenchmark.origins(net, bbox, city ? 2_000 : 10_000, new Random(42));
            snapping(net, walk, ghNet, origins);
            Snap[] points = new Snap[net.pointFacility.length];
            for (int k = 0; k < points.length; k++) points[k] = net.facilitySnaps[net.pointFacility[k]];
            com.graphhopper.storage.index.Snap[] ghPoints = ghPoints(net, ghNet, null);
            nearest(net, walk, net.pointTree, points, gh, ghPoints, null, origins.subList(0, city ? 50 : 2_000), "");
            oneToOne(net, walk, points, gh, ghPoints, origins.subList(0, city ? 100 : 1_000));
            isochrones(net, walk, gh);
            closure(net, walk, gh, ghPoints, origins.subList(0, city ? 50 : 1_000), chNanos);
            out.printf(Locale.ROOT, "GraphHopper speed-up preparation: landmarks (%d) %.0f ms, contraction hierarchies %.0f ms%n",
                    16, lmNanos / 1e6, chNanos / 1e6);
        }
    }

    /** Build time and heap of each engine from the same in-memory roads (the database read is common to both). */
    private void build(RoadGraph g, TravelMode walk) {
        for (int rep = 0; rep < 2; rep++) { copy(g); GhNetwork.build(g, walk); } // warm-up
        long h0 = usedHeap();
        long t0 = System.nanoTime();
        RoadGraph ours = copy(g);
        Snapper snapper = new Snapper(ours);
        double oursMs = (System.nanoTime() - t0) / 1e6;
        long h1 = usedHeap();
        long t1 = System.nanoTime();
        GhNetwork theirs = GhNetwork.build(g, walk);
        double ghMs = (System.nanoTime() - t1) / 1e6;
        long h2 = usedHeap();
        out.printf(Locale.ROOT, "build from the same %,d nodes / %,d roads: ours (graph + snapper) %.0f ms, %.1f MiB; "
                        + "GraphHopper (BaseGraph + LocationIndexTree) %.0f ms, %.1f MiB (%.1f MiB allocated by its storage) → %.1fx time, %.1fx heap%n",
                g.nodeCount(), g.edgeCount(), oursMs, (h1 - h0) / 1048576.0, ghMs, (h2 - h1) / 1048576.0,
                theirs.capacityBytes() / 1048576.0, ghMs / oursMs, (h2 - h1) / (double) Math.max(1, h1 - h0));
        // both are read after the last heap measurement, so neither was collectable while it was taken
        if (snapper.staleEdges() != 0 || theirs.nodeCount() != ours.nodeCount()) throw new IllegalStateException("copies differ");
    }

    private void snapping(RingNetwork net, TravelMode walk, GhNetwork gh, List<double[]> origins) {
        Stats ours = new Stats(), theirs = new Stats();
        int same = 0;
        double largest = 0;
        for (int rep = 0; rep < 3; rep++) for (double[] o : origins) { net.snapper.snap(o[0], o[1], 500, walk); gh.snap(o[0], o[1], null); }
        for (double[] o : origins) {
            long a = System.nanoTime();
            Snap s = net.snapper.snap(o[0], o[1], 500, walk);
            long b = System.nanoTime();
            var t = gh.snap(o[0], o[1], null);
            long c = System.nanoTime();
            ours.add(b - a);
            theirs.add(c - b);
            if (s == null || t == null) continue;
            double d = Math.abs(s.distanceMeters() - t.getQueryDistance());
            largest = Math.max(largest, d);
            if (d < 0.05) same++;
        }
        row("snap a point to the network", origins.size(), ours, theirs, null);
        out.printf(Locale.ROOT, "  same distance to the road (within 5 cm): %,d of %,d (largest difference %.3f m)%n", same, origins.size(), largest);
    }

    private void nearest(RingNetwork net, TravelMode walk, NearestFacilityTree tree, Snap[] points, GhRouter gh,
                         com.graphhopper.storage.index.Snap[] ghPoints, BitSet closed, List<double[]> origins, String note) {
        Stats ours = new Stats(), theirs = new Stats();
        Agreement same = new Agreement();
        for (int rep = 0; rep < 2; rep++) for (double[] o : origins) {
            Snap s = net.snapper.snap(o[0], o[1], 500, walk);
            if (s != null) tree.routeToNearest(s);
            var t = gh.network().snap(o[0], o[1], closed);
            if (t != null) gh.nearest(t, ghPoints, closed);
        }
        for (double[] o : origins) {
            Snap s = net.snapper.snap(o[0], o[1], 500, walk);
            var t = gh.network().snap(o[0], o[1], closed);
            if (s == null || t == null) continue;
            long a = System.nanoTime();
            Path p = tree.routeToNearest(s);
            long b = System.nanoTime();
            GhRouter.Nearest n = gh.nearest(t, ghPoints, closed);
            long c = System.nanoTime();
            ours.add(b - a);
            theirs.add(c - b);
            same.add(seconds(p), n == null ? Double.POSITIVE_INFINITY : n.route().seconds());
        }
        row("nearest service point with its route" + note, ours.count(), ours, theirs, same);
    }

    private void oneToOne(RingNetwork net, TravelMode walk, Snap[] points, GhRouter gh,
                          com.graphhopper.storage.index.Snap[] ghPoints, List<double[]> origins) {
        List<Snap> from = new ArrayList<>();
        List<com.graphhopper.storage.index.Snap> ghFrom = new ArrayList<>();
        List<Integer> to = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            double[] o = origins.get(i);
            int k = (i * 37) % points.length;
            Snap s = net.snapper.snap(o[0], o[1], 500, walk);
            var t = gh.network().snap(o[0], o[1], null);
            if (s == null || t == null || points[k] == null || ghPoints[k] == null) continue;
            from.add(s);
            ghFrom.add(t);
            to.add(k);
        }
        Stats ours = time(from.size(), i -> net.walkRouter.route(from.get(i), points[to.get(i)]));
        double[] oursSeconds = new double[from.size()];
        for (int i = 0; i < oursSeconds.length; i++) oursSeconds[i] = net.walkRouter.travelSeconds(from.get(i), points[to.get(i)]);
        for (GhRouter.Algorithm a : GhRouter.Algorithm.values()) {
            Stats theirs = time(from.size(), i -> gh.route(ghFrom.get(i), ghPoints[to.get(i)], a, null));
            Agreement same = new Agreement();
            for (int i = 0; i < oursSeconds.length; i++) same.add(oursSeconds[i], seconds(gh.route(ghFrom.get(i), ghPoints[to.get(i)], a, null)));
            row("one-to-one route, GraphHopper " + a.name().toLowerCase(Locale.ROOT).replace('_', '-'), from.size(), ours, theirs, same);
        }
    }

    private void isochrones(RingNetwork net, TravelMode walk, GhRouter gh) {
        int[] picks = {0, net.pointFacility.length / 3, 2 * net.pointFacility.length / 3};
        for (int minutes : new int[] {5, 15, 30}) {
            double t = minutes * 60.0;
            Stats ours = new Stats(), theirs = new Stats();
            double sym = 0, area = 0, ghArea = 0;
            for (int rep = 0; rep < 8; rep++) {
                for (int k : picks) {
                    var f = net.town.facilities.get(net.pointFacility[k]);
                    Snap s = net.snapper.snap(f.lon(), f.lat(), 500, walk);
                    var g = gh.network().snap(f.lon(), f.lat(), null);
                    long a = System.nanoTime();
                    Geometry mine = net.walkRouter.reach(s, t).isochrone(t, 30, GF);
                    long b = System.nanoTime();
                    Geometry contour = gh.isochrone(g, t, null);
                    long c = System.nanoTime();
                    if (rep == 0) continue; // warm-up
                    ours.add(b - a);
                    theirs.add(c - b);
                    if (rep == 1) {
                        AreaDifference d = AreaDifference.of(mine, contour);
                        sym += d.symmetricDifferenceKm2();
                        area += d.firstKm2();
                        ghArea += d.secondKm2();
                    }
                }
            }
            out.printf(Locale.ROOT, "isochrone polygon, %2d min (%d facilities): ours p50 %.2f ms, GraphHopper p50 %.2f ms → %.1fx; "
                            + "area ours %.3f km², GraphHopper %.3f km², symmetric difference %.3f km² = %.0f%% of ours%n",
                    minutes, picks.length, ours.p50(), theirs.p50(), theirs.p50() / ours.p50(), area, ghArea, sym, 100 * sym / area);
        }
    }

    /**
     * A road closes: ours closes the edge in place and rebuilds the multi-source tree before answering; GraphHopper
     * blocks the edge per request (landmarks stay valid; contraction hierarchies must be prepared again).
     */
    private void closure(RingNetwork net, TravelMode walk, GhRouter gh, com.graphhopper.storage.index.Snap[] ghPointsOpen,
                         List<double[]> origins, long chNanos) {
        Snap o = net.snapper.snap(origins.get(0)[0], origins.get(0)[1], 500, walk);
        Nearest n = net.pointTree.nearest(o);
        int edge = net.facilitySnaps[net.pointFacility[n.facility()]].edge();
        BitSet closed = new BitSet();
        closed.set(edge);
        try {
            long t0 = System.nanoTime();
            net.graph.setClosed(edge, true);
            Snap[] points = new Snap[net.pointFacility.length];
            for (int k = 0; k < points.length; k++) {
                var f = net.town.facilities.get(net.pointFacility[k]);
                points[k] = net.snapper.snap(f.lon(), f.lat(), 500, walk);
            }
            NearestFacilityTree tree = NearestFacilityTree.build(net.graph, walk, points);
            double oursMs = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            com.graphhopper.storage.index.Snap[] ghPoints = ghPoints(net, gh.network(), closed);
            double ghMs = (System.nanoTime() - t1) / 1e6;
            out.printf(Locale.ROOT, "close a road, ready to answer: ours (close in place, re-snap points, rebuild the tree) %.1f ms; "
                    + "GraphHopper block per request (re-snap points) %.1f ms, or CH prepared again %.0f ms%n", oursMs, ghMs, chNanos / 1e6);
            nearest(net, walk, tree, points, gh, ghPoints, closed, origins, " after the closure");
            List<double[]> few = origins.subList(0, Math.min(origins.size(), 300));
            Stats ours = new Stats(), lm = new Stats(), dijkstra = new Stats();
            Agreement same = new Agreement();
            for (int rep = 0; rep < 2; rep++) {
                for (int i = 0; i < few.size(); i++) {
                    int k = (i * 37) % points.length;
                    Snap s = net.snapper.snap(few.get(i)[0], few.get(i)[1], 500, walk);
                    var g = gh.network().snap(few.get(i)[0], few.get(i)[1], closed);
                    if (s == null || g == null || points[k] == null || ghPoints[k] == null) continue;
                    long a = System.nanoTime();
                    Path p = net.walkRouter.route(s, points[k]);
                    long b = System.nanoTime();
                    GhRouter.Route r = gh.route(g, ghPoints[k], GhRouter.Algorithm.LM, closed);
                    long c = System.nanoTime();
                    gh.route(g, ghPoints[k], GhRouter.Algorithm.DIJKSTRA, closed);
                    long d = System.nanoTime();
                    if (rep == 0) continue;
                    ours.add(b - a);
                    lm.add(c - b);
                    dijkstra.add(d - c);
                    same.add(seconds(p), seconds(r));
                }
            }
            row("one-to-one after the closure, GraphHopper lm (blocked per request)", ours.count(), ours, lm, same);
            row("one-to-one after the closure, GraphHopper dijkstra (blocked per request)", ours.count(), ours, dijkstra, null);
        } finally {
            net.graph.setClosed(edge, false);
        }
    }

    private void row(String what, int n, Stats ours, Stats theirs, Agreement agreeing) {
        out.printf(Locale.ROOT, "%s (%,d): ours p50 %.4f / p99 %.4f ms, GraphHopper p50 %.4f / p99 %.4f ms → GraphHopper %.1fx ours%s%n",
                what, n, ours.p50(), ours.p99(), theirs.p50(), theirs.p99(), theirs.p50() / ours.p50(),
                agreeing == null ? "" : "; answers equal within 0.1 s: " + agreeing + " of " + String.format(Locale.ROOT, "%,d", n));
    }

    private static double seconds(Path p) { return p == null ? Double.POSITIVE_INFINITY : p.seconds(); }

    private static double seconds(GhRouter.Route r) { return r == null ? Double.POSITIVE_INFINITY : r.seconds(); }

    private static com.graphhopper.storage.index.Snap[] ghPoints(RingNetwork net, GhNetwork gh, BitSet closed) {
        var out = new com.graphhopper.storage.index.Snap[net.pointFacility.length];
        for (int k = 0; k < out.length; k++) {
            var f = net.town.facilities.get(net.pointFacility[k]);
            out[k] = gh.snap(f.lon(), f.lat(), closed);
        }
        return out;
    }

    private interface Query { Object run(int i); }

    /** How many answers agree within 0.1 s, and the largest difference seen (unreachable on both sides agrees). */
    private static final class Agreement {
        int same;
        double largest;

        void add(double ours, double theirs) {
            if (ours == Double.POSITIVE_INFINITY && theirs == Double.POSITIVE_INFINITY) { same++; return; }
            double d = Math.abs(ours - theirs);
            if (!(d <= largest)) largest = d;
            if (d <= 0.1) same++;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d (largest difference %.3f s)", same, largest);
        }
    }

    private static Stats time(int n, Query q) {
        for (int i = 0; i < n; i++) q.run(i); // warm-up
        Stats s = new Stats();
        for (int i = 0; i < n; i++) {
            long a = System.nanoTime();
            q.run(i);
            s.add(System.nanoTime() - a);
        }
        return s;
    }

    /** A fresh road graph with the same nodes and edges (what each engine builds from). */
    private static RoadGraph copy(RoadGraph g) {
        RoadGraph.Builder b = RoadGraph.builder(g.nodeCount(), g.edgeCount());
        for (int n = 0; n < g.nodeCount(); n++) b.addNode(g.nodeLon(n), g.nodeLat(n));
        for (int e = 0; e < g.edgeCount(); e++)
            b.addEdge(g.roadId(e), g.edgeFrom(e), g.edgeTo(e), g.edgeLengthMeters(e), g.roadClass(e), g.isOneway(e),
                    g.walkKmhOverride(e), g.edgeCoords(e));
        return b.build();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
