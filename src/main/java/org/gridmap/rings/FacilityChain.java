package org.gridmap.rings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facilities' chain (point → hub → station → center) as int arrays, fixed for a town model: each facility's parent,
 * its children, and its place among the service points. A closure recomputes the times to the parent of the
 * facilities in the towns it touches and of their children, found here without a pass over the city's facilities.
 */
final class FacilityChain {
    /** Index of the parent facility, -1 for the center or when missing. */
    final int[] parent;
    /** Service points only, in tree order; tree index → facility index. */
    final int[] pointFacility;
    /** Facility index → tree index, -1 for a facility that is no service point. */
    private final int[] pointOf;
    /** The children of facility f are {@code children[childStart[f] .. childStart[f+1]-1]}, ascending. */
    private final int[] childStart, children;

    private FacilityChain(int[] parent, int[] pointFacility) {
        this.parent = parent;
        this.pointFacility = pointFacility;
        int n = parent.length;
        pointOf = new int[n];
        java.util.Arrays.fill(pointOf, -1);
        for (int k = 0; k < pointFacility.length; k++) pointOf[pointFacility[k]] = k;
        childStart = new int[n + 1];
        for (int p : parent) if (p >= 0) childStart[p + 1]++;
        for (int f = 0; f < n; f++) childStart[f + 1] += childStart[f];
        children = new int[childStart[n]];
        int[] fill = new int[n];
        for (int f = 0; f < n; f++) if (parent[f] >= 0) children[childStart[parent[f]] + fill[parent[f]]++] = f;
    }

    static FacilityChain of(List<TownModel.Facility> fs) {
        int[] points = new int[fs.size()];
        int n = 0;
        for (int i = 0; i < fs.size(); i++) if (fs.get(i).level().equals(RingNetwork.POINT)) points[n++] = i;
        return new FacilityChain(parents(fs), java.util.Arrays.copyOf(points, n));
    }

    /**
     * The chain after the facilities {@code some} (ascending indexes into {@code fs}, every facility of some towns) changed:
     * their parents found again among themselves — a chain never leaves its town — and everyone else's kept. The
     * service points must be the same facilities as before (a changed level needs {@link #of}).
     */
    FacilityChain withParentsOf(List<TownModel.Facility> fs, int[] some) {
        int[] parent = this.parent.clone();
        int[] found = parents(fs, some);
        for (int k = 0; k < some.length; k++) parent[some[k]] = found[k];
        return new FacilityChain(parent, pointFacility);
    }

    /** The service point's index in the tree, -1 when the facility is none. */
    int pointOf(int facility) { return pointOf[facility]; }

    int childCount(int facility) { return childStart[facility + 1] - childStart[facility]; }

    int child(int facility, int j) { return children[childStart[facility] + j]; }

    private static int[] parents(List<TownModel.Facility> fs) {
        int[] all = new int[fs.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return parents(fs, all);
    }

    /** The parents of the facilities {@code among}, found among them (out[k] is facility among[k]'s parent). */
    private static int[] parents(List<TownModel.Facility> fs, int[] among) {
        Map<Long, Integer> hubByGrid = new HashMap<>();
        Map<Long, Integer> stationByVillage = new HashMap<>();
        Map<Long, Integer> centerByTown = new HashMap<>();
        for (int i : among) {
            TownModel.Facility f = fs.get(i);
            switch (f.level()) {
                case RingNetwork.HUB -> hubByGrid.put(f.gridId(), i);
                case RingNetwork.STATION -> stationByVillage.put(f.villageId(), i);
                case RingNetwork.CENTER -> centerByTown.put(f.townId(), i);
                default -> { }
            }
        }
        int[] parent = new int[among.length];
        for (int k = 0; k < among.length; k++) {
            TownModel.Facility f = fs.get(among[k]);
            Integer p = switch (f.level()) {
                case RingNetwork.POINT -> hubByGrid.get(f.gridId());
                case RingNetwork.HUB -> stationByVillage.get(f.villageId());
                case RingNetwork.STATION -> centerByTown.get(f.townId());
                default -> null;
            };
            parent[k] = p == null ? -1 : p;
        }
        return parent;
    }
}
