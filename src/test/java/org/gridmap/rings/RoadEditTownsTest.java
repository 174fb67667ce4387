package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.rings.graph.Partitions;
import org.gridmap.rings.graph.RoadClass;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

/**
 * A road edited in the database (psql, QGIS) reaches the rings through the change feed. An update that keeps every
 * road's two ends is applied to the graph in place and recomputed in the towns it touches: no load of the network, the
 * other towns' arrays the very same objects, and every household's and facility's times those of an engine loaded
 * from scratch afterwards. Ends changed and roads added are loaded again, also to the rings a fresh load gives; a road
 * closed by a hazard stays closed when edited in place.
 */
class RoadEditTownsTest {
    @TempDir
    static Path dir;
    static GeneratedCity city;
    static DataSource ds;

    @BeforeAll
    static void load() throws Exception {
        city = GeneratedCity.of(3, 31L, dir);
        ds = city.db.dataSource();
    }

    @AfterAll
    static void close() {
        city.close();
    }

    @Test
    void aChangeOfClassAndSpeedIsAppliedInPlaceInItsTownAlone() throws Exception {
        try (Node node = new Node()) {
            RingNetwork before = node.engine.network();
            int e = busiestEdge(before, RoadClass.VILLAGE);
            long road = before.graph.roadId(e);
            long loads = node.engine.roadLoads(), inPlace = node.engine.roadRefreshes();
            node.follow("UPDATE roads SET class = 'stairs', walk_kmh = 1.5 WHERE id = " + road);
            assertThat(node.engine.roadLoads()).as("no load of the network").isEqualTo(loads);
            assertThat(node.engine.roadRefreshes()).isEqualTo(inPlace + 1);
            RingNetwork after = node.engine.network();
            assertThat(after.graph).isSameAs(before.graph);
            assertThat(after.graph.roadClass(e)).isEqualTo(RoadClass.STAIRS);
            assertThat(after.graph.walkKmhOverride(e)).isEqualTo(1.5);
            assertThat(changedHouseholds(before, after)).as("households slowed by the edit").isPositive();
            // a speed alone moves no snap: the edge's town is the only part recomputed
            BitSet region = new BitSet();
            before.partitions.addEdge(before.graph, e, region);
            assertOtherPartsShared(before, after, region);
            assertEqualsFreshLoad(after);
        }
    }

    @Test
    void aMovedGeometryWithItsEndsKeptIsAppliedInPlaceAndSnapsAgainNearIt() throws Exception {
        try (Node node = new Node()) {
            RingNetwork before = node.engine.network();
            int e = busiestEdge(before, RoadClass.MAIN);
            long road = before.graph.roadId(e);
            double[] was = before.graph.edgeCoords(e);
            long loads = node.engine.roadLoads(), inPlace = node.engine.roadRefreshes();
            // a bend 40–60 m off the middle of the road; its ends (and nodes) stay
            node.follow("UPDATE roads SET geom = g, length_m = ST_Length(g::geography) FROM (SELECT ST_AddPoint(geom, "
                    + "ST_Translate(ST_LineInterpolatePoint(geom, 0.5), 0.0004, 0.0004), 1) AS g FROM roads WHERE id = " + road
                    + ") n WHERE id = " + road);
            assertThat(node.engine.roadLoads()).as("no load of the network").isEqualTo(loads);
            assertThat(node.engine.roadRefreshes()).isEqualTo(inPlace + 1);
            RingNetwork after = node.engine.network();
            assertThat(after.graph.edgeCoords(e)).as("one vertex more").hasSize(was.length + 2);
            assertThat(changedHouseholds(before, after)).as("households the bend moved").isPositive();
            // what was recomputed: the road's parts, and wherever a place within snapping reach of it meets the roads
            BitSet region = new BitSet();
            before.partitions.addEdge(before.graph, e, region);
            Envelope reach = ClosureSnaps.reach(after.graph, e, after.policy);
            for (int i = 0; i < before.town.householdCount(); i++) {
                if (!reach.contains(before.town.householdLon[i], before.town.householdLat[i])) continue;
                addPart(before, before.householdSnap(i), region);
                addPart(after, after.householdSnap(i), region);
            }
            for (int f = 0; f < before.town.facilities.size(); f++) {
                if (!reach.contains(before.town.facilities.get(f).lon(), before.town.facilities.get(f).lat())) continue;
                addPart(before, before.facilitySnaps[f], region);
                addPart(after, after.facilitySnaps[f], region);
            }
            assertOtherPartsShared(before, after, region);
            assertEqualsFreshLoad(after);
        }
    }

