package org.gridmap.rings.graph;

import java.util.BitSet;

/**
 * The graph cut at town boundaries into parts no search can cross. Rings never cross a town boundary: an edge
 * whose two ends lie in two different towns is marked {@link RoadGraph#isBoundary} (impassable to every search
 * and snap); a node in no town joins the town of the roads it meets. The parts are the connected components of
 * what remains — normally one per town, several towns where roads outside every town join them.
 *
 * <p>Because no open path joins two parts, a search started from the facilities of some parts settles exactly
 * the nodes of those parts, with the same times as a search from every facility: a change inside one part (a
 * closure, a reopening) is recomputed there alone, and the answer equals a full recompute.
 */
public final class Partitions {
    private final int[] nodePart;
    private final int count;
    private final int boundaryEdges;
    /** The nodes of part p are {@code partNodes[partStart[p] .. partStart[p+1]-1]}; a node's place there is its local index. */
    private final int[] partStart, partNodes, localIndex;

    private Partitions(int[] nodePart, int count, int boundaryEdges) {
        this.nodePart = nodePart;
        this.count = count;
        this.boundaryEdges = boundaryEdges;
        partStart = new int[count + 1];
        for (int part : nodePart) partStart[part + 1]++;
        for (int p = 0; p < count; p++) partStart[p + 1] += partStart[p];
        partNodes = new int[nodePart.length];
        localIndex = new int[nodePart.length];
        int[] fill = new int[count];
        for (int n = 0; n < nodePart.length; n++) {
            int p = nodePart[n];
            localIndex[n] = fill[p]++;
            partNodes[partStart[p] + localIndex[n]] = n;
        }
    }

    /** The whole graph as one part, its boundary flags left as they are: a network that is not recomputed by town. */
    public static Partitions whole(RoadGraph g) {
        return new Partitions(new int[g.nodeCount()], 1, 0);
    }

    /**
     * Marks the boundary edges of the graph in place (clearing any that no longer are) and finds the parts.
     * {@code nodeTown[n]} is the town a node lies in (any int), or -1 when in none.
     */
    public static Partitions cut(RoadGraph g, int[] nodeTown) {
        if (nodeTown.length != g.nodeCount()) throw new IllegalArgumentException("one town per node");
        int boundaries = 0;
        int[] parent = new int[g.nodeCount()];
        for (int n = 0; n < parent.length; n++) parent[n] = n;
        for (int e = 0; e < g.edgeCount(); e++) {
            int a = nodeTown[g.edgeFrom(e)], b = nodeTown[g.edgeTo(e)];
            boolean boundary = a >= 0 && b >= 0 && a != b;
            g.setBoundary(e, boundary);
            if (boundary) boundaries++;
            else union(parent, g.edgeFrom(e), g.edgeTo(e));
        }
        int[] part = new int[parent.length];
        int[] id = new int[parent.length];
        java.util.Arrays.fill(id, -1);
        int count = 0;
        for (int n = 0; n < parent.length; n++) {
            int r = find(parent, n);
            if (id[r] < 0) id[r] = count++;
            part[n] = id[r];
        }
        return new Partitions(part, count, boundaries);
    }

    public int count() { return count; }

    public int boundaryEdges() { return boundaryEdges; }

    public int ofNode(int node) { return nodePart[node]; }

    /** Number of nodes in a part. */
    public int size(int part) { return partStart[part + 1] - partStart[part]; }

    /** The j-th node of a part (0 ≤ j < {@link #size}). */
    public int node(int part, int j) { return partNodes[partStart[part] + j]; }

    /** A node's place among its part's nodes: per-part arrays are indexed by it. */
    public int localIndex(int node) { return localIndex[node]; }

    /** The part of an edge that is not a boundary (both ends are in it); for a boundary edge, its from-node's. */
    public int ofEdge(RoadGraph g, int edge) { return nodePart[g.edgeFrom(edge)]; }

    /** The part a snap lies in, or -1 for none. */
    public int of(RoadGraph g, Snap s) { return s == null ? -1 : ofEdge(g, s.edge()); }

    /** Whether a snap lies in one of these parts (a missing snap lies in none). */
    public boolean in(java.util.BitSet parts, RoadGraph g, Snap s) { return s != null && parts.get(ofEdge(g, s.edge())); }

    /** Adds the parts of both ends of an edge (a boundary edge touches two). */
    public void addEdge(RoadGraph g, int edge, BitSet parts) {
        parts.set(nodePart[g.edgeFrom(edge)]);
        parts.set(nodePart[g.edgeTo(edge)]);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
