package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.BitSet;
import org.gridmap.rings.graph.Partitions;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a closure costs is its town's, whatever the city: on a generated city of three towns, the recompute after a
 * road closes seeks again the times of exactly the households and facilities of the parts it touches — counted here
 * one by one over the whole city, from the snaps before and after — and shares the arrays of every facility with
 * the network before when no facility's snap or time changed, instead of copying them.
 */
class ClosureWorkTest {
    @TempDir
    static Path dir;
    static GeneratedCity city;

    @BeforeAll
    static void load() throws Exception {
        city = GeneratedCity.of(3, 23L, dir);
    }

    @AfterAll
    static void close() {
        city.close();
    }

    @Test
    void aClosureSeeksAgainOnlyTheHouseholdsAndFacilitiesOfTheTownsItTouches() {
        RingEngine engine = city.engine;
        RingNetwork before = engine.network();
        RoadGraph g = before.graph;
        Partitions p = before.partitions;
        assertThat(p.count()).isGreaterThanOrEqualTo(3);
        int edge = servedEdgeWithoutFacility(before);
        g.setClosed(edge, true);
        try {
            engine.recompute();
            RingNetwork closed = engine.network();
            // the oracle's parts: the closed road's, and wherever a household or facility meets the roads elsewhere now
            BitSet touched = new BitSet();
            p.addEdge(g, edge, touched);
            int movedHouseholds = 0;
            for (int i = 0; i < before.town.householdCount(); i++) {
                if (edgeOf(before.householdSnap(i)) == edgeOf(closed.householdSnap(i))) continue;
                movedHouseholds++;
                addPart(p, g, before.householdSnap(i), touched);
                addPart(p, g, closed.householdSnap(i), touched);
            }
            assertThat(movedHouseholds).as("households that met the closed road").isPositive();
            for (int f = 0; f < before.facilitySnaps.length; f++) {
                assertThat(edgeOf(closed.facilitySnaps[f])).as("facility %d", f).isEqualTo(edgeOf(before.facilitySnaps[f]));
            }
            int households = 0;
            for (int i = 0; i < closed.town.householdCount(); i++) if (in(p, g, closed.householdSnap(i), touched)) households++;
            int facilities = 0;
            for (int f = 0; f < closed.facilitySnaps.length; f++) {
                int q = closed.parent[f];
                if (q >= 0 && (in(p, g, closed.facilitySnaps[f], touched) || in(p, g, closed.facilitySnaps[q], touched))) facilities++;
            }
            assertThat(closed.work.households()).isEqualTo(households).isLessThan(closed.town.householdCount());
            assertThat(closed.work.facilitiesTimed()).isEqualTo(facilities).isPositive().isLessThan(closed.facilitySnaps.length);
            assertThat(closed.work.facilitiesSnapped()).isZero();
            // no facility met the roads elsewhere: their snaps are the very same array
            assertThat(closed.facilitySnaps).isSameAs(before.facilitySnaps);
            boolean timesChanged = false;
            for (int f = 0; f < closed.secondsToParent.length; f++) {
                timesChanged |= Double.compare(closed.secondsToParent[f], before.secondsToParent[f]) != 0;
            }
            if (timesChanged) assertThat(closed.secondsToParent).isNotSameAs(before.secondsToParent);
            else assertThat(closed.secondsToParent).isSameAs(before.secondsToParent);
        } finally {
            g.setClosed(edge, false);
            engine.recompute();
        }
        RingNetwork reopened = engine.network();
        assertThat(reopened.householdSecondsArray()).containsExactly(before.householdSecondsArray());
        assertThat(reopened.secondsToParent).containsExactly(before.secondsToParent);
    }

    /** The edge that the most households meet and no facility does (so closing it re-snaps households only). */
    private static int servedEdgeWithoutFacility(RingNetwork net) {
        BitSet facilityEdges = new BitSet();
        for (Snap s : net.facilitySnaps) if (s != null) facilityEdges.set(s.edge());
        int[] count = new int[net.graph.edgeCount()];
        int best = -1;
        for (int i = 0; i < net.town.householdCount(); i++) {
            Snap s = net.householdSnap(i);
            if (s == null || facilityEdges.get(s.edge())) continue;
            if (++count[s.edge()] > (best < 0 ? 0 : count[best])) best = s.edge();
        }
        assertThat(best).isNotNegative();
        return best;
    }

    private static void addPart(Partitions p, RoadGraph g, Snap s, BitSet parts) {
        if (s != null) parts.set(p.of(g, s));
    }

    private static boolean in(Partitions p, RoadGraph g, Snap s, BitSet parts) {
        return s != null && parts.get(p.of(g, s));
    }

    private static int edgeOf(Snap s) { return s == null ? -1 : s.edge(); }
}