    @Test
    void otherEndsAndANewRoadLoadTheNetworkAgain() throws Exception {
        try (Node node = new Node()) {
            RingNetwork before = node.engine.network();
            int e = busiestEdge(before, null);
            long road = before.graph.roadId(e);
            long loads = node.engine.roadLoads(), inPlace = node.engine.roadRefreshes();
            node.follow("UPDATE roads SET source = target, target = source, geom = ST_Reverse(geom) WHERE id = " + road);
            assertThat(node.engine.roadLoads()).as("ends changed: loaded again").isEqualTo(loads + 1);
            assertThat(node.engine.roadRefreshes()).isEqualTo(inPlace);
            RingNetwork reversed = node.engine.network();
            assertThat(reversed.graph).isNotSameAs(before.graph);
            int now = reversed.graph.edgeIndexOfRoad(road);
            assertThat(reversed.graph.edgeFrom(now)).isEqualTo(before.graph.edgeTo(e));
            assertEqualsFreshLoad(reversed);

            // a new road between the two ends of another, as a stairway of its own
            int other = busiestEdge(reversed, RoadClass.MAIN);
            long loaded = node.engine.roadLoads();
            node.follow("INSERT INTO roads (class, length_m, source, target, geom) SELECT 'stairs', length_m * 0.5, source, target, "
                    + "geom FROM roads WHERE id = " + reversed.graph.roadId(other));
            assertThat(node.engine.roadLoads()).as("a road added: loaded again").isEqualTo(loaded + 1);
            assertThat(node.engine.roadRefreshes()).isEqualTo(inPlace);
            assertThat(node.engine.network().graph.edgeCount()).isEqualTo(reversed.graph.edgeCount() + 1);
            assertEqualsFreshLoad(node.engine.network());
        }
    }

    @Test
    void aRoadClosedByAHazardStaysClosedWhenEditedInPlace() throws Exception {
        try (Node node = new Node()) {
            RingNetwork before = node.engine.network();
            int e = busiestEdge(before, null);
            long road = before.graph.roadId(e);
            long closures = before.closedRoads.size();
            node.follow(() -> node.engine.network().closedRoads.contains(road),
                    "INSERT INTO hazards (code, name, type, radius_m, blocks_roads, geom) SELECT 'HZ-ROAD-EDIT', '滑坡', 'landslide', 1, "
                            + "true, ST_LineInterpolatePoint(geom, 0.5) FROM roads WHERE id = " + road);
            RingNetwork closed = node.engine.network();
            assertThat(closed.graph.isClosed(e)).isTrue();
            assertThat(closed.closedRoads).hasSizeGreaterThan((int) closures);
            long loads = node.engine.roadLoads(), inPlace = node.engine.roadRefreshes();
            node.follow("UPDATE roads SET class = 'stairs', walk_kmh = 3 WHERE id = " + road);
            assertThat(node.engine.roadLoads()).isEqualTo(loads);
            assertThat(node.engine.roadRefreshes()).isEqualTo(inPlace + 1);
            RingNetwork edited = node.engine.network();
            assertThat(edited.graph.roadClass(e)).isEqualTo(RoadClass.STAIRS);
            assertThat(edited.graph.walkKmhOverride(e)).isEqualTo(3.0);
            assertThat(edited.graph.isClosed(e)).as("still closed by the hazard").isTrue();
            assertThat(edited.closedRoads).contains(road);
            for (int i = 0; i < edited.town.householdCount(); i++) {
                Snap s = edited.householdSnap(i);
                assertThat(s == null || s.edge() != e).as("household %d on the closed road", i).isTrue();
            }
            assertEqualsFreshLoad(edited);
        }
    }

