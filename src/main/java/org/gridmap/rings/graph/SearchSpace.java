package org.gridmap.rings.graph;

import java.util.Arrays;

/**
 * Reusable Dijkstra state over all nodes. A stamp per node says whether the current search touched it, so starting
 * a search costs O(1) instead of clearing arrays sized to the whole city.
 *
 * <p>{@code pred[n]} is the directed edge ({@code e<<1|backward}, in the direction of travel) that gave n its label,
 * or one of the seed markers when the label came straight from a snap: {@link #SEED_VIA_FROM} when the piece
 * between the snap and the node runs over the snap edge's from-end, {@link #SEED_VIA_TO} over its to-end.
 */
final class SearchSpace {
    static final int SEED_VIA_FROM = -2, SEED_VIA_TO = -3;

    final double[] dist;
    final int[] pred;
    private final int[] stamp;
    private final NodeHeap heap;
    private int current;
    /** A value per node for searches that carry one (multi-source trees: which source); made on first use, then reused. */
    private int[] labels;

    SearchSpace(int nodeCount) {
        dist = new double[nodeCount];
        pred = new int[nodeCount];
        stamp = new int[nodeCount];
        heap = new NodeHeap(nodeCount);
    }

    void begin() {
        heap.clear();
        if (++current == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            current = 1;
        }
    }

    int[] labels() {
        if (labels == null) labels = new int[dist.length];
        return labels;
    }

    boolean reached(int n) {
        return stamp[n] == current;
    }

    boolean settled(int n) {
        return stamp[n] == current && heap.pos[n] == NodeHeap.SETTLED;
    }

    /** Seconds of a reached node, +Infinity otherwise. */
    double seconds(int n) {
        return stamp[n] == current ? dist[n] : Double.POSITIVE_INFINITY;
    }

    /** Gives n the label d if it is better than what n has and n is not settled yet; true when it did. */
    boolean offer(int n, double d, int predecessor) {
        if (stamp[n] != current) {
            stamp[n] = current;
            dist[n] = d;
            pred[n] = predecessor;
            heap.insert(n, d);
            return true;
        }
        if (d < dist[n] && heap.pos[n] != NodeHeap.SETTLED) {
            dist[n] = d;
            pred[n] = predecessor;
            heap.decrease(n, d);
            return true;
        }
        return false;
    }

    /** Settles and returns the closest open node, or -1 when none is left. */
    int poll() {
        return heap.isEmpty() ? -1 : heap.poll();
    }

    double minKey() {
        return heap.minKey();
    }

    /**
     * Relaxes the entries of a settled node. Forward searches pass {@code EdgeCosts.out}; searches toward a target
     * pass {@code EdgeCosts.in} and record the edge in the direction the traveller will walk it (neighbour → u).
     */
    void relax(int u, Adjacency adj, double[] cost, boolean towardTarget) {
        double du = dist[u];
        int[] dirEdge = adj.dirEdge, neighbour = adj.neighbour;
        int flip = towardTarget ? 1 : 0;
        for (int i = adj.start[u], end = adj.start[u + 1]; i < end; i++) {
            double c = cost[i];
            if (c == Double.POSITIVE_INFINITY) continue;
            offer(neighbour[i], du + c, dirEdge[i] ^ flip);
        }
    }
}
