package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.db.Database;
import org.gridmap.rings.graph.Partitions;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.Snapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closure recomputes the towns it touches and nothing else, and the answer is the city's: on a generated city of
 * three towns, a road closed inside one town and a road across a town boundary give every household and facility
 * the times of a recompute from scratch (every household snapped again, the whole graph as one part), the same
 * compliance report, and pgRouting's times for the households of that town; the other towns' arrays are shared,
 * not copied; reopening both roads brings back the rings as they were.
 */
class ClosureByTownTest {
    @TempDir
    static Path dir;
    static GeneratedCity city;
    static Database db;
    static RingEngine engine;

    @BeforeAll
    static void load() throws Exception {
        city = GeneratedCity.of(3, 11L, dir);
        db = city.db;
        engine = city.engine;
    }

    @AfterAll
    static void close() {
        city.close();
    }

    @Test
    void aClosureInATownAndOneAcrossABoundaryEqualTheRingsComputedFromScratch() throws SQLException {
        RingNetwork before = engine.network();
        RoadGraph g = before.graph;
        Partitions p = before.partitions;
        assertThat(p.count()).isGreaterThanOrEqualTo(3);
        int inTown = busiestServedEdge(before);
        int part = p.ofEdge(g, inTown);
        int boundary = -1;
        for (int e = 0; e < g.edgeCount() && boundary < 0; e++) {
            if (g.isBoundary(e) && (p.ofNode(g.edgeFrom(e)) == part || p.ofNode(g.edgeTo(e)) == part)) boundary = e;
        }
        assertThat(boundary).as("a road across the boundary of the closed road's town").isNotNegative();
        Map<String, Object> reportBefore = report(before);
        g.setClosed(inTown, true);
        g.setClosed(boundary, true);
        RingNetwork closed;
        try {
            engine.recompute();
            closed = engine.network();
            RingNetwork scratch = fromScratch(closed);
            assertSameRings(closed, scratch);
            assertThat(report(closed)).isEqualTo(report(scratch));
            assertSummaryCounts(closed, scratch);
            int changed = 0;
            for (int i = 0; i < closed.town.householdCount(); i++) {
                if (closed.householdSeconds(i) != before.householdSeconds(i)) changed++;
            }
            assertThat(changed).as("households whose time the closure changed").isPositive();
            agreesWithPgRouting(closed, part, new long[] {g.roadId(inTown), g.roadId(boundary)});
            // the work stayed in the town: every other part of the tree, and the pages of households of other towns, are shared
            java.util.BitSet touched = new java.util.BitSet();
            p.addEdge(g, inTown, touched);
            p.addEdge(g, boundary, touched);
            assertThat(touched.cardinality()).isEqualTo(2);
            for (int q = 0; q < p.count(); q++) {
                assertThat(closed.pointTree.sharesPart(before.pointTree, q)).as("part %d", q).isEqualTo(!touched.get(q));
            }
            int n = closed.town.householdCount(), shared = 0;
            for (int i = 0; i < n; ) {
                int j = closed.nextPossiblyChanged(before, i);
                shared += Math.min(j, n) - i;
                i = j + 1;
            }
            assertThat(shared).as("households on pages shared with the network before").isGreaterThan(n / 2);
        } finally {
            g.setClosed(inTown, false);
            g.setClosed(boundary, false);
            engine.recompute();
        }
        RingNetwork reopened = engine.network();
        assertSameRings(reopened, fromScratch(reopened));
        assertThat(reopened.householdSecondsArray()).containsExactly(before.householdSecondsArray());
        assertThat(reopened.householdPointArray()).containsExactly(before.householdPointArray());
        assertThat(report(reopened)).isEqualTo(reportBefore);
        assertSummaryCounts(reopened, fromScratch(reopened));
        assertThat(RoadClosures.Update.between(closed, reopened).reopenedNow()).containsExactlyInAnyOrder(g.roadId(inTown), g.roadId(boundary));
    }