    /**
     * Road updates in two towns and a facility moved in a third, committed while the engine is busy (held by another
     * writer) and then in one transaction: both are followed, the roads in place, the facility's town by its rows, and
     * the rings end as a fresh load's.
     */
    @Test
    void roadEditsInSeveralPlacesWithATownChangeEndAsAFreshLoad() throws Exception {
        try (Node node = new Node()) {
            RingNetwork before = node.engine.network();
            long[] roads = new long[3];
            int[] parts = new int[3];
            for (int k = 0; k < 3; k++) {
                int e = busiestEdgeInPart(before, k == 0 ? -1 : parts[0], k < 2 ? -1 : parts[1]);
                roads[k] = before.graph.roadId(e);
                parts[k] = before.partitions.ofEdge(before.graph, e);
            }
            long loads = node.engine.roadLoads(), inPlace = node.engine.roadRefreshes(), towns = node.engine.townRefreshes();
            // two edits in two transactions while the engine is held: they wait, and are followed after
            node.engine.exclusively(() -> {
                sql("UPDATE roads SET walk_kmh = 2 WHERE id = " + roads[0]);
                sql("UPDATE roads SET class = 'stairs' WHERE id = " + roads[1]);
                Thread.sleep(400); // the notices arrive and the worker waits for the engine
                return null;
            });
            node.follow(() -> node.engine.roadRefreshes() > inPlace, null);
            node.follow(() -> node.engine.townRefreshes() > towns, """
                    UPDATE roads SET walk_kmh = 2.5 WHERE id = %d;
                    UPDATE facilities f SET geom = ST_PointOnSurface(g.geom) FROM grids g
                    WHERE g.id = f.grid_id AND f.id = (SELECT f2.id FROM facilities f2 JOIN grids g2 ON g2.id = f2.grid_id
                        WHERE f2.level = 'point' AND ST_Distance(f2.geom::geography, ST_PointOnSurface(g2.geom)::geography) > 100
                        ORDER BY f2.id LIMIT 1)""".formatted(roads[2]));
            assertThat(node.engine.roadLoads()).as("no load of the network").isEqualTo(loads);
            assertThat(node.engine.roadRefreshes()).isGreaterThan(inPlace);
            RingNetwork after = node.engine.network();
            assertThat(after.graph.walkKmhOverride(after.graph.edgeIndexOfRoad(roads[0]))).isEqualTo(2.0);
            assertThat(after.graph.roadClass(after.graph.edgeIndexOfRoad(roads[1]))).isEqualTo(RoadClass.STAIRS);
            assertThat(after.graph.walkKmhOverride(after.graph.edgeIndexOfRoad(roads[2]))).isEqualTo(2.5);
            assertEqualsFreshLoad(after);
        }
    }

    /** An engine with the hazard closures, following the change feed as a server does. */
    private static final class Node implements AutoCloseable {
        final RingEngine engine;
        final ChangeFeed feed;

        Node() throws Exception {
            engine = new RingEngine(ds, RingPolicy.builtIn()).withClosures(new RoadClosures(ds)).load();
            feed = new ChangeFeed(city.db.credentials());
            feed.subscribe(engine::onChange);
            feed.start();
            long until = System.currentTimeMillis() + 10_000;
            while (!feed.state().listening() && System.currentTimeMillis() < until) Thread.sleep(20);
            assertThat(feed.state().listening()).isTrue();
        }

        /** Runs the statements in one transaction and waits until the engine has followed them through the feed. */
        void follow(String statements) throws Exception {
            long loads = engine.roadLoads(), inPlace = engine.roadRefreshes();
            follow(() -> engine.roadLoads() > loads || engine.roadRefreshes() > inPlace, statements);
        }

        void follow(java.util.function.BooleanSupplier done, String statements) throws Exception {
            if (statements != null) sql(statements);
            long until = System.currentTimeMillis() + 20_000;
            while (!done.getAsBoolean() && System.currentTimeMillis() < until) Thread.sleep(20);
            assertThat(done.getAsBoolean()).as("the engine followed the change").isTrue();
            Thread.sleep(500); // any later notice of the same commit is scheduled by now
            engine.exclusively(() -> null); // and has run
        }

        @Override
        public void close() {
            feed.close();
            engine.close();
        }
    }

