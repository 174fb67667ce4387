package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridmap.db.Database;
import org.gridmap.rings.graph.Nearest;
import org.gridmap.rings.graph.Snap;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routing engine against pgRouting on the same roads: same times, same nearest service points. */
class PgRoutingOracleTest {
    /** The built-in policy: 4.5 km/h, stairs 3.15 km/h; seconds per edge as pgRouting sees it. */
    static final String EDGES = "SELECT id, source, target, length_m / (CASE class WHEN ''stairs'' THEN 3.15 ELSE 4.5 END / 3.6) AS cost, "
            + "length_m / (CASE class WHEN ''stairs'' THEN 3.15 ELSE 4.5 END / 3.6) AS reverse_cost FROM roads";
    static Database db;
    static RingEngine engine;
    static long[] nodeIds;
    static Map<Long, Integer> nodeIndex = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        db = new Database(TestPostgis.newDemoDatabase(), 4);
        engine = new RingEngine(db.dataSource(), RingPolicy.builtIn()).load();
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM road_nodes ORDER BY id")) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        nodeIds = ids.stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < nodeIds.length; i++) nodeIndex.put(nodeIds[i], i);
    }

    @AfterAll
    static void close() {
        engine.close();
        db.close();
    }

    @Test
    void nodeToNodeTimesEqualPgRoutingForRandomPairs() throws SQLException {
        RingNetwork net = engine.network();
        Random r = new Random(7);
        int pairs = 300;
        int[] a = new int[pairs], b = new int[pairs];
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            a[i] = r.nextInt(nodeIds.length);
            b[i] = r.nextInt(nodeIds.length);
            if (i > 0) values.append(',');
            values.append('(').append(nodeIds[a[i]]).append(',').append(nodeIds[b[i]]).append(')');
        }
        Map<String, Double> oracle = new HashMap<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost('" + EDGES + "', "
                     + "'SELECT * FROM (VALUES " + values + ") AS t(source, target)', false)")) {
            while (rs.next()) oracle.put(rs.getLong(1) + ">" + rs.getLong(2), rs.getDouble(3));
        }
        int compared = 0;
        for (int i = 0; i < pairs; i++) {
            double mine = net.walkRouter.travelSeconds(Snap.atNode(net.graph, a[i]), Snap.atNode(net.graph, b[i]));
            Double theirs = a[i] == b[i] ? Double.valueOf(0) : oracle.get(nodeIds[a[i]] + ">" + nodeIds[b[i]]);
            assertThat(theirs).as("pgRouting finds a path %d→%d (the network is connected)", a[i], b[i]).isNotNull();
            assertThat(mine).as("pair %d→%d", a[i], b[i]).isCloseTo(theirs, within(1e-6 * Math.max(1, theirs)));
            compared++;
        }
        assertThat(compared).isEqualTo(pairs);
    }

    @Test
    void nearestServicePointIsOneOfPgRoutingsNearestForRandomHouseholds() throws SQLException {
        RingNetwork net = engine.network();
        TownModel t = net.town;
        Random r = new Random(11);
        int n = 200;
        StringBuilder points = new StringBuilder();
        Snap[] snaps = new Snap[n];
        for (int k = 0; k < n; k++) {
            int h = r.nextInt(t.householdCount());
            snaps[k] = net.snapper.snap(t.householdLon[h], t.householdLat[h], 500);
            if (k > 0) points.append(" UNION ALL ");
            points.append("SELECT ").append(k + 1).append(" AS pid, ").append(net.graph.roadId(snaps[k].edge()))
                    // pgRouting merges a point at fraction 0 or 1 into the vertex and reports it under the vertex id
                    .append(" AS edge_id, ").append(Math.min(1 - 1e-9, Math.max(1e-9, snaps[k].fraction()))).append("::float AS fraction");
        }
        List<Long> pointNodes = new ArrayList<>();
        Map<Long, Integer> facilityByNode = new HashMap<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT f.id, n.id FROM facilities f JOIN road_nodes n ON ST_DWithin(n.geom, f.geom, 2e-7) "
                     + "WHERE f.level = 'point'")) {
            while (rs.next()) {
                pointNodes.add(rs.getLong(2));
                facilityByNode.put(rs.getLong(2), (int) rs.getLong(1));
            }
        }
        assertThat(pointNodes).hasSize(336);
        // pgRouting: cost from each household's snapped point to every service point; keep the minimum
        double[] best = new double[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        Map<Integer, List<long[]>> costs = new HashMap<>();
        String targets = pointNodes.toString().replace("[", "ARRAY[");
        String starts = "ARRAY[" + java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> Integer.toString(-i))
                .reduce((x, y) -> x + "," + y).orElseThrow() + "]";
        List<double[]> rows = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost('" + EDGES + "', '"
                     + points.toString().replace("'", "''") + "', " + starts + ", " + targets + ", directed => false)")) {
            while (rs.next()) rows.add(new double[] {-rs.getLong(1) - 1, rs.getLong(2), rs.getDouble(3)});
        }
        for (double[] row : rows) best[(int) row[0]] = Math.min(best[(int) row[0]], row[2]);
        for (int k = 0; k < n; k++) {
            Nearest mine = net.pointTree.nearest(snaps[k]);
            assertThat(mine).isNotNull();
            assertThat(mine.seconds()).as("household %d", k).isCloseTo(best[k], within(0.05));
            long myFacility = t.facilities.get(net.pointFacility[mine.facility()]).id();
            boolean amongNearest = false;
            for (double[] row : rows) {
                if ((int) row[0] == k && Math.abs(row[2] - best[k]) < 0.05 && facilityByNode.get((long) row[1]) == myFacility) {
                    amongNearest = true;
                }
            }
            assertThat(amongNearest).as("household %d: facility %d is one of pgRouting's nearest", k, myFacility).isTrue();
        }
    }

    @Test
    void ringsOneToThreeEqualPgRoutingFacilityToParentTimes() throws SQLException {
        RingNetwork net = engine.network();
        List<TownModel.Facility> fs = net.town.facilities;
        Map<Long, Long> nodeOfFacility = new HashMap<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT f.id, n.id FROM facilities f JOIN road_nodes n ON ST_DWithin(n.geom, f.geom, 2e-7)")) {
            while (rs.next()) nodeOfFacility.put(rs.getLong(1), rs.getLong(2));
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < fs.size(); i++) {
            if (net.parent[i] < 0) continue;
            long from = nodeOfFacility.get(fs.get(i).id()), to = nodeOfFacility.get(fs.get(net.parent[i]).id());
            if (from == to) continue;
            if (values.length() > 0) values.append(',');
            values.append('(').append(from).append(',').append(to).append(')');
        }
        Map<String, Double> oracle = new HashMap<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost('" + EDGES + "', "
                     + "'SELECT * FROM (VALUES " + values + ") AS t(source, target)', false)")) {
            while (rs.next()) oracle.put(rs.getLong(1) + ">" + rs.getLong(2), rs.getDouble(3));
        }
        int[] within = new int[5], origins = new int[5];
        int[] oracleWithin = new int[5];
        for (int i = 0; i < fs.size(); i++) {
            if (net.parent[i] < 0) continue;
            int ring = switch (fs.get(i).level()) { case "point" -> 3; case "grid" -> 2; default -> 1; };
            long from = nodeOfFacility.get(fs.get(i).id()), to = nodeOfFacility.get(fs.get(net.parent[i]).id());
            double theirs = from == to ? 0 : oracle.getOrDefault(from + ">" + to, Double.POSITIVE_INFINITY);
            double mine = net.secondsToParent[i];
            double limit = net.policy.ring(ring).limitSeconds();
            if (theirs <= 4 * limit) assertThat(mine).as(fs.get(i).code()).isCloseTo(theirs, within(0.01));
            else assertThat(mine).isGreaterThan(limit);
            origins[ring]++;
            if (mine <= limit) within[ring]++;
            if (theirs <= limit) oracleWithin[ring]++;
        }
        assertThat(origins[3]).isEqualTo(336);
        assertThat(origins[2]).isEqualTo(117);
        assertThat(origins[1]).isEqualTo(9);
        assertThat(within).isEqualTo(oracleWithin);
        Map<Integer, double[]> summary = ComplianceReport.summary(net);
        for (int ring = 1; ring <= 3; ring++) assertThat(summary.get(ring)[1]).isEqualTo(oracleWithin[ring]);
    }

    @Test
    void ringFourComplianceEqualsAnIndependentSqlComputation() throws SQLException {
        RingNetwork net = engine.network();
        // SQL alone: snap each household to its nearest road, then the cheaper end of that road plus the
        // walk along it, using every node's time to its nearest service point from a multi-source search.
        String sql = """
            WITH node_cost AS (
                SELECT end_vid AS node, min(agg_cost) AS cost FROM pgr_dijkstraCost('%s',
                    (SELECT array_agg(n.id) FROM facilities f JOIN road_nodes n ON ST_DWithin(n.geom, f.geom, 2e-7)
                     WHERE f.level = 'point'),
                    (SELECT array_agg(id) FROM road_nodes), false)
                GROUP BY end_vid
                UNION ALL
                SELECT n.id, 0 FROM facilities f JOIN road_nodes n ON ST_DWithin(n.geom, f.geom, 2e-7) WHERE f.level = 'point'
            ), best AS (SELECT node, min(cost) AS cost FROM node_cost GROUP BY node),
            snapped AS (
                SELECT h.id, r.id AS road, r.source, r.target,
                       r.length_m / (CASE r.class WHEN 'stairs' THEN 3.15 ELSE 4.5 END / 3.6) AS edge_cost,
                       ST_LineLocatePoint(r.geom, h.geom) AS f,
                       ST_Distance(h.geom::geography, r.geom::geography) AS off_m
                FROM households h
                CROSS JOIN LATERAL (SELECT * FROM roads ORDER BY roads.geom <-> h.geom LIMIT 1) r
            )
            SELECT count(*) FILTER (WHERE t <= 300), count(*)
            FROM (SELECT s.id, least(bs.cost + s.f * s.edge_cost, bt.cost + (1 - s.f) * s.edge_cost) + s.off_m / 1.25 AS t
                  FROM snapped s JOIN best bs ON bs.node = s.source JOIN best bt ON bt.node = s.target) x
            """.formatted(EDGES);
        long sqlWithin, sqlTotal;
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            sqlWithin = rs.getLong(1);
            sqlTotal = rs.getLong(2);
        }
        double[] mine = ComplianceReport.summary(net).get(4);
        assertThat((long) mine[0]).isEqualTo(sqlTotal);
        assertThat((long) mine[1]).isEqualTo(sqlWithin);
        assertThat(mine[1] / mine[0]).isBetween(0.80, 0.99);
    }
}
