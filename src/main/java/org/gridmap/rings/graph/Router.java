package org.gridmap.rings.graph;

import java.util.Arrays;

/**
 * Travel times and routes between snaps for one travel mode. Thread-safe: each query borrows a search space from
 * the graph's pool. Origins and destinations stay on their edges (no virtual nodes are added to the graph): a
 * search starts with the two end nodes of the origin's edge labelled by the partial-edge costs, and a destination
 * is reached through either end node of its edge, or straight along a shared edge.
 */
public final class Router {
    private static final int NONE = 0, DIRECT = 1, VIA_FROM = 2, VIA_TO = 3;

    private final RoadGraph g;
    private final EdgeCosts costs;

    public Router(RoadGraph g, TravelMode mode) {
        this.g = g;
        this.costs = g.costs(mode);
    }

    public RoadGraph graph() {
        return g;
    }

    public TravelMode mode() {
        return costs.mode;
    }

    EdgeCosts costs() {
        return costs;
    }

    /**
     * Seconds along the network between two snaps, +Infinity if unreachable. The off-network walk (snap distance)
     * is not included.
     */
    public double travelSeconds(Snap from, Snap to) {
        SearchSpace s = g.searchPool().acquire();
        try {
            return pairSearch(s, from, to).seconds;
        } finally {
            g.searchPool().release(s);
        }
    }

    /** The fastest path from one snap to another, or null if unreachable. */
    public Path route(Snap from, Snap to) {
        SearchSpace s = g.searchPool().acquire();
        try {
            Found f = pairSearch(s, from, to);
            if (f.via == NONE) return null;
            PathAssembler pa = new PathAssembler(g);
            if (f.via == DIRECT) {
                pa.piece(from.edge(), from.fraction(), to.fraction());
            } else {
                int end = f.via == VIA_FROM ? g.edgeFrom(to.edge()) : g.edgeTo(to.edge());
                appendFromOrigin(pa, s, from, end);
                pa.piece(to.edge(), f.via == VIA_FROM ? 0 : 1, to.fraction());
            }
            return pa.build(f.seconds, from, to);
        } finally {
            g.searchPool().release(s);
        }
    }

    /** Every node reachable within limitSeconds from a snap, with its seconds: the stuff of isochrones. */
    public Reach reach(Snap from, double limitSeconds) {
        SearchSpace s = g.searchPool().acquire();
        try {
            long version = g.version();
            seedForward(s, from);
            IntList nodes = new IntList(1024);
            DoubleList secs = new DoubleList(1024);
            while (s.minKey() <= limitSeconds) {
                int u = s.poll();
                if (u < 0) break;
                nodes.add(u);
                secs.add(s.dist[u]);
                s.relax(u, g.adjacency(), costs.out, false);
            }
            return new Reach(g, costs, from, limitSeconds, nodes.toArray(), secs.toArray(), version);
        } finally {
            g.searchPool().release(s);
        }
    }

    /**
     * Seconds from one origin to each target in one search; +Infinity for unreachable targets, null targets, and
     * targets beyond limitSeconds (pass +Infinity for no limit). The search stops once every target is settled.
     */
    public double[] travelSecondsToMany(Snap from, Snap[] targets, double limitSeconds) {
        return oneSearchManySnaps(from, targets, limitSeconds, true);
    }

    /**
     * Seconds from each origin to one target in one search run backwards from the target (what "every service
     * point to its grid hub" needs): same conventions as {@link #travelSecondsToMany}.
     */
    public double[] travelSecondsFromMany(Snap[] origins, Snap to, double limitSeconds) {
        return oneSearchManySnaps(to, origins, limitSeconds, false);
    }

    private record Found(double seconds, int via) { }

    private Found pairSearch(SearchSpace s, Snap from, Snap to) {
        seedForward(s, from);
        int te = to.edge();
        int ta = g.edgeFrom(te), tb = g.edgeTo(te);
        double inA = costs.partial(te, false, to.fraction());
        double inB = costs.partial(te, true, 1 - to.fraction());
        double best = Double.POSITIVE_INFINITY;
        int via = NONE;
        if (te == from.edge()) {
            best = costs.along(te, from.fraction(), to.fraction());
            if (best < Double.POSITIVE_INFINITY) via = DIRECT;
        }
        while (s.minKey() < best) {
            int u = s.poll();
            double du = s.dist[u];
            if (u == ta && du + inA < best) { best = du + inA; via = VIA_FROM; }
            if (u == tb && du + inB < best) { best = du + inB; via = VIA_TO; }
            s.relax(u, g.adjacency(), costs.out, false);
        }
        return new Found(best, via);
    }

