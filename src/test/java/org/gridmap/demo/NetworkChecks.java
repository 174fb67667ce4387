package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.index.strtree.STRtree;

/** Independent checks of a road network read back from roads.geojson (lon/lat lines). */
final class NetworkChecks {
    private NetworkChecks() {
    }

    static long key(Coordinate c) {
        return Math.round(c.x * 1e7) * 4_000_000_000L + Math.round(c.y * 1e7);
    }

    /** Describes every place where two lines meet other than at a shared endpoint of both (empty = noded). */
    static List<String> nodingProblems(List<LineString> lines) {
        STRtree tree = new STRtree();
        for (int l = 0; l < lines.size(); l++) {
            Coordinate[] c = lines.get(l).getCoordinates();
            for (int i = 0; i + 1 < c.length; i++) tree.insert(new Envelope(c[i], c[i + 1]), new int[] {l, i});
        }
        List<String> problems = new ArrayList<>();
        RobustLineIntersector li = new RobustLineIntersector();
        for (int l = 0; l < lines.size() && problems.size() < 20; l++) {
            Coordinate[] c = lines.get(l).getCoordinates();
            for (int i = 0; i + 1 < c.length; i++) {
                for (Object o : tree.query(new Envelope(c[i], c[i + 1]))) {
                    int[] other = (int[]) o;
                    if (other[0] < l || (other[0] == l && other[1] <= i)) continue;
                    Coordinate[] d = lines.get(other[0]).getCoordinates();
                    li.computeIntersection(c[i], c[i + 1], d[other[1]], d[other[1] + 1]);
                    if (!li.hasIntersection()) continue;
                    if (other[0] == l && other[1] == i + 1 && li.getIntersectionNum() == 1
                            && li.getIntersection(0).equals2D(c[i + 1])) continue; // consecutive segments
                    Coordinate x = li.getIntersection(0);
                    boolean ok = li.getIntersectionNum() == 1 && other[0] != l
                            && isEnd(x, lines.get(l)) && isEnd(x, lines.get(other[0]))
                            && isVertex(x, c, i) && isVertex(x, d, other[1]);
                    if (!ok) problems.add("lines " + l + "/" + other[0] + " meet at " + x);
                }
            }
        }
        return problems;
    }

    private static boolean isEnd(Coordinate x, LineString l) {
        return x.equals2D(l.getCoordinateN(0)) || x.equals2D(l.getCoordinateN(l.getNumPoints() - 1));
    }

    private static boolean isVertex(Coordinate x, Coordinate[] c, int seg) {
        return x.equals2D(c[seg]) || x.equals2D(c[seg + 1]);
    }

    /** Connected components of the network, joining lines at equal endpoints. */
    static int components(List<LineString> lines) {
        Map<Long, Integer> id = new HashMap<>();
        List<int[]> pairs = new ArrayList<>();
        for (LineString l : lines) {
            int a = id.computeIfAbsent(key(l.getCoordinateN(0)), k -> id.size());
            int b = id.computeIfAbsent(key(l.getCoordinateN(l.getNumPoints() - 1)), k -> id.size());
            pairs.add(new int[] {a, b});
        }
        int[] p = new int[id.size()];
        for (int i = 0; i < p.length; i++) p[i] = i;
        for (int[] e : pairs) p[find(p, e[0])] = find(p, e[1]);
        Set<Integer> roots = new HashSet<>();
        for (int i = 0; i < p.length; i++) roots.add(find(p, i));
        return roots.size();
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) i = p[i] = p[p[i]];
        return i;
    }

    static Set<Long> endpoints(List<LineString> lines) {
        Set<Long> out = new HashSet<>();
        for (LineString l : lines) {
            out.add(key(l.getCoordinateN(0)));
            out.add(key(l.getCoordinateN(l.getNumPoints() - 1)));
        }
        return out;
    }

    /**
     * Walking distance (metres) from each origin to the nearest source over the network: straight to the nearest
     * road, then along it. Lines must be in a metric plane. Returns {access, network} per origin.
     */
    static double[][] walk(List<LineString> metricLines, List<Coordinate> sources, List<Coordinate> origins) {
        Map<Long, Integer> vid = new HashMap<>();
        List<double[]> edges = new ArrayList<>();
        STRtree segs = new STRtree();
        for (LineString l : metricLines) {
            Coordinate[] c = l.getCoordinates();
            for (int i = 0; i + 1 < c.length; i++) {
                int a = vid.computeIfAbsent(mkey(c[i]), k -> vid.size());
                int b = vid.computeIfAbsent(mkey(c[i + 1]), k -> vid.size());
                edges.add(new double[] {a, b, c[i].distance(c[i + 1])});
                segs.insert(new Envelope(c[i], c[i + 1]), new Object[] {new LineSegment(c[i], c[i + 1]), a, b});
            }
        }
        int n = vid.size();
        List<List<double[]>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) adj.add(new ArrayList<>());
        for (double[] e : edges) {
            adj.get((int) e[0]).add(new double[] {e[1], e[2]});
            adj.get((int) e[1]).add(new double[] {e[0], e[2]});
        }
        double[] d = new double[n];
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        PriorityQueue<double[]> pq = new PriorityQueue<>(Comparator.comparingDouble((double[] q) -> q[0]));
        for (Coordinate s : sources) {
            Integer v = vid.get(mkey(s));
            if (v == null) throw new IllegalArgumentException("source not on network: " + s);
            d[v] = 0;
            pq.add(new double[] {0, v});
        }
        while (!pq.isEmpty()) {
            double[] t = pq.poll();
            int v = (int) t[1];
            if (t[0] > d[v]) continue;
            for (double[] e : adj.get(v)) {
                double nd = d[v] + e[1];
                if (nd < d[(int) e[0]]) {
                    d[(int) e[0]] = nd;
                    pq.add(new double[] {nd, e[0]});
                }
            }
        }
        double[][] out = new double[origins.size()][];
        for (int i = 0; i < origins.size(); i++) {
            Coordinate o = origins.get(i);
            double best = Double.POSITIVE_INFINITY;
            Object[] hit = null;
            for (double r = 50; r < 20_000; r *= 2) {
                Envelope env = new Envelope(o);
                env.expandBy(r);
                for (Object x : segs.query(env)) {
                    Object[] s = (Object[]) x;
                    double dist = ((LineSegment) s[0]).distance(o);
                    if (dist < best) {
                        best = dist;
                        hit = s;
                    }
                }
                if (hit != null && best <= r) break;
            }
            LineSegment seg = (LineSegment) hit[0];
            Coordinate p = seg.closestPoint(o);
            double net = Math.min(d[(Integer) hit[1]] + p.distance(seg.p0), d[(Integer) hit[2]] + p.distance(seg.p1));
            out[i] = new double[] {best, net};
        }
        return out;
    }

    private static long mkey(Coordinate c) {
        return Math.round(c.x * 1000) * 10_000_000_000L + Math.round(c.y * 1000);
    }
}
