package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.gridmap.db.Database;
import org.gridmap.rings.graph.Partitions;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rings never cross a town boundary, so a closure in one town is recomputed in that town alone: on a generated city
 * of two towns, the recomputed rings equal a full recompute, and the other towns' figures are the ones they had.
 */
class RingsByTownTest {
    @TempDir
    static Path dir;
    static GeneratedCity city;
    static Database db;
    static RingEngine engine;

    @BeforeAll
    static void load() throws Exception {
        city = GeneratedCity.of(2, 7L, dir);
        db = city.db;
        engine = city.engine;
    }

    @AfterAll
    static void close() {
        city.close();
    }

    @Test
    void theCityIsCutAtTownBoundariesAndNoHouseholdIsServedFromAnotherTown() {
        RingNetwork net = engine.network();
        Partitions p = net.partitions;
        assertThat(p.count()).isGreaterThanOrEqualTo(2);
        assertThat(p.boundaryEdges()).isPositive();
        Map<Long, Long> townOfVillage = new HashMap<>();
        for (TownModel.Facility f : net.town.facilities) if (f.villageId() != 0) townOfVillage.put(f.villageId(), f.townId());
        int served = 0;
        for (int i = 0; i < net.town.householdCount(); i++) {
            if (net.householdPoint(i) < 0) continue;
            TownModel.Grid home = net.town.grids.get(net.town.householdGrid.get(i));
            if (home == null) continue;
            TownModel.Facility point = net.town.facilities.get(net.householdPoint(i));
            assertThat(point.townId()).as("household %d", net.town.householdId.get(i)).isEqualTo(townOfVillage.get(home.villageId()));
            served++;
        }
        assertThat(served).isGreaterThan(net.town.householdCount() / 2);
    }

    @Test
    void aClosureIsRecomputedInItsTownOnlyAndEqualsAFullRecompute() {
        RingNetwork before = engine.network();
        RoadGraph g = before.graph;
        Partitions p = before.partitions;
        // the road under a served household of the last town, and the road under that household's service point
        int h = -1;
        for (int i = before.town.householdCount() - 1; i >= 0 && h < 0; i--) {
            if (before.householdPoint(i) >= 0 && Double.isFinite(before.householdSeconds(i))) h = i;
        }
        int homeEdge = before.householdSnap(h).edge();
        int pointEdge = before.facilitySnaps[before.householdPoint(h)].edge();
        int part = p.ofEdge(g, homeEdge);
        g.setClosed(homeEdge, true);
        g.setClosed(pointEdge, true);
        try {
            engine.recompute();
            RingNetwork partial = engine.network();
            RingNetwork full = RingNetwork.build(g, before.snapper, before.town, before.policy, partial.householdSnaps(), p);

            assertThat(partial.householdSnap(h).edge()).isNotEqualTo(homeEdge);
            int changedHere = 0;
            for (int i = 0; i < before.town.householdCount(); i++) {
                assertThat(partial.householdSeconds(i)).as("household %d", i).isCloseTo(full.householdSeconds(i), within(full.householdSeconds(i)));
                assertThat(partial.householdPoint(i)).as("household %d", i).isEqualTo(full.householdPoint(i));
                boolean inPart = p.ofEdge(g, partial.householdSnap(i).edge()) == part;
                if (!inPart) {
                    assertThat(partial.householdSeconds(i)).isEqualTo(before.householdSeconds(i));
                    assertThat(partial.householdPoint(i)).isEqualTo(before.householdPoint(i));
                } else if (partial.householdSeconds(i) != before.householdSeconds(i)) {
                    changedHere++;
                }
            }
            assertThat(changedHere).as("households of the closed roads' town whose time changed").isPositive();
            for (int f = 0; f < before.town.facilities.size(); f++) {
                assertThat(partial.secondsToParent[f]).as("facility %d", f).isCloseTo(full.secondsToParent[f], within(full.secondsToParent[f]));
                assertThat(edgeOf(partial.facilitySnaps[f])).isEqualTo(edgeOf(full.facilitySnaps[f]));
            }
            for (int n = 0; n < g.nodeCount(); n++) {
                assertThat(partial.pointTree.secondsAtNode(n)).as("node %d", n).isCloseTo(full.pointTree.secondsAtNode(n),
                        within(full.pointTree.secondsAtNode(n)));
                if (p.ofNode(n) != part) assertThat(partial.pointTree.secondsAtNode(n)).isEqualTo(before.pointTree.secondsAtNode(n));
            }
        } finally {
            g.setClosed(homeEdge, false);
            g.setClosed(pointEdge, false);
            engine.recompute();
        }
        RingNetwork reopened = engine.network();
        assertThat(reopened.householdSecondsArray()).containsExactly(before.householdSecondsArray());
        assertThat(reopened.householdPointArray()).containsExactly(before.householdPointArray());
    }

    private static int edgeOf(Snap s) { return s == null ? -1 : s.edge(); }

    /** Equal up to rounding of sums taken in another order; infinities equal each other. */
    private static org.assertj.core.data.Offset<Double> within(double expected) {
        return org.assertj.core.data.Offset.offset(Double.isInfinite(expected) ? 0.0 : 1e-9 * Math.max(1, Math.abs(expected)));
    }
}