    /** Labels the end nodes of the origin's edge with the cost of reaching them from the snap. */
    void seedForward(SearchSpace s, Snap from) {
        g.observeEdits();
        s.begin();
        int e = from.edge();
        double toFrom = costs.partial(e, true, from.fraction());
        double toTo = costs.partial(e, false, 1 - from.fraction());
        if (toFrom < Double.POSITIVE_INFINITY) s.offer(g.edgeFrom(e), toFrom, SearchSpace.SEED_VIA_FROM);
        if (toTo < Double.POSITIVE_INFINITY) s.offer(g.edgeTo(e), toTo, SearchSpace.SEED_VIA_TO);
    }

    /** Adds the origin's partial piece and the whole edges of a forward search's chain up to node. */
    void appendFromOrigin(PathAssembler pa, SearchSpace s, Snap from, int node) {
        int[] chain = PathAssembler.chainTo(g, s.pred, node);
        int start = node;
        if (chain.length > 0) {
            int e0 = Adjacency.edge(chain[0]);
            start = Adjacency.backward(chain[0]) ? g.edgeTo(e0) : g.edgeFrom(e0);
        }
        pa.piece(from.edge(), from.fraction(), s.pred[start] == SearchSpace.SEED_VIA_FROM ? 0 : 1);
        for (int de : chain) pa.edge(de);
    }

    private double[] oneSearchManySnaps(Snap root, Snap[] others, double limit, boolean forward) {
        double[] result = new double[others.length];
        Arrays.fill(result, Double.POSITIVE_INFINITY);
        SnapSet set = new SnapSet(g, costs, others, forward);
        for (int k = 0; k < others.length; k++) {
            Snap o = others[k];
            if (o != null && o.edge() == root.edge())
                result[k] = forward ? costs.along(o.edge(), root.fraction(), o.fraction())
                        : costs.along(o.edge(), o.fraction(), root.fraction());
        }
        SearchSpace s = g.searchPool().acquire();
        try {
            g.observeEdits();
            if (forward) {
                seedForward(s, root);
            } else {
                s.begin();
                seedTowardTarget(s, root, -1, null, 0);
            }
            int pendingNodes = set.distinctNodes();
            double[] cost = forward ? costs.out : costs.in;
            while (pendingNodes > 0 && s.minKey() <= limit) {
                int u = s.poll();
                if (u < 0) break;
                double du = s.dist[u];
                int p = set.firstAtNode(u);
                if (set.nodeAt(p) == u) {
                    pendingNodes--;
                    for (; set.nodeAt(p) == u; p++) {
                        int slot = set.slotAt(p);
                        double c = du + set.connectorAt(p);
                        if (c < result[slot >> 1]) result[slot >> 1] = c;
                    }
                }
                s.relax(u, g.adjacency(), cost, !forward);
            }
        } finally {
            g.searchPool().release(s);
        }
        for (int k = 0; k < result.length; k++) if (result[k] > limit) result[k] = Double.POSITIVE_INFINITY;
        return result;
    }

    /**
     * Labels the end nodes of a target's edge with the cost from them to the target (searches run toward it), plus
     * beyond seconds past the target's snap. With a source array, also records which target labelled each node
     * (multi-source trees).
     */
    void seedTowardTarget(SearchSpace s, Snap target, int index, int[] source, double beyond) {
        int e = target.edge();
        double fromA = costs.partial(e, false, target.fraction()) + beyond;
        double fromB = costs.partial(e, true, 1 - target.fraction()) + beyond;
        if (fromA < Double.POSITIVE_INFINITY && s.offer(g.edgeFrom(e), fromA, SearchSpace.SEED_VIA_FROM) && source != null)
            source[g.edgeFrom(e)] = index;
        if (fromB < Double.POSITIVE_INFINITY && s.offer(g.edgeTo(e), fromB, SearchSpace.SEED_VIA_TO) && source != null)
            source[g.edgeTo(e)] = index;
    }
}
