package org.gridmap.rings;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.TravelMode;

/**
 * A textbook oracle for walking times on the engine's road graph: one lazy-deletion Dijkstra (java.util.PriorityQueue)
 * per facility over a plain edge list read through the graph's public accessors, seconds per edge from the road's
 * stored length and the mode's speed. Shares no search code with the engine. Walking ignores one-way, so the time
 * from a node to a facility equals the time from the facility to the node.
 */
final class ReferenceWalk {
    private final RoadGraph g;
    private final double[] edgeSeconds;
    private final Snap[] facilities;
    /** [facility][node]: seconds from the node to the facility's snapped point, and the metres of that path. */
    private final double[][] toFacility, metersToFacility;

    ReferenceWalk(RoadGraph g, TravelMode mode, Snap[] facilities) {
        if (mode.respectsOneway()) throw new IllegalArgumentException("a walking mode ignores one-way");
        this.g = g;
        this.facilities = facilities;
        int m = g.edgeCount(), n = g.nodeCount();
        edgeSeconds = new double[m];
        int[] degree = new int[n + 1];
        for (int e = 0; e < m; e++) {
            edgeSeconds[e] = seconds(g, mode, e);
            degree[g.edgeFrom(e) + 1]++;
            degree[g.edgeTo(e) + 1]++;
        }
        for (int i = 0; i < n; i++) degree[i + 1] += degree[i];
        int[] fill = degree.clone(), incident = new int[2 * m];
        for (int e = 0; e < m; e++) {
            incident[fill[g.edgeFrom(e)]++] = e;
            incident[fill[g.edgeTo(e)]++] = e;
        }
        toFacility = new double[facilities.length][];
        metersToFacility = new double[facilities.length][];
        for (int k = 0; k < facilities.length; k++) {
            Snap f = facilities[k];
            double[] dist = new double[n], meters = new double[n];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            toFacility[k] = dist;
            metersToFacility[k] = meters;
            if (f == null) continue;
            PriorityQueue<double[]> pq = new PriorityQueue<>((x, y) -> Double.compare(x[1], y[1]));
            double c = edgeSeconds[f.edge()], len = g.edgeLengthMeters(f.edge());
            seed(dist, meters, pq, g.edgeFrom(f.edge()), piece(c, f.fraction()), f.fraction() * len);
            seed(dist, meters, pq, g.edgeTo(f.edge()), piece(c, 1 - f.fraction()), (1 - f.fraction()) * len);
            while (!pq.isEmpty()) {
                double[] top = pq.poll();
                int u = (int) top[0];
                if (top[1] > dist[u]) continue;
                for (int i = degree[u]; i < degree[u + 1]; i++) {
                    int e = incident[i];
                    int v = g.edgeFrom(e) == u ? g.edgeTo(e) : g.edgeFrom(e);
                    double d = dist[u] + edgeSeconds[e];
                    if (d < dist[v]) {
                        dist[v] = d;
                        meters[v] = meters[u] + g.edgeLengthMeters(e);
                        pq.add(new double[] {v, d});
                    }
                }
            }
        }
    }

    /** Seconds along the network from a snapped origin to facility k's snapped point, +Infinity when unreachable. */
    double seconds(Snap origin, int k) {
        return fastest(origin, k)[0];
    }

    /** Metres of that fastest path. */
    double meters(Snap origin, int k) {
        return fastest(origin, k)[1];
    }

    /** {seconds, metres}: leave the origin's edge over either end, or walk straight along it to a facility on it. */
    private double[] fastest(Snap origin, int k) {
        Snap f = facilities[k];
        double[] best = {Double.POSITIVE_INFINITY, Double.NaN};
        if (f == null) return best;
        int e = origin.edge(), a = g.edgeFrom(e), b = g.edgeTo(e);
        double c = edgeSeconds[e], of = origin.fraction(), len = g.edgeLengthMeters(e);
        consider(best, piece(c, of) + toFacility[k][a], of * len + metersToFacility[k][a]);
        consider(best, piece(c, 1 - of) + toFacility[k][b], (1 - of) * len + metersToFacility[k][b]);
        double share = Math.abs(f.fraction() - of);
        if (f.edge() == e) consider(best, piece(c, share), share * len);
        return best;
    }

    private static void consider(double[] best, double seconds, double meters) {
        if (seconds < best[0]) {
            best[0] = seconds;
            best[1] = meters;
        }
    }

    private static double seconds(RoadGraph g, TravelMode mode, int e) {
        if (g.isClosed(e)) return Double.POSITIVE_INFINITY;
        double kmh = mode.kmh(g.roadClass(e));
        if (kmh > 0 && mode.pedestrian() && !Double.isNaN(g.walkKmhOverride(e))) kmh = g.walkKmhOverride(e);
        return kmh > 0 ? g.edgeLengthMeters(e) / (kmh / 3.6) : Double.POSITIVE_INFINITY;
    }

    /** A share of an edge; standing still costs nothing, even on an edge one may not walk. */
    private static double piece(double edgeSeconds, double share) {
        return share <= 0 ? 0 : edgeSeconds * share;
    }

    private static void seed(double[] dist, double[] meters, PriorityQueue<double[]> pq, int node, double d, double m) {
        if (d < dist[node]) {
            dist[node] = d;
            meters[node] = m;
            pq.add(new double[] {node, d});
        }
    }
}
