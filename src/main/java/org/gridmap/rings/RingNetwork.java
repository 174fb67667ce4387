package org.gridmap.rings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.rings.graph.NearestFacilityTree;
import org.gridmap.rings.graph.Partitions;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Router;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.Snapper;
import org.gridmap.rings.graph.TravelMode;

/**
 * Everything the four rings derive from the network, computed once per change and then only read: where
 * each facility and household meets the roads, one multi-source tree from all service points (ring 4 for any
 * location in O(1)), and every facility's time to its parent in the chain (rings 3–1).
 * Built whole and never changed: a change builds a new one and swaps it in. It is not immutable, though — its
 * arrays are handed out for speed and must only be read, and the road graph it holds is shared with the engine,
 * whose closures set the graph's closed flags in place ({@link #closedRoads} keeps which were closed at build).
 */
public final class RingNetwork {
    public static final String POINT = "point", HUB = "grid", STATION = "station", CENTER = "center";

    public final RoadGraph graph;
    public final Snapper snapper;
    public final TownModel town;
    public final RingPolicy policy;
    public final Router walkRouter;
    /** Parallel to {@code town.facilities}. */
    public final Snap[] facilitySnaps;
    /** Index of the parent facility in the chain (point→hub→station→center), -1 for the center or when missing. */
    public final int[] parent;
    /** Seconds from a facility to its parent by the ring's mode (+Inf when unreachable or beyond 4× the promise). */
    public final double[] secondsToParent;
    /** Service points only, in tree order; tree facility index → index into {@code town.facilities}. */
    public final int[] pointFacility;
    public final NearestFacilityTree pointTree;
    /** Per household: seconds to its nearest service point including the walk to the road; +Inf if none. */
    public final double[] householdSeconds;
    /** Per household: the nearest point's index into {@code town.facilities}, -1 if none. */
    public final int[] householdPoint;
    public final long graphVersion;
    public final long builtNanos;
    /** Where each household meets the roads (reused when only facilities change). */
    public final Snap[] householdSnaps;
    /**
     * Ids of the roads closed when this network was built. The graph's closed flags change in place; this does not,
     * so two networks tell what a change closed and reopened whoever applied it.
     */
    public final Set<Long> closedRoads;
    /** The graph cut at town boundaries (null: not cut, every change recomputes everything). */
    public final Partitions partitions;

    private RingNetwork(RoadGraph graph, Snapper snapper, TownModel town, RingPolicy policy, Router walkRouter,
                        Snap[] facilitySnaps, int[] parent, double[] secondsToParent, int[] pointFacility,
                        NearestFacilityTree pointTree, double[] householdSeconds, int[] householdPoint, long version,
                        long builtNanos, Snap[] householdSnaps, Set<Long> closedRoads, Partitions partitions) {
        this.graph = graph;
        this.snapper = snapper;
        this.town = town;
        this.policy = policy;
        this.walkRouter = walkRouter;
        this.facilitySnaps = facilitySnaps;
        this.parent = parent;
        this.secondsToParent = secondsToParent;
        this.pointFacility = pointFacility;
        this.pointTree = pointTree;
        this.householdSeconds = householdSeconds;
        this.householdPoint = householdPoint;
        this.graphVersion = version;
        this.builtNanos = builtNanos;
        this.householdSnaps = householdSnaps;
        this.closedRoads = closedRoads;
        this.partitions = partitions;
    }

    public static RingNetwork build(RoadGraph graph, Snapper snapper, TownModel town, RingPolicy policy,
                                    Snap[] householdSnaps) {
        return build(graph, snapper, town, policy, householdSnaps, null);
    }

    /** Everything from scratch; with partitions, later closures can be recomputed part by part ({@link #rebuildParts}). */
    public static RingNetwork build(RoadGraph graph, Snapper snapper, TownModel town, RingPolicy policy,
                                    Snap[] householdSnaps, Partitions partitions) {
        long t0 = System.nanoTime();
        long version = graph.version();
        TravelMode mode4 = policy.mode(policy.ring(4));
        List<TownModel.Facility> fs = town.facilities;
        Snap[] fsnaps = new Snap[fs.size()];
        for (int i = 0; i < fs.size(); i++) {
            fsnaps[i] = snapper.snap(fs.get(i).lon(), fs.get(i).lat(), policy.maxSnapMeters(), mode4);
        }
        int[] parent = parents(fs);
        double[] toParent = new double[fs.size()];
        java.util.Arrays.fill(toParent, Double.POSITIVE_INFINITY);
        Router walk = new Router(graph, mode4);
        parentSeconds(graph, policy, fs, fsnaps, parent, toParent, walk, i -> true);
        int[] pointFacility = pointFacilities(fs);
        double offKmh = policy.baseKmh(policy.ring(4));
        // the walk from a point's road to the point counts in choosing the nearest, not only in its time
        NearestFacilityTree tree = NearestFacilityTree.build(graph, mode4, pointSnaps(pointFacility, fsnaps), offKmh);
        int n = town.householdCount();
        double[] hsec = new double[n];
        int[] hpoint = new int[n];
        for (int i = 0; i < n; i++) nearestOfHousehold(i, householdSnaps, tree, pointFacility, offKmh, hsec, hpoint);
        return new RingNetwork(graph, snapper, town, policy, walk, fsnaps, parent, toParent, pointFacility, tree,
                hsec, hpoint, version, System.nanoTime() - t0, householdSnaps, closedRoads(graph), partitions);
    }

