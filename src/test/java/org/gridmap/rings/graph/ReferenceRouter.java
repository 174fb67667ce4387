package org.gridmap.rings.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The textbook oracle: edges carrying snaps are cut at them into pieces with virtual nodes, every piece becomes an
 * arc in a plain adjacency list, and a lazy-deletion Dijkstra on java.util.PriorityQueue runs from the origin.
 * Shares no code with the engine except the records.
 */
final class ReferenceRouter {
    private final TestNetwork t;
    private final TravelMode mode;

    ReferenceRouter(TestNetwork t, TravelMode mode) {
        this.t = t;
        this.mode = mode;
    }

    double edgeSeconds(int e, boolean backward) {
        if (t.closed[e]) return Double.POSITIVE_INFINITY;
        if (backward && mode.respectsOneway() && t.oneway.get(e)) return Double.POSITIVE_INFINITY;
        double v = mode.kmhByClass()[t.cls.get(e).ordinal()];
        if (v <= 0) return Double.POSITIVE_INFINITY;
        double ov = t.override.get(e);
        if (mode.pedestrian() && !Double.isNaN(ov)) v = ov;
        if (v <= 0) return Double.POSITIVE_INFINITY;
        return t.length.get(e) / (v / 3.6);
    }

    double seconds(Snap from, Snap to) {
        return secondsToAll(from, new Snap[] {to})[0];
    }

    /** Seconds from one snap to each of the others (+Infinity when unreachable). */
    double[] secondsToAll(Snap from, Snap[] targets) {
        int n = t.nodes.size();
        Snap[] all = new Snap[targets.length + 1];
        all[0] = from;
        System.arraycopy(targets, 0, all, 1, targets.length);
        List<List<double[]>> adj = new ArrayList<>();
        for (int i = 0; i < n + all.length; i++) adj.add(new ArrayList<>());
        for (int e = 0; e < t.edgeCount(); e++) {
            List<double[]> cuts = new ArrayList<>(); // {fraction, node}
            cuts.add(new double[] {0, t.ends.get(e)[0]});
            for (int k = 0; k < all.length; k++)
                if (all[k] != null && all[k].edge() == e) cuts.add(new double[] {all[k].fraction(), n + k});
            cuts.add(new double[] {1, t.ends.get(e)[1]});
            cuts.sort((a, b) -> Double.compare(a[0], b[0]));
            double fwd = edgeSeconds(e, false), bwd = edgeSeconds(e, true);
            for (int i = 0; i + 1 < cuts.size(); i++) {
                double df = cuts.get(i + 1)[0] - cuts.get(i)[0];
                int a = (int) cuts.get(i)[1], b = (int) cuts.get(i + 1)[1];
                double cf = df == 0 ? 0 : fwd * df, cb = df == 0 ? 0 : bwd * df; // a zero piece is standing still
                if (cf < Double.POSITIVE_INFINITY) adj.get(a).add(new double[] {b, cf});
                if (cb < Double.POSITIVE_INFINITY) adj.get(b).add(new double[] {a, cb});
            }
        }
        double[] dist = new double[adj.size()];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        dist[n] = 0;
        PriorityQueue<double[]> pq = new PriorityQueue<>((a, b) -> Double.compare(a[1], b[1]));
        pq.add(new double[] {n, 0});
        while (!pq.isEmpty()) {
            double[] top = pq.poll();
            int u = (int) top[0];
            if (top[1] > dist[u]) continue;
            for (double[] arc : adj.get(u)) {
                int v = (int) arc[0];
                double d = dist[u] + arc[1];
                if (d < dist[v]) {
                    dist[v] = d;
                    pq.add(new double[] {v, d});
                }
            }
        }
        double[] out = new double[targets.length];
        for (int k = 0; k < targets.length; k++) out[k] = targets[k] == null ? Double.POSITIVE_INFINITY : dist[n + 1 + k];
        return out;
    }

    /** Seconds from a snap to every real node. */
    double[] secondsToNodes(Snap from) {
        int n = t.nodes.size();
        List<List<double[]>> adj = new ArrayList<>();
        for (int i = 0; i <= n; i++) adj.add(new ArrayList<>());
        for (int e = 0; e < t.edgeCount(); e++) {
            int a = t.ends.get(e)[0], b = t.ends.get(e)[1];
            double fwd = edgeSeconds(e, false), bwd = edgeSeconds(e, true);
            if (from.edge() == e) {
                double f = from.fraction();
                double c1 = f == 0 ? 0 : bwd * f, c2 = f == 1 ? 0 : fwd * (1 - f);
                if (c1 < Double.POSITIVE_INFINITY) adj.get(n).add(new double[] {a, c1});
                if (c2 < Double.POSITIVE_INFINITY) adj.get(n).add(new double[] {b, c2});
            }
            if (fwd < Double.POSITIVE_INFINITY) adj.get(a).add(new double[] {b, fwd});
            if (bwd < Double.POSITIVE_INFINITY) adj.get(b).add(new double[] {a, bwd});
        }
        double[] dist = new double[n + 1];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        dist[n] = 0;
        PriorityQueue<double[]> pq = new PriorityQueue<>((x, y) -> Double.compare(x[1], y[1]));
        pq.add(new double[] {n, 0});
        while (!pq.isEmpty()) {
            double[] top = pq.poll();
            int u = (int) top[0];
            if (top[1] > dist[u]) continue;
            for (double[] arc : adj.get(u)) {
                int v = (int) arc[0];
                double d = dist[u] + arc[1];
                if (d < dist[v]) {
                    dist[v] = d;
                    pq.add(new double[] {v, d});
                }
            }
        }
        return Arrays.copyOf(dist, n);
    }
}
