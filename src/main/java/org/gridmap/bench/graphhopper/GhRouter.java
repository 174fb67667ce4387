package org.gridmap.bench.graphhopper;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.carrotsearch.hppc.IntIntHashMap;
import com.graphhopper.isochrone.algorithm.ContourBuilder;
import com.graphhopper.isochrone.algorithm.JTSTriangulator;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.isochrone.algorithm.Triangulator;
import com.graphhopper.routing.AStarBidirection;
import com.graphhopper.routing.AlgorithmOptions;
import com.graphhopper.routing.Dijkstra;
import com.graphhopper.routing.DijkstraBidirectionRef;
import com.graphhopper.routing.Path;
import com.graphhopper.routing.RouterConfig;
import com.graphhopper.routing.RoutingAlgorithm;
import com.graphhopper.routing.ch.CHRoutingAlgorithmFactory;
import com.graphhopper.routing.lm.LMRoutingAlgorithmFactory;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.Graph;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.PMap;
import org.locationtech.jts.geom.Geometry;

/**
 * Questions asked of GraphHopper the way its own request handling asks them: a query graph per request holding the
 * request's snapped points as virtual nodes, the walking weighting with the request's blocked roads, then one of its
 * algorithms. Closures are per request ({@code block_area}); contraction hierarchies cannot honour them.
 */
public final class GhRouter {
    /** One-to-one algorithms: plain and bidirectional Dijkstra, bidirectional A*, landmarks (ALT), contraction hierarchies. */
    public enum Algorithm { DIJKSTRA, DIJKSTRA_BI, ASTAR_BI, LM, CH }

    /** A route: network seconds and metres between the snapped points, and how many points its line has. */
    public record Route(double seconds, double meters, int points) { }

    /** The nearest of many targets: its index in the target array and the route to it. */
    public record Nearest(int target, Route route) { }

    private final GhNetwork net;

    public GhRouter(GhNetwork net) {
        this.net = net;
    }

    public GhNetwork network() {
        return net;
    }

    /** Fastest route between two snaps, or null when unreachable; {@code closed} may be null. */
    public Route route(Snap from, Snap to, Algorithm algorithm, BitSet closed) {
        if (algorithm == Algorithm.CH && closed != null && !closed.isEmpty())
            throw new IllegalArgumentException("contraction hierarchies are prepared for fixed weights and cannot block roads");
        Snap a = copy(from), b = copy(to);
        QueryGraph qg = QueryGraph.create(net.graph, a, b);
        Weighting w = qg.wrapWeighting(weighting(closed));
        RoutingAlgorithm algo = switch (algorithm) {
            case DIJKSTRA -> new Dijkstra(qg, w, TraversalMode.NODE_BASED);
            case DIJKSTRA_BI -> new DijkstraBidirectionRef(qg, w, TraversalMode.NODE_BASED);
            case ASTAR_BI -> new AStarBidirection(qg, w, TraversalMode.NODE_BASED);
            case LM -> new LMRoutingAlgorithmFactory(net.landmarks()).createAlgo(qg, w,
                    new AlgorithmOptions().setAlgorithm("astarbi").setTraversalMode(TraversalMode.NODE_BASED));
            case CH -> new CHRoutingAlgorithmFactory(net.ch(), qg).createAlgo(new PMap());
        };
        return toRoute(algo.calcPath(a.getClosestNode(), b.getClosestNode()));
    }

