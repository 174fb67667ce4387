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
    /** Per household: where it meets the roads, seconds to its nearest service point, which point (paged). */
    private final HouseholdTimes households;
    /** Per part of the graph: the households whose snap lies in it (a closure recomputes its parts' lists alone). */
    private final int[][] householdsByPart;
    public final long graphVersion;
    public final long builtNanos;
    /**
     * Ids of the roads closed when this network was built. The graph's closed flags change in place; this does not,
     * so two networks tell what a change closed and reopened whoever applied it.
     */
    public final Set<Long> closedRoads;
    /** The graph cut at town boundaries ({@link Partitions#whole} when not cut: every change recomputes everything). */
    public final Partitions partitions;

    /** Per part of the graph: the facilities whose snap lies in it, ascending. */
    private final int[][] facilitiesByPart;
    private final FacilityChain chain;
    /** The facility rings' totals, kept as the network changes. */
    private final FacilityTally facilityTally;
    /** What building this network looked at (a recompute after closures: its towns' share, not the city's). */
    public final Work work;

    /** Households whose nearest point was sought again; facilities re-snapped; facilities whose time to the parent was sought again. */
    public record Work(int households, int facilitiesSnapped, int facilitiesTimed) { }

    private RingNetwork(RoadGraph graph, Snapper snapper, TownModel town, RingPolicy policy, Router walkRouter,
                        Snap[] facilitySnaps, FacilityChain chain, double[] secondsToParent, NearestFacilityTree pointTree,
                        HouseholdTimes households, int[][] householdsByPart, int[][] facilitiesByPart, long version,
                        long builtNanos, Set<Long> closedRoads, Partitions partitions, Work work, FacilityTally facilityTally) {
        this.graph = graph;
        this.snapper = snapper;
        this.town = town;
        this.policy = policy;
        this.walkRouter = walkRouter;
        this.facilitySnaps = facilitySnaps;
        this.chain = chain;
        this.parent = chain.parent;
        this.secondsToParent = secondsToParent;
        this.pointFacility = chain.pointFacility;
        this.pointTree = pointTree;
        this.households = households;
        this.householdsByPart = householdsByPart;
        this.facilitiesByPart = facilitiesByPart;
        this.graphVersion = version;
        this.builtNanos = builtNanos;
        this.closedRoads = closedRoads;
        this.partitions = partitions;
        this.work = work;
        this.facilityTally = facilityTally;
    }

    /** {origins, within} of a ring of facilities, kept as the network changes; null for the households' ring. */
    public long[] facilityTally(RingPolicy.Ring ring) { return facilityTally.of(ring); }

    /** The households, and the facilities, whose snap lies in part p (the network's own arrays: to be read only). */
    public int[] householdsOfPart(int p) { return householdsByPart[p]; }

    public int[] facilitiesOfPart(int p) { return facilitiesByPart[p]; }

    FacilityChain chain() { return chain; }

    /**
     * This network with another town and chain, its times as they were but for the facilities among {@code changed} left
     * without a parent (+Inf, as a build gives them): {@link #rebuildParts} then recomputes what the change reaches.
     */
    RingNetwork withChain(TownModel town, FacilityChain chain, int[] changed) {
        double[] toParent = secondsToParent;
        FacilityTally tally = facilityTally.copy();
        for (int f : changed) {
            if (chain.parent[f] >= 0 || toParent[f] == Double.POSITIVE_INFINITY) continue;
            if (toParent == secondsToParent) toParent = toParent.clone();
            tally.changed(policy, town.facilities.get(f), toParent[f], Double.POSITIVE_INFINITY);
            toParent[f] = Double.POSITIVE_INFINITY;
        }
        return new RingNetwork(graph, snapper, town, policy, walkRouter, facilitySnaps, chain, toParent, pointTree,
                households, householdsByPart, facilitiesByPart, graphVersion, builtNanos, closedRoads, partitions, work, tally);
    }

    /** Seconds from household i to its nearest service point including the walk to the road; +Inf if none. */
    public double householdSeconds(int i) { return households.seconds(i); }

    /** Household i's nearest point as an index into {@code town.facilities}, -1 if none. */
    public int householdPoint(int i) { return households.point(i); }

    /** The edge household i meets the roads on, -1 for none (without making its {@link #householdSnap}). */
    int householdEdge(int i) { return households.edge(i); }

    /**
     * Where household i meets the roads, null when no road is within reach. The point on the road is not kept (it
     * would cost 16 bytes a household) but found again from the edge and the fraction: the snapper's point to
     * rounding; no answer shows it, the times use the edge, the fraction and the walk to the road, which are kept.
     */
    public Snap householdSnap(int i) {
        int e = households.edge(i);
        if (e < 0) return null;
        double f = households.fraction(i);
        double[] at = graph.pointAt(e, f);
        return new Snap(e, f, at[0], at[1], households.meters(i));
    }

    /** How many households are within {@code limitSeconds} of their nearest point, or -1 when not kept for that limit. */
    public long householdsWithin(double limitSeconds) {
        return limitSeconds == households.limit() ? households.within() : -1;
    }

    /** Every household's snap, in a new array (for building another network on the same snaps). */
    public Snap[] householdSnaps() {
        Snap[] out = new Snap[households.count()];
        for (int i = 0; i < out.length; i++) out[i] = householdSnap(i);
        return out;
    }

    /** Every household's seconds, in a new array. */
    public double[] householdSecondsArray() {
        double[] out = new double[households.count()];
        for (int i = 0; i < out.length; i++) out[i] = households.seconds(i);
        return out;
    }

    /** Every household's nearest point, in a new array. */
    public int[] householdPointArray() {
        int[] out = new int[households.count()];
        for (int i = 0; i < out.length; i++) out[i] = households.point(i);
        return out;
    }

    /** The first household after i whose times may differ from {@code other}'s: households on pages both share are skipped. */
    public int nextPossiblyChanged(RingNetwork other, int i) {
        while (i < households.count() && households.sharesPage(other.households, i)) i = HouseholdTimes.nextPage(i);
        return i;
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
        if (partitions == null) partitions = Partitions.whole(graph);
        TravelMode mode4 = policy.mode(policy.ring(4));
        List<TownModel.Facility> fs = town.facilities;
        Snap[] fsnaps = new Snap[fs.size()];
        for (int i = 0; i < fs.size(); i++) {
            fsnaps[i] = snapper.snap(fs.get(i).lon(), fs.get(i).lat(), policy.maxSnapMeters(), mode4);
        }
        FacilityChain chain = FacilityChain.of(fs);
        double[] toParent = new double[fs.size()];
        java.util.Arrays.fill(toParent, Double.POSITIVE_INFINITY);
        Router walk = new Router(graph, mode4);
        int[] all = new int[fs.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        parentSeconds(graph, policy, fs, fsnaps, chain.parent, all, walk, (i, secs) -> toParent[i] = secs);
        double offKmh = policy.baseKmh(policy.ring(4));
        // the walk from a point's road to the point counts in choosing the nearest, not only in its time
        NearestFacilityTree tree = NearestFacilityTree.build(graph, mode4, pointSnaps(chain.pointFacility, fsnaps), offKmh, partitions);
        HouseholdTimes.Editor hh = HouseholdTimes.unset(householdSnaps, policy.ring(4).limitSeconds()).edit();
        for (int i = 0; i < householdSnaps.length; i++) nearestOfHousehold(i, hh, tree, chain.pointFacility, offKmh);
        return new RingNetwork(graph, snapper, town, policy, walk, fsnaps, chain, toParent, tree, hh.build(),
                byPart(graph, partitions, householdSnaps), byPart(graph, partitions, fsnaps), version, System.nanoTime() - t0,
                closedRoads(graph), partitions, new Work(householdSnaps.length, fs.size(), fs.size()),
                FacilityTally.of(policy, fs, toParent));
    }

    /** The households (or facilities) of each part, by where they meet the roads (one that meets none is in no part). */
    private static int[][] byPart(RoadGraph graph, Partitions p, Snap[] snaps) {
        int[] count = new int[p.count()];
        for (Snap s : snaps) if (s != null) count[p.of(graph, s)]++;
        int[][] out = new int[p.count()][];
        for (int k = 0; k < out.length; k++) out[k] = new int[count[k]];
        java.util.Arrays.fill(count, 0);
        for (int i = 0; i < snaps.length; i++) {
            if (snaps[i] == null) continue;
            int k = p.of(graph, snaps[i]);
            out[k][count[k]++] = i;
        }
        return out;
    }

    /**
     * The rings after closures changed, recomputed only in the given parts of the graph (those whose edges opened or
     * closed, and where a household or facility snaps elsewhere now); everything else is the old network's, shared
     * rather than copied: the tree's other parts, the households' other pages, the facilities' arrays unless one of
     * their values changed. Equal to {@link #build} with the same snaps, since no search crosses from one part into
     * another; and what it looks at is those parts' households and facilities (and the children of those facilities),
     * never a pass over the city's.
     */
    static RingNetwork rebuildParts(RingNetwork old, ClosureSnaps.Moved moved, ClosureSnaps.Moved movedFacilities,
                                    java.util.BitSet parts) {
        long t0 = System.nanoTime();
        RoadGraph graph = old.graph;
        Partitions p = old.partitions;
        List<TownModel.Facility> fs = old.town.facilities;
        int[] fMoved = movedFacilities.ids();
        Snap[] facilitySnaps = old.facilitySnaps;
        if (fMoved.length > 0) {
            facilitySnaps = facilitySnaps.clone(); // copied only when a facility meets the roads elsewhere
            for (int k = 0; k < fMoved.length; k++) facilitySnaps[fMoved[k]] = movedFacilities.snaps()[k];
        }
        int[] timed = timedAgain(old, facilitySnaps, fMoved, parts);
        double[] again = new double[timed.length];
        java.util.Arrays.fill(again, Double.POSITIVE_INFINITY);
        parentSeconds(graph, old.policy, fs, facilitySnaps, old.parent, timed, old.walkRouter,
                (i, secs) -> again[java.util.Arrays.binarySearch(timed, i)] = secs);
        double[] toParent = old.secondsToParent;
        FacilityTally tally = old.facilityTally.copy();
        for (int k = 0; k < timed.length; k++) {
            if (Double.compare(again[k], toParent[timed[k]]) == 0) continue;
            if (toParent == old.secondsToParent) toParent = toParent.clone(); // copied only when a facility's time changed
            tally.changed(old.policy, fs.get(timed[k]), toParent[timed[k]], again[k]);
            toParent[timed[k]] = again[k];
        }
        double offKmh = old.policy.baseKmh(old.policy.ring(4));
        IntArrayBuilder movedPoints = new IntArrayBuilder();
        List<Snap> movedPointSnaps = new ArrayList<>();
        for (int k = 0; k < fMoved.length; k++) {
            int point = old.chain.pointOf(fMoved[k]);
            if (point < 0) continue;
            movedPoints.add(point);
            movedPointSnaps.add(movedFacilities.snaps()[k]);
        }
        NearestFacilityTree tree = NearestFacilityTree.rebuild(old.pointTree, movedPoints.toArray(),
                movedPointSnaps.toArray(new Snap[0]), parts);
        HouseholdTimes.Editor hh = old.households.edit();
        for (int k = 0; k < moved.ids().length; k++) hh.setSnap(moved.ids()[k], moved.snaps()[k]);
        int[][] byPart = old.householdsByPart.clone();
        int[][] facilitiesByPart = fMoved.length == 0 ? old.facilitiesByPart : old.facilitiesByPart.clone();
        Snap[] fNow = facilitySnaps;
        int households = 0;
        for (int part = parts.nextSetBit(0); part >= 0; part = parts.nextSetBit(part + 1)) {
            byPart[part] = membersNow(graph, p, old.householdsByPart[part], part, moved, hh::edge, old.households::edge);
            for (int i : byPart[part]) nearestOfHousehold(i, hh, tree, old.pointFacility, offKmh);
            households += byPart[part].length;
            if (facilitiesByPart != old.facilitiesByPart) {
                facilitiesByPart[part] = membersNow(graph, p, old.facilitiesByPart[part], part, movedFacilities,
                        i -> edgeOf(fNow[i]), i -> edgeOf(old.facilitySnaps[i]));
            }
        }
        for (int k = 0; k < moved.ids().length; k++) {
            if (moved.snaps()[k] == null) hh.setTime(moved.ids()[k], Double.POSITIVE_INFINITY, -1);
        }
        return new RingNetwork(graph, old.snapper, old.town, old.policy, old.walkRouter, facilitySnaps, old.chain, toParent,
                tree, hh.build(), byPart, facilitiesByPart, graph.version(), System.nanoTime() - t0, closedRoads(graph), p,
                new Work(households, fMoved.length, timed.length), tally);
    }

    /**
     * The facilities whose time to the parent may change: those with a parent, where their own snap or their parent's
     * (before or after) lies in the parts — found among the parts' facilities, their children and the moved ones, ascending.
     */
    private static int[] timedAgain(RingNetwork old, Snap[] now, int[] moved, java.util.BitSet parts) {
        RoadGraph graph = old.graph;
        Partitions p = old.partitions;
        java.util.Set<Integer> seen = new java.util.HashSet<>(); // a town's facilities: no array sized to the city
        IntArrayBuilder out = new IntArrayBuilder();
        java.util.function.IntConsumer consider = f -> {
            int q = old.parent[f];
            if (q < 0 || seen.contains(f)) return;
            if (p.in(parts, graph, now[f]) || p.in(parts, graph, old.facilitySnaps[f])
                    || p.in(parts, graph, now[q]) || p.in(parts, graph, old.facilitySnaps[q])) {
                seen.add(f);
                out.add(f);
            }
        };
        java.util.function.IntConsumer withChildren = f -> {
            consider.accept(f);
            for (int j = 0; j < old.chain.childCount(f); j++) consider.accept(old.chain.child(f, j));
        };
        for (int part = parts.nextSetBit(0); part >= 0; part = parts.nextSetBit(part + 1)) {
            for (int f : old.facilitiesByPart[part]) withChildren.accept(f);
        }
        for (int f : moved) withChildren.accept(f);
        int[] a = out.toArray();
        java.util.Arrays.sort(a);
        return a;
    }

    /** A growable int array (the edges a recompute handles, the members of a part). */
    static final class IntArrayBuilder {
        private int[] a = new int[8];
        private int n;
        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n);
            a[n++] = v;
        }
        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }

    /** A part's members after some moved: those that stay, and those that snap into it now from elsewhere (by edge, -1: none). */
    private static int[] membersNow(RoadGraph graph, Partitions p, int[] before, int part, ClosureSnaps.Moved moved,
                                    java.util.function.IntUnaryOperator edgeNow, java.util.function.IntUnaryOperator edgeWas) {
        int[] out = new int[before.length + moved.ids().length];
        int n = 0;
        for (int i : before) if (partOf(graph, p, edgeNow.applyAsInt(i)) == part) out[n++] = i;
        for (int k = 0; k < moved.ids().length; k++) {
            int i = moved.ids()[k];
            if (p.of(graph, moved.snaps()[k]) == part && partOf(graph, p, edgeWas.applyAsInt(i)) != part) out[n++] = i;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int partOf(RoadGraph graph, Partitions p, int edge) { return edge < 0 ? -1 : p.ofEdge(graph, edge); }

    private static int edgeOf(Snap s) { return s == null ? -1 : s.edge(); }

    private static Set<Long> closedRoads(RoadGraph graph) {
        Set<Long> closed = new HashSet<>();
        for (int e : graph.closedEdges()) closed.add(graph.roadId(e));
        return Set.copyOf(closed);
    }

    /** Told the seconds from facility i to its parent. */
    private interface ParentTime { void set(int facility, double seconds); }

    /** Rings 3–1 for the candidate facilities: one backward search per parent reaches all of its candidate children at once. */
    private static void parentSeconds(RoadGraph graph, RingPolicy policy, List<TownModel.Facility> fs, Snap[] fsnaps,
                                      int[] parent, int[] candidates, Router walk, ParentTime out) {
        TravelMode mode4 = walk.mode();
        for (int ringNo = 3; ringNo >= 1; ringNo--) {
            RingPolicy.Ring ring = policy.ring(ringNo);
            Router router = policy.mode(ring).equals(mode4) ? walk : new Router(graph, policy.mode(ring));
            double offKmh = policy.baseKmh(ring);
            Map<Integer, List<Integer>> children = new HashMap<>();
            for (int i : candidates) {
                if (fs.get(i).level().equals(ring.from()) && parent[i] >= 0) {
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
                    out.set(kids.get(k), secs[k] + offNetwork(o, offKmh) + offNetwork(target, offKmh));
                }
            }
        }
    }

    private static Snap[] pointSnaps(int[] pointFacility, Snap[] fsnaps) {
        Snap[] pointSnaps = new Snap[pointFacility.length];
        for (int k = 0; k < pointFacility.length; k++) pointSnaps[k] = fsnaps[pointFacility[k]];
        return pointSnaps;
    }

    private static void nearestOfHousehold(int i, HouseholdTimes.Editor hh, NearestFacilityTree tree, int[] pointFacility,
                                           double offKmh) {
        int e = hh.edge(i);
        var nearest = e < 0 ? null : tree.nearest(e, hh.fraction(i));
        if (nearest == null) hh.setTime(i, Double.POSITIVE_INFINITY, -1);
        else hh.setTime(i, nearest.seconds() + hh.meters(i) / (offKmh / 3.6), pointFacility[nearest.facility()]);
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

    /** Walking from the location to where it meets the road, at the mode's flat speed. */
    public static double offNetwork(Snap s, double kmh) { return s == null ? 0 : s.distanceMeters() / (kmh / 3.6); }
}