    /**
     * The rings after closures changed, recomputed only in the given parts of the graph (those whose edges opened or
     * closed, and where a household or facility snaps elsewhere now); everything else is the old network's. Equal to
     * {@link #build} with the same snaps, since no search crosses from one part into another.
     */
    public static RingNetwork rebuildParts(RingNetwork old, Snap[] householdSnaps, Snap[] facilitySnaps, java.util.BitSet parts) {
        long t0 = System.nanoTime();
        RoadGraph graph = old.graph;
        Partitions p = old.partitions;
        List<TownModel.Facility> fs = old.town.facilities;
        double[] toParent = old.secondsToParent.clone();
        java.util.function.IntPredicate touched = i -> {
            int parentIndex = old.parent[i];
            return parentIndex >= 0 && (p.in(parts, graph, facilitySnaps[i]) || p.in(parts, graph, old.facilitySnaps[i])
                    || p.in(parts, graph, facilitySnaps[parentIndex]) || p.in(parts, graph, old.facilitySnaps[parentIndex]));
        };
        for (int i = 0; i < fs.size(); i++) if (touched.test(i)) toParent[i] = Double.POSITIVE_INFINITY;
        parentSeconds(graph, old.policy, fs, facilitySnaps, old.parent, toParent, old.walkRouter, touched);
        double offKmh = old.policy.baseKmh(old.policy.ring(4));
        NearestFacilityTree tree = NearestFacilityTree.rebuild(old.pointTree, pointSnaps(old.pointFacility, facilitySnaps),
                offKmh, p, parts);
        double[] hsec = old.householdSeconds.clone();
        int[] hpoint = old.householdPoint.clone();
        for (int i = 0; i < hsec.length; i++) {
            Snap s = householdSnaps[i];
            if (s != old.householdSnaps[i] || p.in(parts, graph, s)) {
                nearestOfHousehold(i, householdSnaps, tree, old.pointFacility, offKmh, hsec, hpoint);
            }
        }
        return new RingNetwork(graph, old.snapper, old.town, old.policy, old.walkRouter, facilitySnaps, old.parent, toParent,
                old.pointFacility, tree, hsec, hpoint, graph.version(), System.nanoTime() - t0, householdSnaps,
                closedRoads(graph), p);
    }

    private static Set<Long> closedRoads(RoadGraph graph) {
        Set<Long> closed = new HashSet<>();
        for (int e = 0; e < graph.edgeCount(); e++) if (graph.isClosed(e)) closed.add(graph.roadId(e));
        return Set.copyOf(closed);
    }