    /**
     * The nearest target by walking time. GraphHopper has no one-to-nearest-of-many query and no super-source, so a
     * user does what its API allows: one query graph holding the origin and every target as virtual nodes, and a
     * Dijkstra from the origin that stops when it settles the first target node. Exact, and its cost grows with the
     * number of targets (the query graph is rebuilt per request) and with the distance to the nearest.
     */
    public Nearest nearest(Snap origin, Snap[] targets, BitSet closed) {
        List<Snap> snaps = new ArrayList<>(targets.length + 1);
        Snap o = copy(origin);
        snaps.add(o);
        Snap[] t = new Snap[targets.length];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == null) continue;
            t[i] = copy(targets[i]);
            snaps.add(t[i]);
        }
        QueryGraph qg = QueryGraph.create(net.graph, snaps);
        IntIntHashMap targetAt = new IntIntHashMap(targets.length * 2);
        for (int i = 0; i < t.length; i++) if (t[i] != null && !targetAt.containsKey(t[i].getClosestNode())) targetAt.put(t[i].getClosestNode(), i);
        FirstTargetDijkstra d = new FirstTargetDijkstra(qg, qg.wrapWeighting(weighting(closed)), targetAt);
        Route r = toRoute(d.calcPath(o.getClosestNode(), -1));
        return r == null ? null : new Nearest(targetAt.get(d.reachedNode()), r);
    }

    /**
     * The isochrone polygon as GraphHopper's isochrone endpoint draws it: a shortest-path tree searched 14 % (at
     * least 200 s) beyond the limit, its nodes and edge samples triangulated, and the contour at the limit traced
     * through the triangles. Full geometry (every part, with holes), not only the part around the origin.
     */
    public Geometry isochrone(Snap origin, double seconds, BitSet closed) {
        Snap o = copy(origin);
        QueryGraph qg = QueryGraph.create(net.graph, o);
        ShortestPathTree spt = new ShortestPathTree(qg, qg.wrapWeighting(weighting(closed)), false, TraversalMode.NODE_BASED);
        spt.setWeightLimit(seconds + Math.max(seconds * 0.14, 200));
        Triangulator.Result r = new JTSTriangulator(new RouterConfig()).triangulate(o, qg, spt, l -> l.weight, 0);
        return new ContourBuilder(r.triangulation).computeIsoline(seconds, r.seedEdges);
    }

    /** Seconds to every road node reached within the limit (GraphHopper node id = road graph node index). */
    public Map<Integer, Double> reach(Snap origin, double seconds, BitSet closed) {
        Snap o = copy(origin);
        QueryGraph qg = QueryGraph.create(net.graph, o);
        ShortestPathTree spt = new ShortestPathTree(qg, qg.wrapWeighting(weighting(closed)), false, TraversalMode.NODE_BASED);
        spt.setWeightLimit(seconds);
        Map<Integer, Double> out = new HashMap<>();
        int base = net.graph.getNodes();
        spt.search(o.getClosestNode(), l -> {
            if (l.node < base && l.weight <= seconds) out.merge(l.node, l.weight, Math::min);
        });
        return out;
    }

    private WalkWeighting weighting(BitSet closed) {
        BitSet all = net.closures(closed);
        return all.isEmpty() ? net.weighting : net.weighting.blocking(all);
    }

    private static Route toRoute(Path p) {
        if (p == null || !p.isFound()) return null;
        return new Route(p.getWeight(), p.getDistance(), p.calcPoints().size());
    }

    /**
     * A fresh copy of a snap: building a query graph rewrites its snaps' closest nodes to the new virtual nodes, so a
     * snap kept across requests (the facilities') must be copied for each one.
     */
    static Snap copy(Snap s) {
        Snap c = new Snap(s.getQueryPoint().lat, s.getQueryPoint().lon);
        c.setClosestNode(s.getClosestNode());
        c.setClosestEdge(s.getClosestEdge());
        c.setQueryDistance(s.getQueryDistance());
        c.setWayIndex(s.getWayIndex());
        c.setSnappedPosition(s.getSnappedPosition());
        c.setSnappedPoint(s.getSnappedPoint());
        return c;
    }

    /** Dijkstra that stops at the first settled node that is a target. */
    private static final class FirstTargetDijkstra extends Dijkstra {
        private final IntIntHashMap targets;

        FirstTargetDijkstra(Graph g, Weighting w, IntIntHashMap targets) {
            super(g, w, TraversalMode.NODE_BASED);
            this.targets = targets;
        }

        @Override
        protected boolean finished() {
            return currEdge != null && targets.containsKey(currEdge.adjNode);
        }

        int reachedNode() {
            return currEdge.adjNode;
        }
    }
}
