package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The road network of one town while it is being drawn, in metres: nodes and straight edges with a spatial hash
 * so that new roads can find and join the nearest existing road.
 *
 * <p>A road joins another by splitting the target edge at the joining point, so both share the exact same
 * vertex; junctions therefore survive conversion and rounding to lon/lat exactly. Crossings that happen by
 * chance are left to the final noding step ({@link RoadAssembler}).
 */
final class RoadDraft {
    static final int MAIN = 0;
    static final int VILLAGE = 1;
    static final int PATH = 2;
    static final int STAIRS = 3;
    static final String[] CLASS_NAMES = {"main", "village", "path", "stairs"};
    private static final double CELL = 100;
    /** A join closer than this to an edge's end reuses that end instead of making a sliver edge. */
    private static final double SNAP_TO_END = 2.0;

    private double[] nx = new double[4096];
    private double[] ny = new double[4096];
    private int nodes;
    private int[] ea = new int[4096];
    private int[] eb = new int[4096];
    private int[] ecls = new int[4096];
    private int[] ename = new int[4096];
    private int[] egroup = new int[4096];
    private boolean[] dead = new boolean[4096];
    private int edges;
    private final List<String> names = new ArrayList<>(List.of(""));
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final Map<Long, int[]> cells = new HashMap<>();

    /** Where a point meets the nearest edge. */
    record Attach(int edge, double x, double y, double distance) {
    }

    int nodeCount() {
        return nodes;
    }

    int edgeCount() {
        return edges;
    }

    double x(int node) {
        return nx[node];
    }

    double y(int node) {
        return ny[node];
    }

    int a(int edge) {
        return ea[edge];
    }

    int b(int edge) {
        return eb[edge];
    }

    int cls(int edge) {
        return ecls[edge];
    }

    int group(int edge) {
        return egroup[edge];
    }

    boolean alive(int edge) {
        return !dead[edge];
    }

    /** Road name of an edge, or null. */
    String name(int edge) {
        return ename[edge] == 0 ? null : names.get(ename[edge]);
    }

    double length(int edge) {
        return Math.hypot(nx[eb[edge]] - nx[ea[edge]], ny[eb[edge]] - ny[ea[edge]]);
    }

    int node(double x, double y) {
        if (nodes == nx.length) {
            nx = Arrays.copyOf(nx, nodes * 2);
            ny = Arrays.copyOf(ny, nodes * 2);
        }
        nx[nodes] = x;
        ny[nodes] = y;
        return nodes++;
    }

    int nameId(String name) {
        if (name == null) return 0;
        return nameIds.computeIfAbsent(name, n -> {
            names.add(n);
            return names.size() - 1;
        });
    }

    int edge(int a, int b, int cls, int nameId, int group) {
        if (edges == ea.length) {
            int n = edges * 2;
            ea = Arrays.copyOf(ea, n);
            eb = Arrays.copyOf(eb, n);
            ecls = Arrays.copyOf(ecls, n);
            ename = Arrays.copyOf(ename, n);
            egroup = Arrays.copyOf(egroup, n);
            dead = Arrays.copyOf(dead, n);
        }
        ea[edges] = a;
        eb[edges] = b;
        ecls[edges] = cls;
        ename[edges] = nameId;
        egroup[edges] = group;
        index(edges);
        return edges++;
    }

    /** Draws {@code from} → interior points → {@code to} (or a new end node at the last point if to &lt; 0). */
    int polyline(int from, List<double[]> interior, int to, int cls, String name, int group) {
        int id = nameId(name);
        int prev = from;
        for (double[] p : interior) {
            int n = node(p[0], p[1]);
            edge(prev, n, cls, id, group);
            prev = n;
        }
        if (to >= 0) {
            edge(prev, to, cls, id, group);
            return to;
        }
        return prev;
    }

    /** Nearest alive edge accepted by {@code filter} within {@code maxDist}, or null. */
    Attach nearest(double x, double y, double maxDist, IntPredicate filter) {
        long cx = (long) Math.floor(x / CELL);
        long cy = (long) Math.floor(y / CELL);
        Attach best = null;
        int maxRing = (int) Math.ceil(maxDist / CELL) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            if (best != null && best.distance < (ring - 1) * CELL) break;
            for (long i = cx - ring; i <= cx + ring; i++) {
                for (long j = cy - ring; j <= cy + ring; j++) {
                    if (Math.max(Math.abs(i - cx), Math.abs(j - cy)) != ring) continue;
                    int[] list = cells.get(key(i, j));
                    if (list == null) continue;
                    for (int k = 1; k <= list[0]; k++) {
                        int e = list[k];
                        if (dead[e] || !filter.test(e)) continue;
                        Attach a = project(e, x, y);
                        if (a.distance <= maxDist && (best == null || a.distance < best.distance
                                || (a.distance == best.distance && e < best.edge))) {
                            best = a;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** Splits the edge of {@code at} there (or reuses a close end); returns the node at the joining point. */
    int join(Attach at) {
        int e = at.edge;
        int a = ea[e];
        int b = eb[e];
        if (Math.hypot(at.x - nx[a], at.y - ny[a]) < SNAP_TO_END) return a;
        if (Math.hypot(at.x - nx[b], at.y - ny[b]) < SNAP_TO_END) return b;
        int n = node(at.x, at.y);
        dead[e] = true;
        edge(a, n, ecls[e], ename[e], egroup[e]);
        edge(n, b, ecls[e], ename[e], egroup[e]);
        return n;
    }

    /** For every node, the alive edges touching it (ids). */
    int[][] adjacency() {
        int[] deg = new int[nodes];
        for (int e = 0; e < edges; e++) {
            if (dead[e]) continue;
            deg[ea[e]]++;
            deg[eb[e]]++;
        }
        int[][] adj = new int[nodes][];
        for (int v = 0; v < nodes; v++) adj[v] = new int[deg[v]];
        Arrays.fill(deg, 0);
        for (int e = 0; e < edges; e++) {
            if (dead[e]) continue;
            adj[ea[e]][deg[ea[e]]++] = e;
            adj[eb[e]][deg[eb[e]]++] = e;
        }
        return adj;
    }

    private Attach project(int e, double x, double y) {
        double ax = nx[ea[e]];
        double ay = ny[ea[e]];
        double dx = nx[eb[e]] - ax;
        double dy = ny[eb[e]] - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
        double px = ax + t * dx;
        double py = ay + t * dy;
        return new Attach(e, px, py, Math.hypot(x - px, y - py));
    }

    private void index(int e) {
        double x0 = Math.min(nx[ea[e]], nx[eb[e]]);
        double x1 = Math.max(nx[ea[e]], nx[eb[e]]);
        double y0 = Math.min(ny[ea[e]], ny[eb[e]]);
        double y1 = Math.max(ny[ea[e]], ny[eb[e]]);
        for (long i = (long) Math.floor(x0 / CELL); i <= (long) Math.floor(x1 / CELL); i++) {
            for (long j = (long) Math.floor(y0 / CELL); j <= (long) Math.floor(y1 / CELL); j++) {
                int[] list = cells.computeIfAbsent(key(i, j), k -> new int[9]);
                if (list[0] + 1 == list.length) {
                    list = Arrays.copyOf(list, list.length * 2);
                    cells.put(key(i, j), list);
                }
                list[++list[0]] = e;
            }
        }
    }

    private static long key(long i, long j) {
        return (i << 32) ^ (j & 0xffffffffL);
    }
}
