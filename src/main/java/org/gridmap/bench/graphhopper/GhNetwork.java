package org.gridmap.bench.graphhopper;

import java.util.BitSet;
import com.graphhopper.routing.ch.PrepareContractionHierarchies;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.DecimalEncodedValue;
import com.graphhopper.routing.ev.DecimalEncodedValueImpl;
import com.graphhopper.routing.ev.IntEncodedValue;
import com.graphhopper.routing.ev.IntEncodedValueImpl;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.lm.LMConfig;
import com.graphhopper.routing.lm.LandmarkStorage;
import com.graphhopper.routing.lm.PrepareLandmarks;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.util.EncodingManager;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.CHConfig;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.storage.RAMDirectory;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.RoutingCHGraphImpl;
import com.graphhopper.storage.index.LocationIndexTree;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.PointList;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.TravelMode;

/**
 * gridmap's road graph loaded into GraphHopper: one GraphHopper node per road node and one edge per road, in the
 * same order (so node and edge ids agree with {@link RoadGraph}), each edge with its polyline, a walking speed per
 * edge (road class, or the surveyed override) and its road index. Roads closed in the source graph start blocked.
 *
 * <p>GraphHopper measures an edge itself along its geometry (great circle), while gridmap times an edge by the
 * surveyed {@code length_m}; the stored speed is scaled by their ratio so a whole edge takes exactly as long in
 * both engines, and a part of an edge takes its share of that by length, as in gridmap.
 */
public final class GhNetwork {
    static final int LANDMARKS = 16;

    final BaseGraph graph;
    final EncodingManager encoding;
    final DecimalEncodedValue kmh;
    final IntEncodedValue road;
    final WalkWeighting weighting;
    final LocationIndexTree index;
    final BitSet closedAtBuild;
    private LandmarkStorage landmarks;
    private RoutingCHGraph ch;

    private GhNetwork(BaseGraph graph, EncodingManager encoding, DecimalEncodedValue kmh, IntEncodedValue road,
                      WalkWeighting weighting, LocationIndexTree index, BitSet closedAtBuild) {
        this.graph = graph;
        this.encoding = encoding;
        this.kmh = kmh;
        this.road = road;
        this.weighting = weighting;
        this.index = index;
        this.closedAtBuild = closedAtBuild;
    }

    /** Builds the graph and its location index (no speed-up preparation; see {@link #prepareLandmarks()}, {@link #prepareCh()}). */
    public static GhNetwork build(RoadGraph g, TravelMode mode) {
        if (mode.respectsOneway()) throw new IllegalArgumentException("only walking modes (no one-way) are mapped");
        // 31 bits at 1e-6 km/h: up to 2,147 km/h, far finer than the 0.1 s the comparison needs
        DecimalEncodedValue kmh = new DecimalEncodedValueImpl("walk_speed", 31, 1e-6, false);
        IntEncodedValue road = new IntEncodedValueImpl("road_index", 31, false);
        BooleanEncodedValue subnetwork = Subnetwork.create("walk"); // landmark preparation reads it
        EncodingManager em = EncodingManager.start().add(kmh).add(road).add(subnetwork).build();
        BaseGraph bg = new BaseGraph.Builder(em).setDir(new RAMDirectory()).set3D(false).create();
        NodeAccess na = bg.getNodeAccess();
        for (int n = 0; n < g.nodeCount(); n++) na.setNode(n, g.nodeLat(n), g.nodeLon(n));
        BitSet closed = new BitSet(g.edgeCount());
        double maxKmh = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            double[] c = g.edgeCoords(e);
            PointList pillars = new PointList(Math.max(0, c.length / 2 - 2), false);
            double ghMeters = 0;
            for (int i = 2; i < c.length; i += 2) {
                ghMeters += DistanceCalcEarth.DIST_EARTH.calcDist(c[i - 1], c[i - 2], c[i + 1], c[i]);
                if (i + 2 < c.length) pillars.add(c[i + 1], c[i]);
            }
            double v = speedKmh(g, e, mode);
            double scaled = g.edgeLengthMeters(e) > 0 ? v * ghMeters / g.edgeLengthMeters(e) : (v > 0 ? 2000 : 0);
            scaled = Math.min(2000, scaled);
            maxKmh = Math.max(maxKmh, scaled);
            EdgeIteratorState edge = bg.edge(g.edgeFrom(e), g.edgeTo(e)).setDistance(ghMeters).set(kmh, scaled).set(road, e);
            if (pillars.size() > 0) edge.setWayGeometry(pillars);
            if (edge.getEdge() != e) throw new IllegalStateException("edge ids drifted");
            if (g.isClosed(e)) closed.set(e);
        }
        bg.freeze();
        WalkWeighting w = new WalkWeighting(kmh, road, null, Math.max(maxKmh, 1e-3));
        LocationIndexTree index = new LocationIndexTree(bg, new RAMDirectory());
        index.prepareIndex();
        return new GhNetwork(bg, em, kmh, road, w, index, closed);
    }

    /** The walking speed gridmap uses on an edge, from the mode's class speeds and the edge's override. */
    private static double speedKmh(RoadGraph g, int e, TravelMode mode) {
        double v = mode.kmh(g.roadClass(e));
        if (v <= 0) return 0;
        double override = g.walkKmhOverride(e);
        return mode.pedestrian() && !Double.isNaN(override) ? Math.max(0, override) : v;
    }

    /** Landmarks (ALT) for the walking weighting; blocking edges later only raises weights, so they stay valid. */
    public long prepareLandmarks() {
        long t0 = System.nanoTime();
        PrepareLandmarks p = new PrepareLandmarks(new RAMDirectory(), graph, encoding, new LMConfig("walk", weighting), LANDMARKS);
        p.setMinimumNodes(Math.min(500, graph.getNodes() / 2));
        p.doWork();
        landmarks = p.getLandmarkStorage();
        return System.nanoTime() - t0;
    }

    /** Contraction hierarchies: fixed weights, so a closed road means preparing again. */
    public long prepareCh() {
        long t0 = System.nanoTime();
        CHConfig config = CHConfig.nodeBased("walk_ch", weighting);
        PrepareContractionHierarchies.Result r = PrepareContractionHierarchies.fromGraph(graph, config).doWork();
        ch = RoutingCHGraphImpl.fromGraph(graph, r.getCHStorage(), config);
        return System.nanoTime() - t0;
    }

    LandmarkStorage landmarks() {
        if (landmarks == null) throw new IllegalStateException("landmarks not prepared");
        return landmarks;
    }

    RoutingCHGraph ch() {
        if (ch == null) throw new IllegalStateException("contraction hierarchies not prepared");
        return ch;
    }

    public int nodeCount() { return graph.getNodes(); }

    /** Bytes GraphHopper allocated for the graph, its index and the prepared speed-ups. */
    public long capacityBytes() {
        long b = graph.getCapacity() + index.getCapacity();
        if (landmarks != null) b += landmarks.getCapacity();
        return b;
    }

    /** The nearest open, walkable edge, or null; {@code closed} (road indexes, may be null) adds closures. */
    public Snap snap(double lon, double lat, BitSet closed) {
        EdgeFilter usable = e -> e.get(kmh) > 0 && !closedAtBuild.get(e.get(road)) && (closed == null || !closed.get(e.get(road)));
        Snap s = index.findClosest(lat, lon, usable);
        return s.isValid() ? s : null;
    }

    /** Closures in force for a request: those of the source graph plus the request's own. */
    BitSet closures(BitSet extra) {
        BitSet all = (BitSet) closedAtBuild.clone();
        if (extra != null) all.or(extra);
        return all;
    }
}
