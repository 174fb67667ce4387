package org.gridmap.rings.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Prints build time, heap, facility-tree build time and query latencies for a town-sized (~20k edges) and a
 * city-sized (~1.5M edges) synthetic lattice. Run: {@code java -Xmx2g -cp target/classes:<jts> ...GraphBenchmark
 * [town|city]}. 336 service points and 15,000 households per town-sized area, as in the reference town.
 */
public final class GraphBenchmark {
    private static final double LON0 = 106.3467, LAT0 = 29.3610;
    private static final LocalProjection FRAME = LocalProjection.around(LON0, LAT0);

    private GraphBenchmark() { }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "both";
        if (!which.equals("city")) run("town", 105, 105, 1);
        if (!which.equals("town")) run("city", 915, 915, 75);
    }

    private static void run(String label, int cols, int rows, int towns) {
        double spacing = 60;
        System.out.printf(Locale.ROOT, "%n== %s: %d x %d lattice, %.0f m spacing%n", label, cols, rows, spacing);
        long heap0 = usedHeap();
        long t0 = System.nanoTime();
        RoadGraph g = SyntheticLattice.build(cols, rows, spacing, LON0, LAT0, 42);
        long buildMs = ms(t0);
        long heapGraph = usedHeap() - heap0;
        System.out.printf(Locale.ROOT, "graph: %,d nodes, %,d edges, built in %d ms, heap %.1f MB%n",
                g.nodeCount(), g.edgeCount(), buildMs, heapGraph / 1e6);

        long heap1 = usedHeap();
        t0 = System.nanoTime();
        Snapper snapper = new Snapper(g);
        long snapMs = ms(t0);
        long heap2 = usedHeap();
        System.out.printf(Locale.ROOT, "snapper built in %d ms, heap %.1f MB%n", snapMs, (heap2 - heap1) / 1e6);
        TravelMode walk = TravelMode.walk(4.5);
        t0 = System.nanoTime();
        Router router = new Router(g, walk);
        long costMs = ms(t0);
        System.out.printf(Locale.ROOT, "walk costs built in %d ms, heap %.1f MB%n", costMs, (usedHeap() - heap2) / 1e6);

        Random rnd = new Random(7);
        double w = cols * spacing, h = rows * spacing;
        Snap[] points = new Snap[336 * towns];
        for (int i = 0; i < points.length; i++) points[i] = randomSnap(snapper, rnd, w, h);
        long[] treeNs = new long[5];
        NearestFacilityTree tree = null;
        for (int i = 0; i < treeNs.length; i++) {
            t0 = System.nanoTime();
            tree = NearestFacilityTree.build(g, walk, points);
            treeNs[i] = System.nanoTime() - t0;
        }
        Arrays.sort(treeNs);
        System.out.printf(Locale.ROOT, "nearest-facility tree (%,d facilities): median build %.1f ms, %.1f MB%n", points.length,
                treeNs[2] / 1e6, tree.heapBytesEstimate() / 1e6);

        int queries = 10_000;
        Snap[] origins = new Snap[queries];
        long[] snapNs = new long[queries];
        for (int i = 0; i < queries; i++) {
            double lon = FRAME.lon(rnd.nextDouble() * w), lat = FRAME.lat(rnd.nextDouble() * h);
            long s = System.nanoTime();
            origins[i] = snapper.snap(lon, lat, 500);
            snapNs[i] = System.nanoTime() - s;
        }
        long[] nearNs = new long[queries];
        int routed = 0;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (int i = 0; i < queries; i++) {
                long s = System.nanoTime();
                Nearest n = tree.nearest(origins[i]);
                Path p = n == null ? null : tree.routeToNearest(origins[i]);
                nearNs[i] = System.nanoTime() - s;
                if (p != null) routed++;
            }
        }
        System.out.printf(Locale.ROOT, "snap: p50 %.1f µs, p99 %.1f µs%n", pct(snapNs, 50) / 1e3, pct(snapNs, 99) / 1e3);
        System.out.printf(Locale.ROOT, "nearest+routeToNearest (%,d snaps): p50 %.1f µs, p99 %.1f µs (%d routed)%n",
                queries, pct(nearNs, 50) / 1e3, pct(nearNs, 99) / 1e3, routed / 2);

        int pairs = 2_000;
        long[] localNs = new long[pairs];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < pairs; i++) {
                Snap a = origins[i];
                Snap b = null;
                while (b == null)
                    b = snapper.snap(a.lon() + (rnd.nextDouble() - 0.5) * 0.03, a.lat() + (rnd.nextDouble() - 0.5) * 0.025, 500);
                long s = System.nanoTime();
                router.travelSeconds(a, b);
                localNs[i] = System.nanoTime() - s;
            }
        }
        System.out.printf(Locale.ROOT, "travelSeconds, pairs within ~1.5 km: p50 %.2f ms, p99 %.2f ms%n",
                pct(localNs, 50) / 1e6, pct(localNs, 99) / 1e6);
        int far = label.equals("town") ? 2_000 : 100;
        long[] farNs = new long[far];
        for (int i = 0; i < far; i++) {
            long s = System.nanoTime();
            router.travelSeconds(origins[i], origins[queries - 1 - i]);
            farNs[i] = System.nanoTime() - s;
        }
        System.out.printf(Locale.ROOT, "travelSeconds, random pairs anywhere: p50 %.2f ms, p99 %.2f ms%n",
                pct(farNs, 50) / 1e6, pct(farNs, 99) / 1e6);

        int households = 15_000 * towns;
        Snap[] homes = new Snap[households];
        for (int i = 0; i < households; i++) homes[i] = randomSnap(snapper, rnd, w, h);
        t0 = System.nanoTime();
        NearestFacilityTree ring4 = NearestFacilityTree.build(g, walk, points);
        int ok = 0;
        for (Snap home : homes) {
            Nearest n = ring4.nearest(home);
            if (n != null && n.seconds() + home.distanceMeters() / (4.5 / 3.6) <= 300) ok++;
        }
        System.out.printf(Locale.ROOT, "ring 4 recompute (tree + %,d households): %d ms, %.1f %% within 5 min%n",
                households, ms(t0), 100.0 * ok / households);

        // ring 3: each grid hub against its own service points, which lie in its grid (here: within ~400 m)
        Snap[] hubs = Arrays.copyOf(points, 117 * towns);
        Snap[][] assigned = new Snap[hubs.length][];
        for (int hub = 0; hub < hubs.length; hub++) {
            assigned[hub] = new Snap[3];
            for (int j = 0; j < 3; j++) {
                Snap s = null;
                while (s == null)
                    s = snapper.snap(hubs[hub].lon() + (rnd.nextDouble() - 0.5) * 0.008, hubs[hub].lat() + (rnd.nextDouble() - 0.5) * 0.007, 500);
                assigned[hub][j] = s;
            }
        }
        t0 = System.nanoTime();
        for (int hub = 0; hub < hubs.length; hub++) router.travelSecondsFromMany(assigned[hub], hubs[hub], Double.POSITIVE_INFINITY);
        System.out.printf(Locale.ROOT, "ring 3 recompute (%,d hubs × 3 points, one search per hub): %d ms%n", hubs.length, ms(t0));

        GeometryFactory gf = new GeometryFactory();
        long[] isoNs = new long[20];
        int vertices = 0;
        for (int i = 0; i < isoNs.length; i++) {
            long s = System.nanoTime();
            Geometry iso = router.reach(origins[i], 900).isochrone(900, 25, gf);
            isoNs[i] = System.nanoTime() - s;
            vertices = iso.getNumPoints();
        }
        System.out.printf(Locale.ROOT, "15-minute walk isochrone (reach + polygon): p50 %.1f ms (%d vertices)%n", pct(isoNs, 50) / 1e6, vertices);
        System.out.printf(Locale.ROOT, "heap used with graph, snapper, costs and two trees: %.1f MB (graph arrays estimate %.1f MB)%n",
                (usedHeap() - heap0) / 1e6, g.heapBytesEstimate() / 1e6);
    }

    /** A random location in the lattice's extent, snapped within 500 m. */
    private static Snap randomSnap(Snapper snapper, Random rnd, double w, double h) {
        while (true) {
            Snap s = snapper.snap(FRAME.lon(rnd.nextDouble() * w), FRAME.lat(rnd.nextDouble() * h), 500);
            if (s != null) return s;
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long pct(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(s.length * p / 100.0))];
    }
}
