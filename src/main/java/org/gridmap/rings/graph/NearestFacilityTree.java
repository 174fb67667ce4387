package org.gridmap.rings.graph;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * One search run backwards from every facility at once: for every node, the facility it reaches first, the
 * seconds and metres to it, and the next edge toward it. A facility standing off the road (its snap distance) is
 * reached by a last walk from its snap, which the search starts with: it counts in the ranking, not only in the
 * answer, or a point whose roads are closed would win on the network and lose on the walk to its door. The nearest facility of any snap is then a comparison of
 * its edge's two end nodes (plus facilities on that same edge), and the route follows the next-edge pointers.
 * Immutable once built; {@link #graphVersion()} tells the caller when the graph has moved on.
 */
public final class NearestFacilityTree {
    private final RoadGraph g;
    private final EdgeCosts costs;
    private final Snap[] facilities;
    /** Per facility: seconds and metres of the walk from its snap to the facility itself (0 on the road). */
    private final double[] doorSeconds, doorMeters;
    private final SnapSet facilitySet;
    private final double[] seconds;
    private final double[] meters;
    private final int[] facility;
    private final int[] next;
    private final long graphVersion;

    private NearestFacilityTree(RoadGraph g, EdgeCosts costs, Snap[] facilities, double[] doorSeconds, double[] doorMeters,
                                SnapSet set, double[] seconds, double[] meters, int[] facility, int[] next, long graphVersion) {
        this.g = g;
        this.costs = costs;
        this.facilities = facilities;
        this.doorSeconds = doorSeconds;
        this.doorMeters = doorMeters;
        this.facilitySet = set;
        this.seconds = seconds;
        this.meters = meters;
        this.facility = facility;
        this.next = next;
        this.graphVersion = graphVersion;
    }

    /**
     * Times to the facilities' snapped points, along the network only. Facility index = array index; null entries
     * (facilities that did not snap) are skipped.
     */
    public static NearestFacilityTree build(RoadGraph g, TravelMode mode, Snap[] facilities) {
        return build(g, mode, facilities, Double.NaN);
    }

    /**
     * Times to the facilities themselves: the network, then each facility's walk from its snap at offRoadKmh (NaN:
     * network only). {@link #nearest} and {@link #kNearest} then include that walk in seconds and metres.
     */
    public static NearestFacilityTree build(RoadGraph g, TravelMode mode, Snap[] facilities, double offRoadKmh) {
        long version = g.version();
        Router router = new Router(g, mode);
        EdgeCosts costs = router.costs();
        Snap[] fac = facilities.clone();
        double[] doorMeters = doorMeters(fac, offRoadKmh), doorSeconds = doorSeconds(doorMeters, offRoadKmh);
        int n = g.nodeCount();
        SearchSpace s = new SearchSpace(n); // owned: its dist and pred arrays become the tree
        int[] source = new int[n];
        double[] meters = new double[n];
        search(g, router, costs, fac, doorSeconds, doorMeters, s, source, meters, k -> true);
        double[] seconds = s.dist;
        for (int u = 0; u < n; u++) {
            if (!s.reached(u)) {
                seconds[u] = Double.POSITIVE_INFINITY;
                source[u] = -1;
            }
        }
        SnapSet set = new SnapSet(g, costs, fac, true);
        return new NearestFacilityTree(g, costs, fac, doorSeconds, doorMeters, set, seconds, meters, source, s.pred, version);
    }

    /**
     * The same tree as {@link #build} over these facilities, recomputed only in the given parts of the graph: the
     * nodes of every other part keep what {@code old} holds. Exact when nothing changed outside those parts (no
     * search can cross from one part into another, see {@link Partitions}). The facilities may have other snaps
     * than {@code old}'s (re-snapped after closures); their indexes must be the same.
     */
    public static NearestFacilityTree rebuild(NearestFacilityTree old, Snap[] facilities, double offRoadKmh,
                                              Partitions partitions, java.util.BitSet parts) {
        RoadGraph g = old.g;
        if (facilities.length != old.facilities.length) throw new IllegalArgumentException("other facilities");
        long version = g.version();
        Router router = new Router(g, old.costs.mode);
        EdgeCosts costs = router.costs();
        Snap[] fac = facilities.clone();
        double[] doorMeters = doorMeters(fac, offRoadKmh), doorSeconds = doorSeconds(doorMeters, offRoadKmh);
        int n = g.nodeCount();
        SearchSpace s = new SearchSpace(n);
        int[] source = new int[n];
        double[] meters = new double[n];
        search(g, router, costs, fac, doorSeconds, doorMeters, s, source, meters,
                k -> partitions.in(parts, g, fac[k]));
        double[] seconds = old.seconds.clone();
        double[] outMeters = old.meters.clone();
        int[] outFacility = old.facility.clone();
        int[] next = old.next.clone();
        for (int u = 0; u < n; u++) {
            if (!parts.get(partitions.ofNode(u))) continue;
            if (s.reached(u)) {
                seconds[u] = s.dist[u];
                outMeters[u] = meters[u];
                outFacility[u] = source[u];
                next[u] = s.pred[u];
            } else {
                seconds[u] = Double.POSITIVE_INFINITY;
                outMeters[u] = 0;
                outFacility[u] = -1;
                next[u] = -1;
            }
        }
        SnapSet set = new SnapSet(g, costs, fac, true);
        return new NearestFacilityTree(g, costs, fac, doorSeconds, doorMeters, set, seconds, outMeters, outFacility, next, version);
    }

    /** One search backwards from the facilities {@code seed} accepts; fills source and meters of every settled node. */
    private static void search(RoadGraph g, Router router, EdgeCosts costs, Snap[] fac, double[] doorSeconds,
                               double[] doorMeters, SearchSpace s, int[] source, double[] meters,
                               java.util.function.IntPredicate seed) {
        s.begin();
        for (int k = 0; k < fac.length; k++) {
            if (fac[k] != null && seed.test(k)) router.seedTowardTarget(s, fac[k], k, source, doorSeconds[k]);
        }
        Adjacency adj = g.adjacency();
        for (int u = s.poll(); u >= 0; u = s.poll()) {
            int de = s.pred[u];
            if (de >= 0) {
                int e = Adjacency.edge(de);
                int ahead = Adjacency.backward(de) ? g.edgeFrom(e) : g.edgeTo(e);
                source[u] = source[ahead];
                meters[u] = meters[ahead] + g.edgeLengthMeters(e);
            } else {
                Snap f = fac[source[u]];
                double share = de == SearchSpace.SEED_VIA_FROM ? f.fraction() : 1 - f.fraction();
                meters[u] = share * g.edgeLengthMeters(f.edge()) + doorMeters[source[u]];
            }
            s.relax(u, adj, costs.in, true);
        }
    }

    /** Per facility, metres from its snap to the facility itself; all 0 when offRoadKmh is NaN (network only). */
    static double[] doorMeters(Snap[] facilities, double offRoadKmh) {
        double[] m = new double[facilities.length];
        if (Double.isNaN(offRoadKmh)) return m;
        if (!(offRoadKmh > 0)) throw new IllegalArgumentException("off-road speed must be > 0: " + offRoadKmh);
        for (int k = 0; k < facilities.length; k++) if (facilities[k] != null) m[k] = facilities[k].distanceMeters();
        return m;
    }

    static double[] doorSeconds(double[] doorMeters, double offRoadKmh) {
        double[] s = new double[doorMeters.length];
        if (!Double.isNaN(offRoadKmh)) for (int k = 0; k < s.length; k++) s[k] = doorMeters[k] / (offRoadKmh / 3.6);
        return s;
    }

    public long graphVersion() {
        return graphVersion;
    }

    public TravelMode mode() {
        return costs.mode;
    }

    /** Seconds from a node to its nearest facility, +Infinity when none is reachable. */
    public double secondsAtNode(int node) {
        return seconds[node];
    }

    /** The nearest facility of a node, -1 when none is reachable. */
    public int facilityAtNode(int node) {
        return facility[node];
    }

    /**
     * The nearest facility from a snap, or null: seconds and metres from the snap to the facility (with its walk from
     * the road when the tree was built with an off-road speed; the origin's own walk to the road is not included).
     */
    public Nearest nearest(Snap origin) {
        Choice c = choose(origin);
        return c.facility < 0 ? null : new Nearest(c.facility, c.seconds, c.meters);
    }

    /** The network path from the snap to its nearest facility's snapped point, or null when none is reachable. */
    public Path routeToNearest(Snap origin) {
        Choice c = choose(origin);
        if (c.facility < 0) return null;
        Snap target = facilities[c.facility];
        PathAssembler pa = new PathAssembler(g);
        if (c.viaNode < 0) {
            pa.piece(origin.edge(), origin.fraction(), target.fraction());
        } else {
            int e = origin.edge();
            pa.piece(e, origin.fraction(), c.viaFromEnd ? 0 : 1);
            int[] last = new int[1];
            for (int de : PathAssembler.chainFrom(g, next, c.viaNode, last)) pa.edge(de);
            pa.piece(target.edge(), next[last[0]] == SearchSpace.SEED_VIA_FROM ? 0 : 1, target.fraction());
        }
        return pa.build(c.seconds - doorSeconds[c.facility], origin, target);
    }

    /**
     * The k nearest facilities by network time, nearest first, from a forward search that stops once k of them
     * are settled. The router must be for this tree's graph and mode. k ≤ 1 is answered from the tree.
     */
    public List<Nearest> kNearest(Snap origin, int k, Router router) {
        if (router.graph() != g || !router.mode().equals(costs.mode))
            throw new IllegalArgumentException("router is for another graph or travel mode");
        List<Nearest> out = new ArrayList<>();
        if (k <= 0) return out;
        if (k == 1) {
            Nearest n = nearest(origin);
            if (n != null) out.add(n);
            return out;
        }
        return new KNearestSearch(g, costs, router, facilities, doorSeconds, doorMeters, facilitySet).run(origin, k);
    }

    /**
     * The network within {@code seconds} of some facility, as a polygon in lon/lat (the ring's coverage layer; see
     * {@link IsochroneBuilder} for the method). Builds geometry for the whole graph: meant for one town at a time.
     */
    public Geometry coverage(double seconds, double bufferMeters, GeometryFactory gf) {
        return new IsochroneBuilder(g, costs, true).build(null, u -> this.seconds[u], facilities, seconds, bufferMeters, gf);
    }

    private record Choice(int facility, double seconds, double meters, int viaNode, boolean viaFromEnd) { }

    private Choice choose(Snap origin) {
        g.observeEdits();
        int e = origin.edge();
        double f = origin.fraction(), len = g.edgeLengthMeters(e);
        int a = g.edgeFrom(e), b = g.edgeTo(e);
        int bestFacility = -1, via = -1;
        boolean viaFrom = false;
        double best = Double.POSITIVE_INFINITY, bestMeters = 0;
        double ca = costs.partial(e, true, f) + seconds[a];
        if (ca < best) { best = ca; bestFacility = facility[a]; bestMeters = f * len + meters[a]; via = a; viaFrom = true; }
        double cb = costs.partial(e, false, 1 - f) + seconds[b];
        if (cb < best) { best = cb; bestFacility = facility[b]; bestMeters = (1 - f) * len + meters[b]; via = b; viaFrom = false; }
        for (int p = facilitySet.firstOnEdge(e); facilitySet.edgeAt(p) == e; p++) {
            int k = facilitySet.snapOnEdgeAt(p);
            double c = costs.along(e, f, facilities[k].fraction()) + doorSeconds[k];
            if (c < best) {
                best = c;
                bestFacility = k;
                bestMeters = Math.abs(facilities[k].fraction() - f) * len + doorMeters[k];
                via = -1;
            }
        }
        return new Choice(bestFacility, best, bestMeters, via, viaFrom);
    }

    /** Bytes held by the per-node arrays. */
    public long heapBytesEstimate() {
        return (long) seconds.length * (8 + 8 + 4 + 4);
    }
}
