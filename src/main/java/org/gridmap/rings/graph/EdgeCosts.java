package org.gridmap.rings.graph;

/**
 * Seconds per adjacency entry for one travel mode, laid out like {@link Adjacency} so a search reads costs
 * sequentially next to the neighbours. {@code out[i]}: leaving the entry's node along it; {@code in[i]}: arriving at
 * the node along it (what a search toward a target needs). +Infinity marks a forbidden direction. Modes that
 * ignore one-way share one array for both.
 */
final class EdgeCosts {
    final TravelMode mode;
    final double[] out;
    final double[] in;
    private final RoadGraph g;

    EdgeCosts(RoadGraph g, TravelMode mode) {
        this.g = g;
        this.mode = mode;
        Adjacency adj = g.adjacency();
        out = new double[adj.dirEdge.length];
        in = mode.respectsOneway() ? new double[out.length] : out;
        for (int i = 0; i < out.length; i++) fill(i, adj.dirEdge[i]);
    }

    /** Seconds to travel the whole edge in one direction; +Infinity when closed, forbidden, or against one-way. */
    double seconds(int e, boolean backward) {
        if (!g.isPassable(e)) return Double.POSITIVE_INFINITY;
        if (backward && mode.respectsOneway() && g.isOneway(e)) return Double.POSITIVE_INFINITY;
        double kmh = mode.edgeKmh(g.classOrdinal(e), g.walkKmhOverride(e));
        if (!(kmh > 0)) return Double.POSITIVE_INFINITY;
        return g.edgeLengthMeters(e) * 3.6 / kmh;
    }

    /**
     * Seconds for a fraction of an edge. A zero fraction costs nothing even on a forbidden edge: a point exactly on
     * a node is at that node, whatever the edge it was snapped to.
     */
    double partial(int e, boolean backward, double fraction) {
        if (fraction <= 0) return 0;
        double s = seconds(e, backward);
        return s == Double.POSITIVE_INFINITY ? s : s * fraction;
    }

    /** Seconds from fraction fa to fraction fb of the same edge, straight along it. */
    double along(int e, double fa, double fb) {
        return fb >= fa ? partial(e, false, fb - fa) : partial(e, true, fa - fb);
    }

    /** Re-reads one edge after an edit; called under the graph's lock. */
    void refresh(int e) {
        Adjacency adj = g.adjacency();
        refreshAt(adj, g.edgeFrom(e), e);
        refreshAt(adj, g.edgeTo(e), e);
    }

    private void refreshAt(Adjacency adj, int node, int e) {
        for (int i = adj.start[node], end = adj.start[node + 1]; i < end; i++)
            if (Adjacency.edge(adj.dirEdge[i]) == e) fill(i, adj.dirEdge[i]);
    }

    private void fill(int i, int dirEdge) {
        int e = Adjacency.edge(dirEdge);
        boolean back = Adjacency.backward(dirEdge);
        out[i] = seconds(e, back);
        if (in != out) in[i] = seconds(e, !back);
    }
}
