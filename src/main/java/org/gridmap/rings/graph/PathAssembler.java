package org.gridmap.rings.graph;

/** Concatenates edge pieces into a {@link Path}; metres are each piece's share of its edge's stored length. */
final class PathAssembler {
    private final RoadGraph g;
    private final DoubleList coords = new DoubleList(64);
    private double meters;

    PathAssembler(RoadGraph g) {
        this.g = g;
    }

    /** The part of edge e from fraction fa to fraction fb. */
    void piece(int e, double fa, double fb) {
        EdgeGeometry.appendPortion(g, e, fa, fb, coords);
        meters += Math.abs(fb - fa) * g.edgeLengthMeters(e);
    }

    /** A whole edge in the direction of a directed edge id. */
    void edge(int dirEdge) {
        int e = Adjacency.edge(dirEdge);
        if (Adjacency.backward(dirEdge)) piece(e, 1, 0); else piece(e, 0, 1);
    }

    /** Pins the ends to the snapped points exactly (the pieces recompute them from fractions). */
    Path build(double seconds, Snap from, Snap to) {
        double[] c = coords.toArray();
        if (c.length < 4) c = new double[] {from.lon(), from.lat(), to.lon(), to.lat()};
        c[0] = from.lon();
        c[1] = from.lat();
        c[c.length - 2] = to.lon();
        c[c.length - 1] = to.lat();
        return new Path(seconds, meters, c);
    }

    /** The directed edges, in travel order, of a forward search's predecessor chain ending at node. */
    static int[] chainTo(RoadGraph g, int[] pred, int node) {
        IntList rev = new IntList(32);
        for (int u = node; pred[u] >= 0; ) {
            int de = pred[u];
            rev.add(de);
            int e = Adjacency.edge(de);
            u = Adjacency.backward(de) ? g.edgeTo(e) : g.edgeFrom(e);
        }
        int[] out = new int[rev.size()];
        for (int i = 0; i < out.length; i++) out[i] = rev.get(out.length - 1 - i);
        return out;
    }

    /** The directed edges, in travel order, of a toward-target chain starting at node; lastNode[0] gets its end. */
    static int[] chainFrom(RoadGraph g, int[] pred, int node, int[] lastNode) {
        return chainFrom(g, u -> pred[u], node, lastNode);
    }

    /** The same over pointers read through a function (a tree kept per part). */
    static int[] chainFrom(RoadGraph g, java.util.function.IntUnaryOperator pred, int node, int[] lastNode) {
        IntList seq = new IntList(32);
        int u = node;
        while (pred.applyAsInt(u) >= 0) {
            int de = pred.applyAsInt(u);
            seq.add(de);
            int e = Adjacency.edge(de);
            u = Adjacency.backward(de) ? g.edgeFrom(e) : g.edgeTo(e);
        }
        lastNode[0] = u;
        return seq.toArray();
    }
}

