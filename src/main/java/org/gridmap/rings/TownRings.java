package org.gridmap.rings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.gridmap.rings.graph.Partitions;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.TravelMode;

/**
 * The rings after an edit of some towns, recomputed in those towns alone. Rings never cross a town boundary (the graph
 * is cut there, {@link Partitions}) and a facility's chain (point → hub → station → center) never leaves its town. So
 * the towns' facilities as the edit leaves them — re-snapped where they moved, their parents found again among
 * themselves — and the parts of the graph where any of them meets the roads, before or after, recomputed
 * ({@link RingNetwork#rebuildParts}) give the rings a build of the whole city would; everything else is shared with
 * the network before. What it looks at is those towns' facilities and the households of their parts.
 */
public final class TownRings {
    private TownRings() { }

    /** The network after the edit, and the parts of the graph it recomputed (the edited towns'). */
    public record Rebuilt(RingNetwork network, BitSet parts) { }

    /**
     * {@code old} with the facilities of some towns as {@code towns} has them (every facility of those towns, read after
     * the edit) and {@code base}'s grids and households' grids. Null when the edit cannot be recomputed by parts: a
     * facility the network does not know (added since it was built), or one whose level changed (the service points'
     * tree is ordered by them) — the caller builds the whole city instead.
     */
    public static Rebuilt withFacilities(RingNetwork old, TownModel base, List<TownModel.Facility> towns) {
        List<TownModel.Facility> was = old.town.facilities;
        List<TownModel.Facility> fs = new ArrayList<>(was);
        int[] at = new int[towns.size()];
        RingNetwork.IntArrayBuilder moved = new RingNetwork.IntArrayBuilder();
        List<Snap> snaps = new ArrayList<>();
        TravelMode mode4 = old.policy.mode(old.policy.ring(4));
        for (int k = 0; k < at.length; k++) {
            TownModel.Facility f = towns.get(k);
            int i = old.town.facilityWithId(f.id());
            if (i < 0 || !was.get(i).level().equals(f.level())) return null;
            at[k] = i;
            fs.set(i, f);
            if (f.lon() != was.get(i).lon() || f.lat() != was.get(i).lat()) {
                moved.add(i);
                snaps.add(old.snapper.snap(f.lon(), f.lat(), old.policy.maxSnapMeters(), mode4));
            }
        }
        Arrays.sort(at); // parents are found in the order a build finds them
        Partitions p = old.partitions;
        BitSet parts = new BitSet(p.count());
        for (int i : at) addPart(old, old.facilitySnaps[i], parts);
        for (Snap s : snaps) addPart(old, s, parts);
        FacilityChain chain = old.chain().withParentsOf(fs, at);
        RingNetwork withTowns = old.withChain(base.withFacilities(fs), chain, at);
        ClosureSnaps.Moved snapped = new ClosureSnaps.Moved(moved.toArray(), snaps.toArray(new Snap[0]));
        return new Rebuilt(RingNetwork.rebuildParts(withTowns, ClosureSnaps.Moved.NONE, snapped, parts), parts);
    }

    private static void addPart(RingNetwork net, Snap s, BitSet parts) {
        if (s != null) net.partitions.addEdge(net.graph, s.edge(), parts);
    }
}
