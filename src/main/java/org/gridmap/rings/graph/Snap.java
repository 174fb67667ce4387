package org.gridmap.rings.graph;

/**
 * Where a location meets the network: an edge, the fraction along it (0 = from-node, 1 = to-node, by length), the
 * snapped point, and the off-network distance in metres from the location to that point.
 */
public record Snap(int edge, double fraction, double lon, double lat, double distanceMeters) {
    public Snap {
        if (edge < 0) throw new IllegalArgumentException("edge must be >= 0");
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be within [0,1]: " + fraction);
    }

    /** A snap exactly at a node, on one of its edges (for callers that already know their node). */
    public static Snap atNode(RoadGraph g, int node) {
        Adjacency adj = g.adjacency();
        if (adj.start[node] == adj.start[node + 1]) throw new IllegalArgumentException("node " + node + " has no edge");
        int e = Adjacency.edge(adj.dirEdge[adj.start[node]]);
        return new Snap(e, g.edgeFrom(e) == node ? 0 : 1, g.nodeLon(node), g.nodeLat(node), 0);
    }
}