    /** The edge under the most served households of the last town (so closing it moves them). */
    private static int busiestServedEdge(RingNetwork net) {
        Map<Integer, Integer> count = new HashMap<>();
        Partitions p = net.partitions;
        int lastPart = -1;
        for (int i = net.town.householdCount() - 1; i >= 0; i--) {
            Snap s = net.householdSnap(i);
            if (s == null || !Double.isFinite(net.householdSeconds(i))) continue;
            if (lastPart < 0) lastPart = p.of(net.graph, s);
            if (p.of(net.graph, s) == lastPart) count.merge(s.edge(), 1, Integer::sum);
        }
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** The oracle: a new snapper, every household and facility snapped again, one search over the whole graph. */
    private static RingNetwork fromScratch(RingNetwork net) {
        Snapper snapper = new Snapper(net.graph);
        Snap[] households = RingNetwork.snapHouseholds(snapper, net.town, net.policy);
        return RingNetwork.build(net.graph, snapper, net.town, net.policy, households, Partitions.whole(net.graph));
    }

    private static void assertSameRings(RingNetwork mine, RingNetwork oracle) {
        for (int i = 0; i < mine.town.householdCount(); i++) {
            assertThat(edgeOf(mine.householdSnap(i))).as("household %d meets the roads", i).isEqualTo(edgeOf(oracle.householdSnap(i)));
            assertThat(mine.householdSeconds(i)).as("household %d", i)
                    .isCloseTo(oracle.householdSeconds(i), within(oracle.householdSeconds(i)));
            assertThat(mine.householdPoint(i)).as("household %d", i).isEqualTo(oracle.householdPoint(i));
        }
        for (int f = 0; f < mine.town.facilities.size(); f++) {
            assertThat(edgeOf(mine.facilitySnaps[f])).as("facility %d", f).isEqualTo(edgeOf(oracle.facilitySnaps[f]));
            assertThat(mine.secondsToParent[f]).as("facility %d", f).isCloseTo(oracle.secondsToParent[f], within(oracle.secondsToParent[f]));
        }
        for (int n = 0; n < mine.graph.nodeCount(); n++) {
            double o = oracle.pointTree.secondsAtNode(n);
            assertThat(mine.pointTree.secondsAtNode(n)).as("node %d", n).isCloseTo(o, within(o));
        }
    }

    /** The totals a hazard's answer shows (kept as the network changes) against the oracle's households counted one by one. */
    private static void assertSummaryCounts(RingNetwork mine, RingNetwork oracle) {
        double limit = oracle.policy.ring(4).limitSeconds();
        long within = 0;
        for (int i = 0; i < oracle.town.householdCount(); i++) if (oracle.householdSeconds(i) <= limit) within++;
        double[] ring4 = ComplianceReport.summary(mine).get(4);
        assertThat(ring4).containsExactly(oracle.town.householdCount(), within);
        for (RingPolicy.Ring ring : oracle.policy.rings()) {
            assertThat(ComplianceReport.summary(mine).get(ring.ring())).as("ring %d", ring.ring())
                    .containsExactly(ComplianceReport.summary(oracle).get(ring.ring()));
        }
    }

    /** The compliance report without its timing. */
    private static Map<String, Object> report(RingNetwork net) {
        Map<String, Object> r = new HashMap<>(ComplianceReport.compute(net, 50));
        r.remove("computedInMillis");
        return r;
    }

    /**
     * pgRouting on the roads in the database minus the closed and the town-boundary ones: from households of the
     * closed road's town (where they meet the roads) to the service points of that town, plus each point's walk
     * from its road; the minimum is the household's time to its nearest point.
     */
    private static void agreesWithPgRouting(RingNetwork net, int part, long[] closedRoads) throws SQLException {
        RoadGraph g = net.graph;
        Partitions p = net.partitions;
        double kmh = net.policy.baseKmh(net.policy.ring(4));
        List<Integer> homes = new ArrayList<>();
        for (int i = 0; i < net.town.householdCount() && homes.size() < 40; i += 7) {
            if (p.of(g, net.householdSnap(i)) == part) homes.add(i);
        }
        List<Integer> points = new ArrayList<>();
        for (int k : net.pointFacility) if (p.of(g, net.facilitySnaps[k]) == part) points.add(k);
        assertThat(homes).hasSizeGreaterThan(10);
        assertThat(points).isNotEmpty();
        StringBuilder pts = new StringBuilder();
        List<Snap> all = new ArrayList<>();
        for (int i : homes) all.add(net.householdSnap(i));
        for (int k : points) all.add(net.facilitySnaps[k]);
        for (int j = 0; j < all.size(); j++) {
            if (j > 0) pts.append(" UNION ALL ");
            pts.append("SELECT ").append(j + 1).append(" AS pid, ").append(g.roadId(all.get(j).edge()))
                    .append(" AS edge_id, ").append(Math.min(1 - 1e-9, Math.max(1e-9, all.get(j).fraction()))).append("::float AS fraction");
        }
        List<Long> excluded = new ArrayList<>();
        for (long id : closedRoads) excluded.add(id);
        for (int e = 0; e < g.edgeCount(); e++) if (g.isBoundary(e)) excluded.add(g.roadId(e));
        String edges = PgRoutingOracleTest.EDGES + " WHERE id <> ALL(ARRAY" + excluded + "::bigint[])";
        String starts = "ARRAY" + Arrays.toString(java.util.stream.IntStream.rangeClosed(1, homes.size()).map(j -> -j).toArray());
        String ends = "ARRAY" + Arrays.toString(java.util.stream.IntStream.rangeClosed(homes.size() + 1, all.size()).map(j -> -j).toArray());
        double[] best = new double[homes.size()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost('" + edges + "', '"
                     + pts.toString().replace("'", "''") + "', " + starts + ", " + ends + ", directed => false)")) {
            while (rs.next()) {
                int h = (int) -rs.getLong(1) - 1, f = (int) -rs.getLong(2) - 1;
                double door = all.get(f).distanceMeters() / (kmh / 3.6);
                best[h] = Math.min(best[h], rs.getDouble(3) + door);
            }
        }
        for (int j = 0; j < homes.size(); j++) {
            int i = homes.get(j);
            double mine = net.householdSeconds(i) - RingNetwork.offNetwork(net.householdSnap(i), kmh);
            assertThat(mine).as("household %d", i).isCloseTo(best[j], org.assertj.core.data.Offset.offset(Double.isInfinite(best[j]) ? 0.0 : 0.05));
        }
    }

    private static int edgeOf(Snap s) { return s == null ? -1 : s.edge(); }

    /** Equal up to rounding of sums taken in another order; infinities equal each other. */
    private static org.assertj.core.data.Offset<Double> within(double expected) {
        return org.assertj.core.data.Offset.offset(Double.isInfinite(expected) ? 0.0 : 1e-9 * Math.max(1, Math.abs(expected)));
    }
}
