package org.gridmap.rings.graph;

import java.util.Arrays;

/**
 * Many snaps (targets of a forward search, or origins of a search toward one target) attached to the end nodes of
 * their edges, with the cost of the connecting piece between each snap and each end node. A settled node then
 * yields candidate totals for the snaps hanging off it; a sorted key array keeps this allocation-free per node.
 */
final class SnapSet {
    final Snap[] snaps;
    /** node << 32 | (snap index << 1 | side), sorted; side 0 = the edge's from-node, 1 = its to-node. */
    private final long[] byNode;
    /** edge << 32 | snap index, sorted. */
    private final long[] byEdge;
    /** Connector seconds per position of the node index; +Infinity when that direction is forbidden. */
    private final double[] connector;

    /**
     * @param snapsAreTargets true: the search comes from a node onto the snap (node → snap); false: the snap's
     *                        traveller leaves towards the node (snap → node). Null snaps are ignored.
     */
    SnapSet(RoadGraph g, EdgeCosts costs, Snap[] snaps, boolean snapsAreTargets) {
        this(g, costs, snaps, nonNull(snaps), snapsAreTargets);
    }

    /**
     * Only the snaps at these indexes (the facilities of one part of the graph): the set's size follows them, not
     * {@code snaps.length}, so a town's set costs what the town has whatever the city.
     */
    SnapSet(RoadGraph g, EdgeCosts costs, Snap[] snaps, int[] members, boolean snapsAreTargets) {
        this.snaps = snaps;
        int count = members.length;
        byNode = new long[2 * count];
        byEdge = new long[count];
        for (int i = 0; i < count; i++) {
            int k = members[i];
            int e = snaps[k].edge();
            byNode[2 * i] = (long) g.edgeFrom(e) << 32 | (2L * k);
            byNode[2 * i + 1] = (long) g.edgeTo(e) << 32 | (2L * k + 1);
            byEdge[i] = (long) e << 32 | k;
        }
        Arrays.sort(byNode);
        Arrays.sort(byEdge);
        connector = new double[byNode.length];
        for (int pos = 0; pos < byNode.length; pos++) {
            int slot = (int) byNode[pos], k = slot >> 1;
            Snap s = snaps[k];
            boolean toSide = (slot & 1) != 0;
            // the piece between the snap and the end node named by the side, in the direction the search needs
            connector[pos] = toSide ? costs.partial(s.edge(), snapsAreTargets, 1 - s.fraction())
                    : costs.partial(s.edge(), !snapsAreTargets, s.fraction());
        }
    }

    private static int[] nonNull(Snap[] snaps) {
        IntList out = new IntList(snaps.length);
        for (int k = 0; k < snaps.length; k++) if (snaps[k] != null) out.add(k);
        return out.toArray();
    }

    /** First position in the node index for this node; iterate while {@link #nodeAt} equals it. */
    int firstAtNode(int node) {
        return lowerBound(byNode, (long) node << 32);
    }

    int nodeAt(int pos) {
        return pos < byNode.length ? (int) (byNode[pos] >>> 32) : -1;
    }

    /** Snap index << 1 | side at a position of the node index. */
    int slotAt(int pos) {
        return (int) byNode[pos];
    }

    /** Connector seconds of the entry at a position of the node index. */
    double connectorAt(int pos) {
        return connector[pos];
    }

    int firstOnEdge(int edge) {
        return lowerBound(byEdge, (long) edge << 32);
    }

    int edgeAt(int pos) {
        return pos < byEdge.length ? (int) (byEdge[pos] >>> 32) : -1;
    }

    int snapOnEdgeAt(int pos) {
        return (int) byEdge[pos];
    }

    long heapBytes() {
        return (long) byNode.length * 16 + byEdge.length * 8L;
    }

    /** Distinct end nodes carrying at least one snap. */
    int distinctNodes() {
        int n = 0;
        for (int i = 0; i < byNode.length; i++) if (i == 0 || (byNode[i] >>> 32) != (byNode[i - 1] >>> 32)) n++;
        return n;
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
