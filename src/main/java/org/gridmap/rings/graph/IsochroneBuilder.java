package org.gridmap.rings.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Network isochrones as polygons. Method: every edge at a node reached within t contributes the part of it the
 * remaining time covers (from each reached end: remaining seconds / edge seconds, in the allowed direction), the
 * origin's (or facilities') own edges contribute the stretch around the snap; overlapping parts of one edge are
 * merged. The pieces are drawn in the graph's metric frame, buffered by bufferMeters and unioned on a raster
 * ({@link RasterBuffer}: within about a third of the buffer of the exact buffer, and simplified), and returned in
 * lon/lat. Unlike a triangulation of reached nodes, this never fills valleys the network does not enter.
 */
final class IsochroneBuilder {
    private final RoadGraph g;
    private final EdgeCosts costs;
    private final boolean towardTarget;
    private final LocalProjection p;
    private final GeometryFactory metric = new GeometryFactory();
    private final List<double[]> pieces = new ArrayList<>(); // metric x,y,... per reached piece

    /**
     * @param towardTarget false: times are from an origin to the nodes (reach); true: from the nodes to the nearest
     *                     target (service coverage of facilities), so edges are walked the other way.
     */
    IsochroneBuilder(RoadGraph g, EdgeCosts costs, boolean towardTarget) {
        this.g = g;
        this.costs = costs;
        this.towardTarget = towardTarget;
        this.p = g.projection();
    }

    /**
     * @param nodes     candidate nodes (those with seconds ≤ t matter), or null for every node
     * @param secondsAt seconds of a node, +Infinity when unreached
     * @param seeds     the snaps the times are measured from or to
     */
    Geometry build(int[] nodes, IntToDoubleFunction secondsAt, Snap[] seeds, double t, double bufferMeters, GeometryFactory gf) {
        Map<Integer, List<double[]>> seedIntervals = new HashMap<>();
        for (Snap s : seeds) {
            if (s == null) continue;
            double ahead = reachable(t, costs.seconds(s.edge(), towardTarget));   // towards the to-node
            double behind = reachable(t, costs.seconds(s.edge(), !towardTarget)); // towards the from-node
            seedIntervals.computeIfAbsent(s.edge(), k -> new ArrayList<>())
                    .add(new double[] {Math.max(0, s.fraction() - behind), Math.min(1, s.fraction() + ahead)});
        }
        BitSet done = new BitSet(g.edgeCount());
        Adjacency adj = g.adjacency();
        int count = nodes == null ? g.nodeCount() : nodes.length;
        List<double[]> intervals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int u = nodes == null ? i : nodes[i];
            if (!(secondsAt.applyAsDouble(u) <= t)) continue;
            for (int j = adj.start[u]; j < adj.start[u + 1]; j++) {
                int e = Adjacency.edge(adj.dirEdge[j]);
                if (done.get(e)) continue;
                done.set(e);
                intervals.clear();
                double ta = secondsAt.applyAsDouble(g.edgeFrom(e)), tb = secondsAt.applyAsDouble(g.edgeTo(e));
                // from the from-node a forward search walks the edge forwards; a search toward a target walks it backwards
                if (ta <= t) intervals.add(new double[] {0, reachable(t - ta, costs.seconds(e, towardTarget))});
                if (tb <= t) intervals.add(new double[] {1 - reachable(t - tb, costs.seconds(e, !towardTarget)), 1});
                List<double[]> fromSeeds = seedIntervals.remove(e);
                if (fromSeeds != null) intervals.addAll(fromSeeds);
                emit(e, intervals);
            }
        }
        for (Map.Entry<Integer, List<double[]>> left : seedIntervals.entrySet()) emit(left.getKey(), left.getValue());
        return finish(bufferMeters, gf);
    }

    /** Share of an edge that the remaining seconds cover; 0 for a forbidden direction. */
    private static double reachable(double remaining, double edgeSeconds) {
        if (edgeSeconds == Double.POSITIVE_INFINITY || remaining < 0) return 0;
        if (edgeSeconds <= 0) return 1;
        return Math.min(1, remaining / edgeSeconds);
    }

    private void emit(int e, List<double[]> intervals) {
        intervals.sort((x, y) -> Double.compare(x[0], y[0]));
        double lo = Double.NaN, hi = Double.NaN;
        for (double[] iv : intervals) {
            if (!Double.isNaN(lo) && iv[0] <= hi) {
                hi = Math.max(hi, iv[1]);
                continue;
            }
            if (!Double.isNaN(lo)) piece(e, lo, hi);
            lo = iv[0];
            hi = iv[1];
        }
        if (!Double.isNaN(lo)) piece(e, lo, hi);
    }

    private void piece(int e, double lo, double hi) {
        DoubleList ll = new DoubleList(8);
        EdgeGeometry.appendPortion(g, e, lo, hi, ll);
        double[] xy = new double[ll.size()];
        for (int i = 0; i < xy.length; i += 2) {
            xy[i] = p.x(ll.get(i));
            xy[i + 1] = p.y(ll.get(i + 1));
        }
        pieces.add(xy);
    }

    private Geometry finish(double bufferMeters, GeometryFactory gf) {
        Geometry shape;
        if (bufferMeters > 0) {
            shape = RasterBuffer.buffer(pieces, bufferMeters, metric);
        } else {
            List<Geometry> parts = new ArrayList<>();
            for (double[] xy : pieces) {
                Coordinate[] cs = new Coordinate[xy.length / 2];
                for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
                parts.add(cs.length >= 2 ? metric.createLineString(cs) : metric.createPoint(cs[0]));
            }
            shape = metric.buildGeometry(parts);
        }
        Geometry out = shape.copy();
        out.apply(new CoordinateSequenceFilter() {
            @Override public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, p.lon(seq.getX(i)));
                seq.setOrdinate(i, 1, p.lat(seq.getY(i)));
            }
            @Override public boolean isDone() { return false; }
            @Override public boolean isGeometryChanged() { return true; }
        });
        return gf.createGeometry(out);
    }
}
