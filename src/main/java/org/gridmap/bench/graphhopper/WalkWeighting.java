package org.gridmap.bench.graphhopper;

import java.util.BitSet;
import com.graphhopper.routing.ev.DecimalEncodedValue;
import com.graphhopper.routing.ev.IntEncodedValue;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.util.EdgeIteratorState;

/**
 * Seconds on foot as GraphHopper's weight: the edge's own distance over its stored walking speed. Closed roads are
 * what GraphHopper's per-request {@code block_area} amounts to: the blocked edges weigh +Infinity for this request
 * only, so the prepared graph (and its landmarks) stay valid. The road index is read from the edge's flags, which a
 * query graph's virtual edges copy from the edge they split.
 */
final class WalkWeighting implements Weighting {
    private final DecimalEncodedValue kmh;
    private final IntEncodedValue road;
    private final BitSet closed;
    private final double minSecondsPerMeter;

    WalkWeighting(DecimalEncodedValue kmh, IntEncodedValue road, BitSet closed, double maxKmh) {
        this.kmh = kmh;
        this.road = road;
        this.closed = closed;
        this.minSecondsPerMeter = 3.6 / maxKmh;
    }

    /** The same weighting with these roads (indexes into the road graph) blocked. */
    WalkWeighting blocking(BitSet roads) {
        return new WalkWeighting(kmh, road, roads, 3.6 / minSecondsPerMeter);
    }

    boolean isClosed(EdgeIteratorState edge) {
        return closed != null && closed.get(edge.get(road));
    }

    @Override
    public double calcEdgeWeight(EdgeIteratorState edge, boolean reverse) {
        if (isClosed(edge)) return Double.POSITIVE_INFINITY;
        double v = edge.get(kmh);
        return v > 0 ? edge.getDistance() * 3.6 / v : Double.POSITIVE_INFINITY;
    }

    @Override
    public long calcEdgeMillis(EdgeIteratorState edge, boolean reverse) {
        double s = calcEdgeWeight(edge, reverse);
        return s == Double.POSITIVE_INFINITY ? Long.MAX_VALUE / 4 : Math.round(s * 1000);
    }

    @Override
    public double calcMinWeightPerDistance() {
        return minSecondsPerMeter;
    }

    @Override
    public double calcTurnWeight(int inEdge, int viaNode, int outEdge) {
        return 0;
    }

    @Override
    public long calcTurnMillis(int inEdge, int viaNode, int outEdge) {
        return 0;
    }

    @Override
    public boolean hasTurnCosts() {
        return false;
    }

    @Override
    public String getName() {
        return "walk";
    }
}
