package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The first ring as a town's own roads give it: the share of households whose walk from the nearest point of a
 * road to the nearest service point is within the ring's minutes, at the built-in policy's speeds (4.5 km/h,
 * stairs 3.15 km/h). A generator-side estimate, so that figures need no database; the rings engine measures the
 * imported town the same way, with its own snapping.
 */
final class WalkCoverage {
    static final double MINUTES = 5;
    private static final double WALK = 4.5 / 3.6;
    private static final double STAIRS = 3.15 / 3.6;

    private WalkCoverage() {
    }

    static double share(TownData town) {
        LocalPlane plane = new LocalPlane(town.plan().centreLon(), town.plan().centreLat());
        Map<Long, Integer> ids = new HashMap<>();
        List<Coordinate> nodes = new ArrayList<>();
        List<double[]> edges = new ArrayList<>(); // a, b, seconds
        STRtree index = new STRtree();
        for (Road r : town.network().roads()) {
            double speed = r.cls().equals("stairs") ? STAIRS : WALK;
            Coordinate[] c = r.line().getCoordinates();
            for (int i = 0; i + 1 < c.length; i++) {
                int a = node(c[i], ids, nodes, plane);
                int b = node(c[i + 1], ids, nodes, plane);
                double len = nodes.get(a).distance(nodes.get(b));
                edges.add(new double[] {a, b, len / speed});
                Envelope e = new Envelope(nodes.get(a), nodes.get(b));
                index.insert(e, edges.size() - 1);
            }
        }
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) adj.add(new ArrayList<>());
        for (int e = 0; e < edges.size(); e++) {
            adj.get((int) edges.get(e)[0]).add(e);
            adj.get((int) edges.get(e)[1]).add(e);
        }
        double[] dist = new double[nodes.size()];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        PriorityQueue<double[]> pq = new PriorityQueue<>((p, q) -> Double.compare(p[0], q[0]));
        for (Facility f : town.facilities()) {
            Integer n = f.level().equals("point") ? ids.get(key(f.lonLat())) : null;
            if (n == null) continue;
            dist[n] = 0;
            pq.add(new double[] {0, n});
        }
        while (!pq.isEmpty()) {
            double[] top = pq.poll();
            int v = (int) top[1];
            if (top[0] > dist[v]) continue;
            for (int e : adj.get(v)) {
                double[] ed = edges.get(e);
                int w = (int) ed[0] == v ? (int) ed[1] : (int) ed[0];
                if (top[0] + ed[2] < dist[w]) {
                    dist[w] = top[0] + ed[2];
                    pq.add(new double[] {dist[w], w});
                }
            }
        }
        int within = 0;
        for (Household h : town.households()) {
            Coordinate p = h.metric();
            Object nearest = index.nearestNeighbour(new Envelope(p), -1, (a, b) -> {
                int e = (Integer) (a.getItem().equals(-1) ? b.getItem() : a.getItem());
                double[] ed = edges.get(e);
                return org.locationtech.jts.algorithm.Distance.pointToSegment(p, nodes.get((int) ed[0]),
                        nodes.get((int) ed[1]));
            });
            double[] ed = edges.get((Integer) nearest);
            Coordinate a = nodes.get((int) ed[0]);
            Coordinate b = nodes.get((int) ed[1]);
            double len = a.distance(b);
            double t = len == 0 ? 0 : Math.max(0, Math.min(1,
                    ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (len * len)));
            double seconds = Math.min(dist[(int) ed[0]] + t * ed[2], dist[(int) ed[1]] + (1 - t) * ed[2]);
            if (seconds <= MINUTES * 60) within++;
        }
        return town.households().isEmpty() ? 0 : (double) within / town.households().size();
    }

    private static int node(Coordinate lonLat, Map<Long, Integer> ids, List<Coordinate> nodes, LocalPlane plane) {
        return ids.computeIfAbsent(key(lonLat), k -> {
            nodes.add(plane.toMetric(lonLat));
            return nodes.size() - 1;
        });
    }

    private static long key(Coordinate lonLat) {
        return Math.round(lonLat.x * 1e7) * 4_000_000_000L + Math.round(lonLat.y * 1e7);
    }
}
