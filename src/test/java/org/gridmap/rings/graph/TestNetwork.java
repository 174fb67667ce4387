package org.gridmap.rings.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random planar-ish road networks for tests, with the raw attributes kept beside the graph so a naive reference can
 * be built from them: a jittered lattice with removed edges, bent edges, one-way edges, mixed classes, walk
 * overrides, parallel edges, self loops, a separate island, and closures.
 */
final class TestNetwork {
    static final double LON0 = 106.35, LAT0 = 29.36;

    final RoadGraph graph;
    final List<double[]> nodes = new ArrayList<>();
    final List<int[]> ends = new ArrayList<>();
    final List<Double> length = new ArrayList<>();
    final List<RoadClass> cls = new ArrayList<>();
    final List<Boolean> oneway = new ArrayList<>();
    final List<Double> override = new ArrayList<>();
    final List<double[]> coords = new ArrayList<>();
    final boolean[] closed;

    private TestNetwork(RoadGraph graph, int edges) {
        this.graph = graph;
        this.closed = new boolean[edges];
    }

    /** Geometric length of a lon/lat polyline in metres (haversine). */
    static double meters(double[] c) {
        double sum = 0;
        for (int i = 2; i < c.length; i += 2) sum += haversine(c[i - 2], c[i - 1], c[i], c[i + 1]);
        return sum;
    }

    static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double r = 6_371_008.8, p1 = Math.toRadians(lat1), p2 = Math.toRadians(lat2);
        double dp = p2 - p1, dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /**
     * @param exactLengths true: every edge's length is its geometric length (so metres can be checked against the
     *                     drawn path); false: lengths get a random factor as real data would.
     */
    static TestNetwork random(long seed, int cols, int rows, boolean exactLengths) {
        Random rnd = new Random(seed);
        double spacing = 80;
        double dLon = spacing / (111_195 * Math.cos(Math.toRadians(LAT0))), dLat = spacing / 111_195;
        List<double[]> nodeList = new ArrayList<>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                nodeList.add(new double[] {LON0 + (c + 0.3 * (rnd.nextDouble() - 0.5)) * dLon,
                        LAT0 + (r + 0.3 * (rnd.nextDouble() - 0.5)) * dLat});
        int island = nodeList.size();
        for (int i = 0; i < 4; i++) // a small square far east: never connected to the rest
            nodeList.add(new double[] {LON0 + (cols + 5 + (i % 2)) * dLon, LAT0 + (i / 2) * dLat});
        List<int[]> pairs = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int n = r * cols + c;
                if (c + 1 < cols && rnd.nextDouble() > 0.15) pairs.add(new int[] {n, n + 1});
                if (r + 1 < rows && rnd.nextDouble() > 0.15) pairs.add(new int[] {n, n + cols});
                if (c + 1 < cols && r + 1 < rows && rnd.nextDouble() < 0.05) pairs.add(new int[] {n, n + cols + 1});
            }
        }
        for (int i = 0; i < 3; i++) { // parallel roads between already linked nodes
            int[] p = pairs.get(rnd.nextInt(pairs.size()));
            pairs.add(new int[] {p[1], p[0]});
        }
        pairs.add(new int[] {rnd.nextInt(island), -1}); // a self loop, drawn as a small ring
        pairs.add(new int[] {island, island + 1});
        pairs.add(new int[] {island + 1, island + 3});
        pairs.add(new int[] {island + 3, island + 2});
        pairs.add(new int[] {island + 2, island});

        RoadGraph.Builder b = RoadGraph.builder(nodeList.size(), pairs.size());
        for (double[] n : nodeList) b.addNode(n[0], n[1]);
        List<Object[]> edgeRows = new ArrayList<>();
        for (int[] p : pairs) {
            int from = p[0], to = p[1] < 0 ? p[0] : p[1];
            double[] a = nodeList.get(from), z = nodeList.get(to);
            double[] line;
            if (p[1] < 0) {
                line = new double[] {a[0], a[1], a[0] + dLon / 4, a[1], a[0] + dLon / 4, a[1] + dLat / 4, a[0], a[1]};
            } else if (rnd.nextDouble() < 0.3) { // a bend with one or two interior vertices
                double mx = (a[0] + z[0]) / 2 + 0.2 * (rnd.nextDouble() - 0.5) * dLon;
                double my = (a[1] + z[1]) / 2 + 0.2 * (rnd.nextDouble() - 0.5) * dLat;
                line = rnd.nextBoolean() ? new double[] {a[0], a[1], mx, my, z[0], z[1]}
                        : new double[] {a[0], a[1], mx, my, (mx + z[0]) / 2, my, z[0], z[1]};
            } else {
                line = new double[] {a[0], a[1], z[0], z[1]};
            }
            double len = meters(line) * (exactLengths ? 1 : 0.9 + 0.5 * rnd.nextDouble());
            RoadClass rc = RoadClass.values()[rnd.nextInt(4)];
            boolean ow = rnd.nextDouble() < 0.2;
            double ov = exactLengths || rnd.nextDouble() > 0.1 ? Double.NaN : 2 + 3 * rnd.nextDouble();
            edgeRows.add(new Object[] {from, to, len, rc, ow, ov, line});
        }
        for (int i = 0; i < edgeRows.size(); i++) {
            Object[] r = edgeRows.get(i);
            b.addEdge(1000 + i, (int) r[0], (int) r[1], (double) r[2], (RoadClass) r[3], (boolean) r[4], (double) r[5], (double[]) r[6]);
        }
        TestNetwork t = new TestNetwork(b.build(), edgeRows.size());
        t.nodes.addAll(nodeList);
        for (Object[] r : edgeRows) {
            t.ends.add(new int[] {(int) r[0], (int) r[1]});
            t.length.add((double) r[2]);
            t.cls.add((RoadClass) r[3]);
            t.oneway.add((boolean) r[4]);
            t.override.add((double) r[5]);
            t.coords.add((double[]) r[6]);
        }
        return t;
    }

    int edgeCount() {
        return ends.size();
    }

    void close(int e, boolean c) {
        closed[e] = c;
        graph.setClosed(e, c);
    }

    void closeRandom(Random rnd, double share) {
        for (int e = 0; e < edgeCount(); e++) if (rnd.nextDouble() < share) close(e, true);
    }

    void setRoad(int e, double len, RoadClass rc, boolean ow, double ov, double[] line) {
        length.set(e, len);
        cls.set(e, rc);
        oneway.set(e, ow);
        override.set(e, ov);
        if (line != null) coords.set(e, line);
        graph.setRoad(e, len, rc, ow, ov, line);
    }

    /** A snap on a random edge at a random fraction, sometimes exactly on an end. */
    Snap randomSnap(Random rnd) {
        int e = rnd.nextInt(edgeCount());
        double u = rnd.nextDouble();
        double f = u < 0.1 ? 0 : u < 0.2 ? 1 : rnd.nextDouble();
        double[] p = EdgeGeometry.pointAt(graph, e, f);
        return new Snap(e, f, p[0], p[1], 0);
    }
}