    /** Rings 3–1: one backward search per parent reaches all of its (accepted) children at once. */
    private static void parentSeconds(RoadGraph graph, RingPolicy policy, List<TownModel.Facility> fs, Snap[] fsnaps,
                                      int[] parent, double[] toParent, Router walk, java.util.function.IntPredicate accept) {
        TravelMode mode4 = walk.mode();
        for (int ringNo = 3; ringNo >= 1; ringNo--) {
            RingPolicy.Ring ring = policy.ring(ringNo);
            Router router = policy.mode(ring).equals(mode4) ? walk : new Router(graph, policy.mode(ring));
            double offKmh = policy.baseKmh(ring);
            Map<Integer, List<Integer>> children = new HashMap<>();
            for (int i = 0; i < fs.size(); i++) {
                if (fs.get(i).level().equals(ring.from()) && parent[i] >= 0 && accept.test(i)) {
                    children.computeIfAbsent(parent[i], k -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<Integer, List<Integer>> e : children.entrySet()) {
                Snap target = fsnaps[e.getKey()];
                if (target == null) continue;
                List<Integer> kids = e.getValue();
                Snap[] origins = new Snap[kids.size()];
                for (int k = 0; k < kids.size(); k++) origins[k] = fsnaps[kids.get(k)];
                double[] secs = router.travelSecondsFromMany(origins, target, 4 * ring.limitSeconds());
                for (int k = 0; k < kids.size(); k++) {
                    Snap o = origins[k];
                    if (o == null) continue;
                    toParent[kids.get(k)] = secs[k] + offNetwork(o, offKmh) + offNetwork(target, offKmh);
                }
            }
        }
    }

    private static int[] pointFacilities(List<TownModel.Facility> fs) {
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) if (fs.get(i).level().equals(POINT)) points.add(i);
        return points.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Snap[] pointSnaps(int[] pointFacility, Snap[] fsnaps) {
        Snap[] pointSnaps = new Snap[pointFacility.length];
        for (int k = 0; k < pointFacility.length; k++) pointSnaps[k] = fsnaps[pointFacility[k]];
        return pointSnaps;
    }

    private static void nearestOfHousehold(int i, Snap[] householdSnaps, NearestFacilityTree tree, int[] pointFacility,
                                           double offKmh, double[] hsec, int[] hpoint) {
        Snap s = householdSnaps[i];
        var nearest = s == null ? null : tree.nearest(s);
        if (nearest == null) {
            hsec[i] = Double.POSITIVE_INFINITY;
            hpoint[i] = -1;
        } else {
            hsec[i] = nearest.seconds() + offNetwork(s, offKmh);
            hpoint[i] = pointFacility[nearest.facility()];
        }
    }

    /** Snaps every household once (the slow part of a reload; a facility edit reuses them). */
    public static Snap[] snapHouseholds(Snapper snapper, TownModel town, RingPolicy policy) {
        TravelMode mode = policy.mode(policy.ring(4));
        Snap[] out = new Snap[town.householdCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = snapper.snap(town.householdLon[i], town.householdLat[i], policy.maxSnapMeters(), mode);
        }
        return out;
    }

    /**
     * Where households meet the roads after closures changed: the old snap, unless its edge is closed now or
     * the household lies within snapping distance of a reopened edge (then it snaps again). One that met no road
     * stays so unless a road reopened near it.
     */
    public static Snap[] resnap(Snapper snapper, TownModel town, RingPolicy policy, Snap[] old, RoadGraph graph,
                                java.util.BitSet reopened) {
        return resnap(snapper, town.householdLon, town.householdLat, policy, old, graph, reopened);
    }

    /** The same rule for the facilities (each where it stands). */
    public static Snap[] resnapFacilities(Snapper snapper, TownModel town, RingPolicy policy, Snap[] old, RoadGraph graph,
                                          java.util.BitSet reopened) {
        List<TownModel.Facility> fs = town.facilities;
        double[] lon = new double[fs.size()], lat = new double[fs.size()];
        for (int i = 0; i < lon.length; i++) {
            lon[i] = fs.get(i).lon();
            lat[i] = fs.get(i).lat();
        }
        return resnap(snapper, lon, lat, policy, old, graph, reopened);
    }

    private static Snap[] resnap(Snapper snapper, double[] lon, double[] lat, RingPolicy policy, Snap[] old, RoadGraph graph,
                                 java.util.BitSet reopened) {
        TravelMode mode = policy.mode(policy.ring(4));
        double margin = policy.maxSnapMeters() / 111_000.0 * 1.5;
        java.util.List<org.locationtech.jts.geom.Envelope> near = new java.util.ArrayList<>();
        for (int e = reopened.nextSetBit(0); e >= 0; e = reopened.nextSetBit(e + 1)) {
            double[] c = graph.edgeCoords(e);
            org.locationtech.jts.geom.Envelope env = new org.locationtech.jts.geom.Envelope();
            for (int i = 0; i + 1 < c.length; i += 2) env.expandToInclude(c[i], c[i + 1]);
            env.expandBy(margin / Math.cos(Math.toRadians(env.centre().y)), margin);
            near.add(env);
        }
        Snap[] out = old.clone();
        for (int i = 0; i < out.length; i++) {
            Snap s = out[i];
            // no road within reach before: closing roads cannot give it one, only a reopened road near it (below)
            boolean again = s != null && !graph.isPassable(s.edge());
            if (!again) {
                for (org.locationtech.jts.geom.Envelope env : near) {
                    if (env.contains(lon[i], lat[i])) {
                        again = true;
                        break;
                    }
                }
            }
            if (again) out[i] = snapper.snap(lon[i], lat[i], policy.maxSnapMeters(), mode);
        }
        return out;
    }

    /** Walking from the location to where it meets the road, at the mode's flat speed. */
    public static double offNetwork(Snap s, double kmh) { return s == null ? 0 : s.distanceMeters() / (kmh / 3.6); }

    private static int[] parents(List<TownModel.Facility> fs) {
        Map<Long, Integer> hubByGrid = new HashMap<>();
        Map<Long, Integer> stationByVillage = new HashMap<>();
        Map<Long, Integer> centerByTown = new HashMap<>();
        for (int i = 0; i < fs.size(); i++) {
            TownModel.Facility f = fs.get(i);
            switch (f.level()) {
                case HUB -> hubByGrid.put(f.gridId(), i);
                case STATION -> stationByVillage.put(f.villageId(), i);
                case CENTER -> centerByTown.put(f.townId(), i);
                default -> { }
            }
        }
        int[] parent = new int[fs.size()];
        for (int i = 0; i < fs.size(); i++) {
            TownModel.Facility f = fs.get(i);
            Integer p = switch (f.level()) {
                case POINT -> hubByGrid.get(f.gridId());
                case HUB -> stationByVillage.get(f.villageId());
                case STATION -> centerByTown.get(f.townId());
                default -> null;
            };
            parent[i] = p == null ? -1 : p;
        }
        return parent;
    }
}
