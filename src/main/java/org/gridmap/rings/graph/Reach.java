package org.gridmap.rings.graph;

import java.util.Arrays;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * What a time-limited search from one snap reached: each reached node with its seconds (only nodes within the
 * limit), plus what is needed to draw the partial edges at the frontier. Independent of later searches.
 */
public final class Reach {
    private final RoadGraph g;
    private final EdgeCosts costs;
    private final Snap origin;
    private final double limitSeconds;
    private final long graphVersion;
    private final int[] nodesInOrder;  // settle order: seconds ascending
    private final double[] secondsInOrder;
    private final int[] sortedNodes;   // node ids ascending, for lookup
    private final double[] sortedSeconds;

    Reach(RoadGraph g, EdgeCosts costs, Snap origin, double limitSeconds, int[] nodes, double[] seconds, long graphVersion) {
        this.g = g;
        this.costs = costs;
        this.origin = origin;
        this.limitSeconds = limitSeconds;
        this.graphVersion = graphVersion;
        this.nodesInOrder = nodes;
        this.secondsInOrder = seconds;
        long[] keyed = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) keyed[i] = (long) nodes[i] << 32 | i;
        Arrays.sort(keyed);
        sortedNodes = new int[nodes.length];
        sortedSeconds = new double[nodes.length];
        for (int i = 0; i < keyed.length; i++) {
            sortedNodes[i] = (int) (keyed[i] >>> 32);
            sortedSeconds[i] = seconds[(int) keyed[i]];
        }
    }

    public Snap origin() { return origin; }
    public double limitSeconds() { return limitSeconds; }
    public long graphVersion() { return graphVersion; }
    public int reachedCount() { return nodesInOrder.length; }

    /** Reached nodes in order of increasing seconds. */
    public int[] nodes() { return nodesInOrder.clone(); }

    /** Seconds of {@link #nodes()}, same order. */
    public double[] seconds() { return secondsInOrder.clone(); }

    /** Seconds to a node, +Infinity when it was not reached within the limit. */
    public double secondsTo(int node) {
        int i = Arrays.binarySearch(sortedNodes, node);
        return i >= 0 ? sortedSeconds[i] : Double.POSITIVE_INFINITY;
    }

    /**
     * The network reachable within {@code seconds} (at most the search limit) as a polygon in lon/lat: reached edge
     * portions, frontier fractions included, buffered by bufferMeters and simplified (see {@link IsochroneBuilder}).
     * bufferMeters ≤ 0 returns the reached network itself as lines. Costs are read from the graph as it is now.
     */
    public Geometry isochrone(double seconds, double bufferMeters, GeometryFactory gf) {
        double t = Math.min(seconds, limitSeconds);
        return new IsochroneBuilder(g, costs, false)
                .build(sortedNodes, this::secondsTo, new Snap[] {origin}, t, bufferMeters, gf);
    }
}
