package org.gridmap.rings.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * A forward search from one origin that offers each facility a candidate time whenever an end node of its edge
 * settles, and accepts a facility once its best candidate is no later than the search frontier: nothing found
 * afterwards can be faster. Stops after k acceptances, or when the frontier passes the time limit. Facilities the
 * filter refuses are never offered, so "the k nearest that do X" costs a search as far as the k-th of them.
 */
final class KNearestSearch {
    private final RoadGraph g;
    private final EdgeCosts costs;
    private final Router router;
    private final Snap[] facilities;
    private final double[] doorSeconds, doorMeters;
    private final SnapSet set;
    private final java.util.function.IntFunction<SnapSet> setAtNode;

    /** viaSide: 0/1 = reached over the facility edge's from/to node, -1 = straight along the origin's edge. */
    private record Candidate(double seconds, int facility, int viaNode, int viaSide) { }

    /** doorSeconds/doorMeters: per facility, the walk from its snap to the facility itself, counted in the ranking. */
    KNearestSearch(RoadGraph g, EdgeCosts costs, Router router, Snap[] facilities, double[] doorSeconds,
                   double[] doorMeters, SnapSet set) {
        this(g, costs, router, facilities, doorSeconds, doorMeters, set, u -> set);
    }

    /** setAtNode: the facilities hanging off a node's edges (a per-part set); set: those on the origin's edge. */
    KNearestSearch(RoadGraph g, EdgeCosts costs, Router router, Snap[] facilities, double[] doorSeconds,
                   double[] doorMeters, SnapSet set, java.util.function.IntFunction<SnapSet> setAtNode) {
        this.setAtNode = setAtNode;
        this.g = g;
        this.costs = costs;
        this.router = router;
        this.facilities = facilities;
        this.doorSeconds = doorSeconds;
        this.doorMeters = doorMeters;
        this.set = set;
    }

    List<Nearest> run(Snap origin, int k) {
        return run(origin, k, f -> true, Double.POSITIVE_INFINITY);
    }

    List<Nearest> run(Snap origin, int k, IntPredicate accept, double limitSeconds) {
        List<Nearest> out = new ArrayList<>(k);
        Map<Integer, Double> best = new HashMap<>();
        PriorityQueue<Candidate> queue = new PriorityQueue<>((x, y) -> Double.compare(x.seconds, y.seconds));
        int e = origin.edge();
        for (int p = set.firstOnEdge(e); set.edgeAt(p) == e; p++) {
            int f = set.snapOnEdgeAt(p);
            if (!accept.test(f)) continue;
            offer(best, queue, new Candidate(costs.along(e, origin.fraction(), facilities[f].fraction()) + doorSeconds[f], f, -1, -1));
        }
        SearchSpace s = g.searchPool().acquire();
        try {
            router.seedForward(s, origin);
            while (true) {
                double frontier = s.minKey();
                while (!queue.isEmpty() && queue.peek().seconds <= frontier && queue.peek().seconds <= limitSeconds) {
                    Candidate c = queue.poll();
                    Double b = best.get(c.facility);
                    if (b == null || c.seconds > b || b.isNaN()) continue; // superseded or already accepted
                    best.put(c.facility, Double.NaN);
                    out.add(new Nearest(c.facility, c.seconds, meters(s, origin, c)));
                    if (out.size() == k) return out;
                }
                if (frontier == Double.POSITIVE_INFINITY || frontier > limitSeconds) return out;
                int u = s.poll();
                double du = s.dist[u];
                SnapSet at = setAtNode.apply(u);
                for (int p = at.firstAtNode(u); at.nodeAt(p) == u; p++) {
                    int slot = at.slotAt(p);
                    if (!accept.test(slot >> 1)) continue;
                    offer(best, queue, new Candidate(du + at.connectorAt(p) + doorSeconds[slot >> 1], slot >> 1, u, slot & 1));
                }
                s.relax(u, g.adjacency(), costs.out, false);
            }
        } finally {
            g.searchPool().release(s);
        }
    }

    private static void offer(Map<Integer, Double> best, PriorityQueue<Candidate> queue, Candidate c) {
        if (c.seconds == Double.POSITIVE_INFINITY) return;
        Double b = best.get(c.facility);
        if (b != null && (b.isNaN() || b <= c.seconds)) return;
        best.put(c.facility, c.seconds);
        queue.add(c);
    }

    /** Metres of the accepted path: origin piece, whole edges of the settled chain, facility piece, its door walk. */
    private double meters(SearchSpace s, Snap origin, Candidate c) {
        Snap f = facilities[c.facility];
        double m = doorMeters[c.facility];
        if (c.viaNode < 0) return m + Math.abs(f.fraction() - origin.fraction()) * g.edgeLengthMeters(origin.edge());
        int u = c.viaNode;
        while (s.pred[u] >= 0) {
            int de = s.pred[u], e = Adjacency.edge(de);
            m += g.edgeLengthMeters(e);
            u = Adjacency.backward(de) ? g.edgeTo(e) : g.edgeFrom(e);
        }
        double oe = g.edgeLengthMeters(origin.edge());
        m += (s.pred[u] == SearchSpace.SEED_VIA_FROM ? origin.fraction() : 1 - origin.fraction()) * oe;
        double fl = g.edgeLengthMeters(f.edge());
        m += (c.viaSide == 0 ? f.fraction() : 1 - f.fraction()) * fl;
        return m;
    }
}
