package org.gridmap.rings.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * One search run backwards from every facility at once: for every node, the facility it reaches first, the
 * seconds and metres to it, and the next edge toward it. A facility standing off the road (its snap distance) is
 * reached by a last walk from its snap, which the search starts with: it counts in the ranking, not only in the
 * answer, or a point whose roads are closed would win on the network and lose on the walk to its door. The nearest facility of any snap is then a comparison of
 * its edge's two end nodes (plus facilities on that same edge), and the route follows the next-edge pointers.
 *
 * <p>The tree is kept per part of the graph ({@link Partitions}: per town, as no search crosses a town boundary):
 * each part has its own arrays, indexed by its nodes' local index, and its own set of facilities. A {@link #rebuild}
 * after a closure makes new arrays for the parts it touches and shares every other part with the old tree, so it
 * costs what those towns have, whatever the city.
 * Immutable once built; {@link #graphVersion()} tells the caller when the graph has moved on.
 */
public final class NearestFacilityTree {
    private final RoadGraph g;
    private final EdgeCosts costs;
    private final Snap[] facilities;
    /** Per facility: seconds and metres of the walk from its snap to the facility itself (0 on the road). */
    private final double[] doorSeconds, doorMeters;
    /** The walk's speed from a facility's snap to its door (NaN: network only). */
    private final double offRoadKmh;
    private final Partitions partitions;
    private final Part[] parts;
    private final long graphVersion;

    /**
     * One part's nodes by local index: seconds and metres to the nearest facility, which one, the next edge toward it;
     * and the facilities snapped in the part, ascending (a rebuild of the part starts from them, not from every facility).
     */
    private record Part(double[] seconds, double[] meters, int[] facility, int[] next, SnapSet set, int[] members) {
        long heapBytes() { return (long) seconds.length * (8 + 8 + 4 + 4) + set.heapBytes() + 4L * members.length; }
    }

    private NearestFacilityTree(RoadGraph g, EdgeCosts costs, Snap[] facilities, double[] doorSeconds, double[] doorMeters,
                                double offRoadKmh, Partitions partitions, Part[] parts, long graphVersion) {
        this.g = g;
        this.costs = costs;
        this.facilities = facilities;
        this.doorSeconds = doorSeconds;
        this.doorMeters = doorMeters;
        this.offRoadKmh = offRoadKmh;
        this.partitions = partitions;
        this.parts = parts;
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
        return build(g, mode, facilities, offRoadKmh, Partitions.whole(g));
    }

    /** The same, kept per part of these partitions (so that {@link #rebuild} can redo some parts alone). */
    public static NearestFacilityTree build(RoadGraph g, TravelMode mode, Snap[] facilities, double offRoadKmh,
                                            Partitions partitions) {
        BitSet all = new BitSet(partitions.count());
        all.set(0, partitions.count());
        Snap[] fac = facilities.clone();
        double[] doorMeters = doorMeters(fac, offRoadKmh);
        IntList[] members = new IntList[partitions.count()];
        for (int k = 0; k < fac.length; k++) {
            int p = partitions.of(g, fac[k]);
            if (p < 0) continue;
            if (members[p] == null) members[p] = new IntList(8);
            members[p].add(k);
        }
        int[][] byPart = new int[partitions.count()][];
        for (int p = 0; p < byPart.length; p++) byPart[p] = members[p] == null ? new int[0] : members[p].toArray();
        return compute(g, new Router(g, mode), fac, doorMeters, doorSeconds(doorMeters, offRoadKmh), offRoadKmh, partitions,
                all, byPart, new Part[partitions.count()]);
    }

    /**
     * The same tree as {@link #build}, recomputed only in the given parts of the graph: the other parts are {@code old}'s,
     * shared. Exact when nothing changed outside those parts (no search can cross from one part into another, see
     * {@link Partitions}). {@code moved} facilities (indexes of the tree's facilities) have the new snaps {@code snaps}
     * (re-snapped after closures), and their old and new parts must be among the given ones; every other facility keeps
     * its snap. The cost is the given parts' (their nodes and facilities) and the moved facilities', whatever the city:
     * no array of every facility is copied unless one moved.
     */
    public static NearestFacilityTree rebuild(NearestFacilityTree old, int[] moved, Snap[] snaps, BitSet parts) {
        if (moved.length != snaps.length) throw new IllegalArgumentException("one snap per moved facility");
        RoadGraph g = old.g;
        Partitions partitions = old.partitions;
        Snap[] fac = old.facilities;
        double[] doorMeters = old.doorMeters, doorSeconds = old.doorSeconds;
        if (moved.length > 0) {
            fac = fac.clone();
            doorMeters = doorMeters.clone();
            doorSeconds = doorSeconds.clone();
            for (int i = 0; i < moved.length; i++) {
                int k = moved[i];
                fac[k] = snaps[i];
                doorMeters[k] = Double.isNaN(old.offRoadKmh) || snaps[i] == null ? 0 : snaps[i].distanceMeters();
                doorSeconds[k] = Double.isNaN(old.offRoadKmh) ? 0 : doorMeters[k] / (old.offRoadKmh / 3.6);
            }
        }
        int[][] members = new int[partitions.count()][];
        for (int p = parts.nextSetBit(0); p >= 0; p = parts.nextSetBit(p + 1)) {
            IntList now = new IntList(8);
            for (int k : old.parts[p].members) if (partitions.of(g, fac[k]) == p) now.add(k);
            for (int k : moved) {
                if (partitions.of(g, fac[k]) == p && partitions.of(g, old.facilities[k]) != p) now.add(k);
            }
            members[p] = now.toArray();
            Arrays.sort(members[p]); // the seeds in facility order, as a build from scratch has them
        }
        return compute(g, new Router(g, old.costs.mode), fac, doorMeters, doorSeconds, old.offRoadKmh, partitions, parts,
                members, old.parts.clone());
    }

    /** Fills {@code out} anew for the given parts: one search backwards from their facilities ({@code members[p]}). */
    private static NearestFacilityTree compute(RoadGraph g, Router router, Snap[] fac, double[] doorMeters, double[] doorSeconds,
                                               double offRoadKmh, Partitions partitions, BitSet parts, int[][] members, Part[] out) {
        long version = g.version();
        EdgeCosts costs = router.costs();
        double[][] seconds = new double[out.length][], meters = new double[out.length][];
        int[][] facility = new int[out.length][], next = new int[out.length][];
        for (int p = parts.nextSetBit(0); p >= 0; p = parts.nextSetBit(p + 1)) {
            int n = partitions.size(p);
            seconds[p] = new double[n];
            Arrays.fill(seconds[p], Double.POSITIVE_INFINITY);
            meters[p] = new double[n];
            facility[p] = new int[n];
            Arrays.fill(facility[p], -1);
            next[p] = new int[n];
            Arrays.fill(next[p], -1);
        }
        SearchSpace s = g.searchPool().acquire();
        try {
            int[] source = s.labels();
            g.observeEdits();
            s.begin();
            for (int p = parts.nextSetBit(0); p >= 0; p = parts.nextSetBit(p + 1)) {
                for (int k : members[p]) router.seedTowardTarget(s, fac[k], k, source, doorSeconds[k]);
            }
            Adjacency adj = g.adjacency();
            for (int u = s.poll(); u >= 0; u = s.poll()) {
                int p = partitions.ofNode(u), j = partitions.localIndex(u);
                if (seconds[p] == null) throw new IllegalStateException("a search crossed into part " + p + " from another part");
                int de = s.pred[u];
                double m;
                if (de >= 0) {
                    int e = Adjacency.edge(de);
                    int ahead = Adjacency.backward(de) ? g.edgeFrom(e) : g.edgeTo(e);
                    source[u] = source[ahead];
                    m = meters[p][partitions.localIndex(ahead)] + g.edgeLengthMeters(e);
                } else {
                    Snap f = fac[source[u]];
                    double share = de == SearchSpace.SEED_VIA_FROM ? f.fraction() : 1 - f.fraction();
                    m = share * g.edgeLengthMeters(f.edge()) + doorMeters[source[u]];
                }
                seconds[p][j] = s.dist[u];
                meters[p][j] = m;
                facility[p][j] = source[u];
                next[p][j] = de;
                s.relax(u, adj, costs.in, true);
            }
        } finally {
            g.searchPool().release(s);
        }
        for (int p = parts.nextSetBit(0); p >= 0; p = parts.nextSetBit(p + 1)) {
            SnapSet set = new SnapSet(g, costs, fac, members[p], true);
            out[p] = new Part(seconds[p], meters[p], facility[p], next[p], set, members[p]);
        }
        return new NearestFacilityTree(g, costs, fac, doorSeconds, doorMeters, offRoadKmh, partitions, out, version);
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

    /** Whether both trees hold the very same arrays for a part (a rebuild elsewhere left it alone). */
    public boolean sharesPart(NearestFacilityTree other, int part) {
        return other.partitions == partitions && other.parts[part] == parts[part];
    }

    public long graphVersion() {
        return graphVersion;
    }

    public TravelMode mode() {
        return costs.mode;
    }

    /** Seconds from a node to its nearest facility, +Infinity when none is reachable. */
    public double secondsAtNode(int node) {
        return parts[partitions.ofNode(node)].seconds[partitions.localIndex(node)];
    }

    private double metersAtNode(int node) {
        return parts[partitions.ofNode(node)].meters[partitions.localIndex(node)];
    }

    private int nextAtNode(int node) {
        return parts[partitions.ofNode(node)].next[partitions.localIndex(node)];
    }

    private SnapSet setAtNode(int node) {
        return parts[partitions.ofNode(node)].set;
    }

    /** The nearest facility of a node, -1 when none is reachable. */
    public int facilityAtNode(int node) {
        return parts[partitions.ofNode(node)].facility[partitions.localIndex(node)];
    }

    /**
     * The nearest facility from a snap, or null: seconds and metres from the snap to the facility (with its walk from
     * the road when the tree was built with an off-road speed; the origin's own walk to the road is not included).
     */
    public Nearest nearest(Snap origin) {
        return nearest(origin.edge(), origin.fraction());
    }

    /** The same for a place at this fraction of this edge (for callers that keep snaps as primitives). */
    public Nearest nearest(int edge, double fraction) {
        Choice c = choose(edge, fraction);
        return c.facility < 0 ? null : new Nearest(c.facility, c.seconds, c.meters);
    }

    /** The network path from the snap to its nearest facility's snapped point, or null when none is reachable. */
    public Path routeToNearest(Snap origin) {
        Choice c = choose(origin.edge(), origin.fraction());
        if (c.facility < 0) return null;
        Snap target = facilities[c.facility];
        PathAssembler pa = new PathAssembler(g);
        if (c.viaNode < 0) {
            pa.piece(origin.edge(), origin.fraction(), target.fraction());
        } else {
            int e = origin.edge();
            pa.piece(e, origin.fraction(), c.viaFromEnd ? 0 : 1);
            int[] last = new int[1];
            for (int de : PathAssembler.chainFrom(g, this::nextAtNode, c.viaNode, last)) pa.edge(de);
            pa.piece(target.edge(), nextAtNode(last[0]) == SearchSpace.SEED_VIA_FROM ? 0 : 1, target.fraction());
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
        return new KNearestSearch(g, costs, router, facilities, doorSeconds, doorMeters, setAtNode(g.edgeFrom(origin.edge())),
                this::setAtNode).run(origin, k);
    }

    /**
     * The network within {@code seconds} of some facility, as a polygon in lon/lat (the ring's coverage layer; see
     * {@link IsochroneBuilder} for the method). Builds geometry for the whole graph: meant for one town at a time.
     */
    public Geometry coverage(double seconds, double bufferMeters, GeometryFactory gf) {
        return new IsochroneBuilder(g, costs, true).build(null, this::secondsAtNode, facilities, seconds, bufferMeters, gf);
    }

    private record Choice(int facility, double seconds, double meters, int viaNode, boolean viaFromEnd) { }

    private Choice choose(int e, double f) {
        g.observeEdits();
        double len = g.edgeLengthMeters(e);
        int a = g.edgeFrom(e), b = g.edgeTo(e);
        int bestFacility = -1, via = -1;
        boolean viaFrom = false;
        double best = Double.POSITIVE_INFINITY, bestMeters = 0;
        double ca = costs.partial(e, true, f) + secondsAtNode(a);
        if (ca < best) { best = ca; bestFacility = facilityAtNode(a); bestMeters = f * len + metersAtNode(a); via = a; viaFrom = true; }
        double cb = costs.partial(e, false, 1 - f) + secondsAtNode(b);
        if (cb < best) { best = cb; bestFacility = facilityAtNode(b); bestMeters = (1 - f) * len + metersAtNode(b); via = b; viaFrom = false; }
        SnapSet facilitySet = setAtNode(a);
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

    /** Bytes held by the per-node arrays and the per-part facility sets. */
    public long heapBytesEstimate() {
        long bytes = 0;
        for (Part p : parts) bytes += p.heapBytes();
        return bytes;
    }
}
