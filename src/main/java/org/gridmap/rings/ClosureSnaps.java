package org.gridmap.rings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.Snapper;
import org.gridmap.rings.graph.TravelMode;
import org.locationtech.jts.geom.Envelope;

/**
 * Where households and facilities meet the roads after closures changed: the old snap, unless its edge is closed
 * now or the place lies within snapping distance of a reopened edge (then it snaps again). One that met no road
 * stays so unless a road reopened near it. A snap never lies on a closed edge, so only the edges closed or reopened
 * since the last recompute matter; the households are found near them through the town's {@link PointIndex}, not
 * by a pass over the city.
 */
final class ClosureSnaps {
    private ClosureSnaps() { }

    /** Households (or facilities) that snap again, by index, with their new snaps (null: no road within reach now). */
    record Moved(int[] ids, Snap[] snaps) {
        static final Moved NONE = new Moved(new int[0], new Snap[0]);
    }

    static Moved households(Snapper snapper, RingNetwork old, int[] closedNow, int[] reopenedNow) {
        if (closedNow.length == 0 && reopenedNow.length == 0) return Moved.NONE;
        TownModel town = old.town;
        RoadGraph graph = old.graph;
        PointIndex index = town.householdIndex();
        Map<Integer, Boolean> again = new LinkedHashMap<>();
        for (int e : closedNow) {
            Envelope env = reach(graph, e, old.policy);
            index.near(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY(), i -> {
                if (old.householdEdge(i) == e) again.put(i, true);
            });
        }
        for (int e : reopenedNow) {
            Envelope env = reach(graph, e, old.policy);
            index.near(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY(), i -> {
                if (env.contains(town.householdLon[i], town.householdLat[i])) again.put(i, true);
            });
        }
        TravelMode mode = old.policy.mode(old.policy.ring(4));
        int[] ids = new int[again.size()];
        Snap[] snaps = new Snap[ids.length];
        int k = 0;
        for (int i : again.keySet()) {
            ids[k] = i;
            snaps[k++] = snapper.snap(town.householdLon[i], town.householdLat[i], old.policy.maxSnapMeters(), mode);
        }
        return new Moved(ids, snaps);
    }

    /**
     * The same rule for the facilities (each where it stands), found near the roads through the facilities' own
     * index: a closure looks at the facilities beside its roads, not at the city's.
     */
    static Moved facilities(Snapper snapper, RingNetwork old, int[] closedNow, int[] reopenedNow) {
        if (closedNow.length == 0 && reopenedNow.length == 0) return Moved.NONE;
        List<TownModel.Facility> fs = old.town.facilities;
        PointIndex index = old.town.facilityIndex();
        java.util.TreeSet<Integer> again = new java.util.TreeSet<>();
        for (int e : closedNow) {
            Envelope env = reach(old.graph, e, old.policy);
            index.near(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY(), i -> {
                Snap s = old.facilitySnaps[i];
                if (s != null && s.edge() == e) again.add(i);
            });
        }
        for (int e : reopenedNow) {
            Envelope env = reach(old.graph, e, old.policy);
            index.near(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY(), i -> {
                if (env.contains(fs.get(i).lon(), fs.get(i).lat())) again.add(i);
            });
        }
        TravelMode mode = old.policy.mode(old.policy.ring(4));
        int[] ids = new int[again.size()];
        Snap[] snaps = new Snap[ids.length];
        int k = 0;
        for (int i : again) {
            ids[k] = i;
            snaps[k++] = snapper.snap(fs.get(i).lon(), fs.get(i).lat(), old.policy.maxSnapMeters(), mode);
        }
        return new Moved(ids, snaps);
    }

    /** The parts of the graph a change of closures reaches: those of the edges it opened or closed, and wherever a snap moved. */
    static java.util.BitSet touchedParts(RingNetwork old, java.util.Set<Integer> changed, Moved households, Moved facilities) {
        org.gridmap.rings.graph.Partitions p = old.partitions;
        java.util.BitSet parts = new java.util.BitSet(p.count());
        for (int e : changed) p.addEdge(old.graph, e, parts);
        for (int k = 0; k < households.ids().length; k++) {
            int was = old.householdEdge(households.ids()[k]);
            if (was >= 0) p.addEdge(old.graph, was, parts);
            addSnap(old, households.snaps()[k], parts);
        }
        for (int k = 0; k < facilities.ids().length; k++) {
            addSnap(old, old.facilitySnaps[facilities.ids()[k]], parts);
            addSnap(old, facilities.snaps()[k], parts);
        }
        return parts;
    }

    private static void addSnap(RingNetwork old, Snap s, java.util.BitSet parts) {
        if (s != null) old.partitions.addEdge(old.graph, s.edge(), parts);
    }

    /** The box around an edge within which a place may snap onto it (with a margin, in degrees). */
    static Envelope reach(RoadGraph graph, int e, RingPolicy policy) {
        double margin = policy.maxSnapMeters() / 111_000.0 * 1.5;
        double[] c = graph.edgeCoords(e);
        Envelope env = new Envelope();
        for (int i = 0; i + 1 < c.length; i += 2) env.expandToInclude(c[i], c[i + 1]);
        env.expandBy(margin / Math.cos(Math.toRadians(env.centre().y)), margin);
        return env;
    }
}