    private static void sql(String statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(statements);
            c.commit();
        }
    }

    /** The rings, the graph's edges (attributes, geometry, boundary and closed flags) of an engine loaded from scratch. */
    private static void assertEqualsFreshLoad(RingNetwork net) throws SQLException {
        try (RingEngine scratch = new RingEngine(ds, RingPolicy.builtIn()).withClosures(new RoadClosures(ds)).load()) {
            RingNetwork fresh = scratch.network();
            RoadGraph g = net.graph, f = fresh.graph;
            assertThat(g.edgeCount()).isEqualTo(f.edgeCount());
            for (int e = 0; e < f.edgeCount(); e++) {
                assertThat(g.roadId(e)).isEqualTo(f.roadId(e));
                assertThat(new Object[] {g.edgeFrom(e), g.edgeTo(e), g.roadClass(e), g.edgeLengthMeters(e), g.isOneway(e),
                        g.walkKmhOverride(e), g.isBoundary(e), g.isClosed(e)}).as("edge %d", e)
                        .containsExactly(f.edgeFrom(e), f.edgeTo(e), f.roadClass(e), f.edgeLengthMeters(e), f.isOneway(e),
                                f.walkKmhOverride(e), f.isBoundary(e), f.isClosed(e));
                assertThat(g.edgeCoords(e)).as("edge %d", e).containsExactly(f.edgeCoords(e));
            }
            assertThat(net.partitions.count()).isEqualTo(fresh.partitions.count());
            for (int i = 0; i < fresh.town.householdCount(); i++) {
                assertThat(net.householdSeconds(i)).as("household %d", i).isCloseTo(fresh.householdSeconds(i), within(fresh.householdSeconds(i)));
                assertThat(net.householdPoint(i)).as("household %d", i).isEqualTo(fresh.householdPoint(i));
            }
            for (int k = 0; k < fresh.town.facilities.size(); k++) {
                assertThat(net.secondsToParent[k]).as("facility %d", k).isCloseTo(fresh.secondsToParent[k], within(fresh.secondsToParent[k]));
                assertThat(net.parent[k]).as("facility %d", k).isEqualTo(fresh.parent[k]);
            }
        }
    }

    /** Every part outside the region shares its arrays and its share of the tree with the network before. */
    private static void assertOtherPartsShared(RingNetwork before, RingNetwork after, BitSet region) {
        assertThat(region.cardinality()).isLessThan(before.partitions.count());
        for (int p = 0; p < before.partitions.count(); p++) {
            if (region.get(p)) continue;
            assertThat(after.householdsOfPart(p)).as("part %d", p).isSameAs(before.householdsOfPart(p));
            assertThat(after.facilitiesOfPart(p)).as("part %d", p).isSameAs(before.facilitiesOfPart(p));
            assertThat(after.pointTree.sharesPart(before.pointTree, p)).as("part %d", p).isTrue();
        }
    }

    private static int changedHouseholds(RingNetwork before, RingNetwork after) {
        int n = 0;
        for (int i = 0; i < before.town.householdCount(); i++) if (after.householdSeconds(i) != before.householdSeconds(i)) n++;
        return n;
    }

    private static void addPart(RingNetwork net, Snap s, BitSet region) {
        if (s != null) region.set(net.partitions.of(net.graph, s));
    }

    /** The open edge (of this class, or any) with the most households meeting the roads on it. */
    private static int busiestEdge(RingNetwork net, RoadClass cls) {
        Map<Integer, Integer> count = new HashMap<>();
        for (int i = 0; i < net.town.householdCount(); i++) {
            Snap s = net.householdSnap(i);
            if (s == null || net.graph.isClosed(s.edge()) || (cls != null && net.graph.roadClass(s.edge()) != cls)) continue;
            count.merge(s.edge(), 1, Integer::sum);
        }
        return count.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }

    /** The busiest edge of the largest part other than the two given (-1: none). */
    private static int busiestEdgeInPart(RingNetwork net, int notA, int notB) {
        Partitions p = net.partitions;
        Map<Integer, Integer> count = new HashMap<>();
        for (int i = 0; i < net.town.householdCount(); i++) {
            Snap s = net.householdSnap(i);
            if (s == null || net.graph.isClosed(s.edge())) continue;
            int part = p.of(net.graph, s);
            if (part == notA || part == notB) continue;
            count.merge(s.edge(), 1, Integer::sum);
        }
        return count.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }

    /** Equal up to rounding of sums taken in another order; infinities equal each other. */
    private static org.assertj.core.data.Offset<Double> within(double expected) {
        return org.assertj.core.data.Offset.offset(Double.isInfinite(expected) ? 0.0 : 1e-9 * Math.max(1, Math.abs(expected)));
    }

}
