package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.TravelMode;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every answer of /api/nearest (with its k-nearest list) for every household of the demo town and thousands of
 * random places in it, as the server sees the town (its road-blocking hazard applied), against oracles that share
 * no code with the engine: PostGIS measures the drawn route and the walks off the road on the ellipsoid, a textbook
 * Dijkstra ({@link ReferenceWalk}) gives the fastest times to every service point, and pgRouting does so for a sample.
 */
class NearestAnswerPropertyTest {
    static final int RANDOM_PLACES = 5000, PGROUTING_SAMPLE = 300, K = 5;
    static final long SEED = 20_261_201L;
    static final String OPEN_ROADS = "roads r WHERE r.source <> r.target AND r.id NOT IN (SELECT road_id FROM hazard_road_closures)";
    static TestServer server;
    static RingNetwork net;
    static ReferenceWalk reference;
    static double offMetersPerSecond;
    /** Service point id → index of the engine's point tree (= the reference's facility index). */
    static final Map<Long, Integer> pointIndex = new HashMap<>();
    static final List<double[]> places = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        net = server.app().rings().network();
        TravelMode walk = net.policy.mode(net.policy.ring(4));
        offMetersPerSecond = net.policy.baseKmh(net.policy.ring(4)) / 3.6;
        Snap[] points = new Snap[net.pointFacility.length];
        for (int k = 0; k < points.length; k++) {
            points[k] = net.facilitySnaps[net.pointFacility[k]];
            pointIndex.put(net.town.facilities.get(net.pointFacility[k]).id(), k);
        }
        reference = new ReferenceWalk(net.graph, walk, points);
        TownModel t = net.town;
        double x0 = Double.POSITIVE_INFINITY, y0 = x0, x1 = Double.NEGATIVE_INFINITY, y1 = x1;
        for (int i = 0; i < t.householdCount(); i++) {
            places.add(new double[] {t.householdLon[i], t.householdLat[i]});
            x0 = Math.min(x0, t.householdLon[i]);
            x1 = Math.max(x1, t.householdLon[i]);
            y0 = Math.min(y0, t.householdLat[i]);
            y1 = Math.max(y1, t.householdLat[i]);
        }
        Random r = new Random(SEED);
        for (int n = 0; n < RANDOM_PLACES; ) {
            double lon = x0 + r.nextDouble() * (x1 - x0), lat = y0 + r.nextDouble() * (y1 - y0);
            if (!t.insideATown(lon, lat)) continue;
            places.add(new double[] {lon, lat});
            n++;
        }
    }

    @AfterAll
    static void stop() { server.close(); }

    /** One answer as the finder gives it to the HTTP layer (the same map Javalin serialises). */
    record Answer(double lon, double lat, Map<String, Object> body) {
        boolean reachable() { return Boolean.TRUE.equals(body.get("reachable")); }
        double number(String key) { return ((Number) body.get(key)).doubleValue(); }
        @SuppressWarnings("unchecked")
        List<List<Double>> route() { return (List<List<Double>>) ((Map<String, Object>) body.get("route")).get("coordinates"); }
        @SuppressWarnings("unchecked")
        List<Double> snapped() { return (List<Double>) body.get("snapped"); }
        @SuppressWarnings("unchecked")
        Map<String, Object> point() { return (Map<String, Object>) body.get("point"); }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alternatives() { return (List<Map<String, Object>>) body.get("nearest"); }
        String where() { return String.format(Locale.ROOT, "(%.7f, %.7f)", lon, lat); }
    }

    @Test
    void everyRouteRunsFromTheSnappedPlaceToTheNamedPointAndMeasuresWhatItCounts() throws Exception {
        NearestServiceFinder finder = new NearestServiceFinder(server.app().rings());
        List<Answer> answers = new ArrayList<>();
        for (double[] p : places) {
            Answer a = new Answer(p[0], p[1], finder.find(p[0], p[1], K));
            if (a.reachable()) answers.add(a);
        }
        assertThat(answers.size()).as("reachable answers").isGreaterThan(places.size() * 8 / 10);
        int n = answers.size();
        String[] routes = new String[n];
        Double[] lon = new Double[n], lat = new Double[n], sLon = new Double[n], sLat = new Double[n], pLon = new Double[n], pLat = new Double[n];
        for (int i = 0; i < n; i++) {
            Answer a = answers.get(i);
            StringBuilder w = new StringBuilder("LINESTRING(");
            for (List<Double> c : a.route()) w.append(c.get(0)).append(' ').append(c.get(1)).append(',');
            routes[i] = w.substring(0, w.length() - 1) + ")";
            lon[i] = a.lon;
            lat[i] = a.lat;
            sLon[i] = a.snapped().get(0);
            sLat[i] = a.snapped().get(1);
            pLon[i] = ((Number) a.point().get("lon")).doubleValue();
            pLat[i] = ((Number) a.point().get("lat")).doubleValue();
        }
        // PostGIS on the ellipsoid: the route's length, its ends against the snapped place and the named point, and
        // the walk from the place to the snapped point
        String sql = """
            SELECT u.ord, ST_Length(u.route::geography),
                   ST_Distance(ST_StartPoint(u.route)::geography, u.snapped::geography),
                   ST_Distance(ST_EndPoint(u.route)::geography, u.point::geography),
                   ST_Distance(u.place::geography, u.snapped::geography)
            FROM (SELECT ord, ST_GeomFromText(w, 4326) AS route, ST_SetSRID(ST_MakePoint(x, y), 4326) AS place,
                         ST_SetSRID(ST_MakePoint(sx, sy), 4326) AS snapped, ST_SetSRID(ST_MakePoint(px, py), 4326) AS point
                  FROM unnest(?::text[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[])
                       WITH ORDINALITY AS x(w, x, y, sx, sy, px, py, ord)) u
            ORDER BY u.ord""";
        double[][] measured = new double[n][];
        try (Connection c = server.database().connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Object[][] columns = {routes, lon, lat, sLon, sLat, pLon, pLat};
            for (int j = 0; j < columns.length; j++) {
                Array arr = c.createArrayOf(j == 0 ? "text" : "float8", columns[j]);
                ps.setArray(j + 1, arr);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    measured[rs.getInt(1) - 1] = new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)};
                }
            }
        }
        TravelMode walk = net.policy.mode(net.policy.ring(4));
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Answer a = answers.get(i);
            double[] m = measured[i];
            double length = m[0], startGap = m[1], endGap = m[2], offRoad = m[3];
            double off = a.number("offNetworkMeters"), distance = a.number("distanceMeters");
            if (startGap > 1) wrong.add(a.where() + ": the route starts " + round(startGap) + " m from the snapped point");
            if (endGap > 1) wrong.add(a.where() + ": the route ends " + round(endGap) + " m from the point it names");
            if (Math.abs(offRoad - off) > 1) wrong.add(a.where() + ": offNetworkMeters " + off + ", measured " + round(offRoad));
            if (Math.abs(length + off - distance) > 1)
                wrong.add(a.where() + ": route " + round(length) + " m + off-road " + off + " m ≠ distanceMeters " + distance);
            // times: the reference's network time from the same snap to each point's snap, plus the point's walk from
            // its road; the nearest point is the one with the least such time (then add the walk to the road)
            Snap origin = net.snapper.snap(a.lon, a.lat, net.policy.maxSnapMeters(), walk);
            double[] toPoint = new double[net.pointFacility.length];
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < toPoint.length; k++) {
                toPoint[k] = reference.seconds(origin, k) + facilityOff(k) / offMetersPerSecond;
                best = Math.min(best, toPoint[k]);
            }
            int named = pointIndex.get(((Number) a.point().get("id")).longValue());
            double expected = best + off / offMetersPerSecond;
            if (toPoint[named] > best + 0.05)
                wrong.add(a.where() + ": the named point is " + round(toPoint[named] - best) + " s slower than the nearest");
            else if (Math.abs(a.number("travelSeconds") - expected) > 0.1)
                wrong.add(a.where() + ": travelSeconds " + a.number("travelSeconds") + ", reference " + round(expected));
            checkAlternatives(a, origin, toPoint, off, wrong);
        }
        assertThat(wrong).as("%d of %d answers are wrong, e.g. %s", wrong.size(), n, wrong.stream().limit(8).toList()).isEmpty();
    }

    /** The k-nearest list: the k fastest points by the reference, fastest first, each with its true time and metres. */
    static void checkAlternatives(Answer a, Snap origin, double[] times, double off, List<String> wrong) {
        List<Map<String, Object>> alts = a.alternatives();
        long reachable = Arrays.stream(times).filter(Double::isFinite).count();
        if (alts.size() != Math.min(K, reachable)) {
            wrong.add(a.where() + ": " + alts.size() + " alternatives listed");
            return;
        }
        Set<Integer> listed = new HashSet<>();
        double previous = 0, slowestListed = 0;
        for (Map<String, Object> alt : alts) {
            @SuppressWarnings("unchecked")
            long id = ((Number) ((Map<String, Object>) alt.get("point")).get("id")).longValue();
            int k = pointIndex.get(id);
            double seconds = ((Number) alt.get("travelSeconds")).doubleValue(), meters = ((Number) alt.get("distanceMeters")).doubleValue();
            double expected = times[k] + off / offMetersPerSecond;
            double expectedMeters = reference.meters(origin, k) + off + facilityOff(k);
            if (!listed.add(k)) wrong.add(a.where() + ": point " + id + " listed twice");
            if (Math.abs(seconds - expected) > 0.1) wrong.add(a.where() + ": alternative " + id + " " + seconds + " s, reference " + round(expected));
            if (Math.abs(meters - expectedMeters) > 1) wrong.add(a.where() + ": alternative " + id + " " + meters + " m, reference " + round(expectedMeters));
            if (seconds < previous) wrong.add(a.where() + ": alternatives out of order");
            previous = seconds;
            slowestListed = Math.max(slowestListed, times[k]);
        }
        for (int k = 0; k < times.length; k++) {
            if (!listed.contains(k) && times[k] < slowestListed - 0.05)
                wrong.add(a.where() + ": point index " + k + " (" + round(times[k]) + " s) is faster than a listed one");
        }
        double first = ((Number) alts.get(0).get("travelSeconds")).doubleValue();
        if (Math.abs(first - a.number("travelSeconds")) > 0.1) wrong.add(a.where() + ": the first alternative is not the answer");
    }

    static double facilityOff(int k) { return net.facilitySnaps[net.pointFacility[k]].distanceMeters(); }

    @Test
    void servicePointsMeetTheNearestOpenRoad() throws Exception {
        Map<Long, Double> nearestRoad = new HashMap<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                 SELECT f.id, (SELECT min(ST_Distance(x.geom::geography, f.geom::geography))
                               FROM (SELECT r.geom FROM %s ORDER BY r.geom <-> f.geom LIMIT 8) x)
                 FROM facilities f WHERE f.level = 'point'""".formatted(OPEN_ROADS))) {
            while (rs.next()) nearestRoad.put(rs.getLong(1), rs.getDouble(2));
        }
        assertThat(nearestRoad).hasSize(net.pointFacility.length);
        boolean offRoadPoint = false;
        for (Map.Entry<Long, Integer> e : pointIndex.entrySet()) {
            assertThat(facilityOff(e.getValue())).as("point %d", e.getKey()).isCloseTo(nearestRoad.get(e.getKey()), within(1.0));
            offRoadPoint |= facilityOff(e.getValue()) > 50;
        }
        // the demo's blocking hazard closes every road at one service point: the case the routes must draw
        assertThat(offRoadPoint).as("a service point whose roads are closed").isTrue();
    }

    @Test
    void timesOverHttpEqualPgRoutingOnTheOpenRoads() throws Exception {
        Random r = new Random(SEED + 1);
        TravelMode walk = net.policy.mode(net.policy.ring(4));
        List<JsonNode> answers = new ArrayList<>();
        List<Snap> origins = new ArrayList<>();
        List<Double> lons = new ArrayList<>(), lats = new ArrayList<>();
        while (answers.size() < PGROUTING_SAMPLE) {
            double[] p = places.get(r.nextInt(places.size()));
            JsonNode a = TestServer.json(server.get("/api/nearest?lon=" + p[0] + "&lat=" + p[1] + "&k=" + K));
            if (!a.get("reachable").asBoolean()) continue;
            Snap o = net.snapper.snap(p[0], p[1], net.policy.maxSnapMeters(), walk);
            assertThat(a.get("snapped").get(0).asDouble()).isEqualTo(o.lon());
            assertThat(a.get("snapped").get(1).asDouble()).isEqualTo(o.lat());
            answers.add(a);
            origins.add(o);
            lons.add(p[0]);
            lats.add(p[1]);
        }
        // the place meets the nearest open road, by PostGIS on the ellipsoid
        try (Connection c = server.database().connection(); PreparedStatement ps = c.prepareStatement("""
                SELECT x.ord, (SELECT min(ST_Distance(r.geom::geography, p.geom::geography))
                               FROM (SELECT r.geom FROM %s ORDER BY r.geom <-> p.geom LIMIT 8) r)
                FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS x(lon, lat, ord)
                CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326) AS geom) p""".formatted(OPEN_ROADS))) {
            ps.setArray(1, c.createArrayOf("float8", lons.toArray()));
            ps.setArray(2, c.createArrayOf("float8", lats.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode a = answers.get(rs.getInt(1) - 1);
                    assertThat(a.get("offNetworkMeters").asDouble()).as("off the road at %s", a.get("origin"))
                            .isCloseTo(rs.getDouble(2), within(1.0));
                }
            }
        }
        // points: the sampled places' snaps (pid 1..n), then the service points' snaps (pid n+1..); pgRouting merges
        // a point at fraction 0 or 1 into the vertex, so keep them a hair inside the edge
        int n = origins.size(), m = net.pointFacility.length;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n + m; i++) {
            Snap s = i < n ? origins.get(i) : net.facilitySnaps[net.pointFacility[i - n]];
            if (i > 0) points.append(',');
            points.append(String.format(Locale.ROOT, "(%d,%d,%.12f::float8)", i + 1, net.graph.roadId(s.edge()),
                    Math.min(1 - 1e-9, Math.max(1e-9, s.fraction()))));
        }
        String edges = "SELECT id, source, target, length_m / (CASE class WHEN ''stairs'' THEN 3.15 ELSE 4.5 END / 3.6) AS cost, "
                + "length_m / (CASE class WHEN ''stairs'' THEN 3.15 ELSE 4.5 END / 3.6) AS reverse_cost FROM "
                + OPEN_ROADS.replace("'", "''");
        String starts = IntStream.rangeClosed(1, n).mapToObj(i -> "-" + i).reduce((x, y) -> x + "," + y).orElseThrow();
        String ends = IntStream.rangeClosed(n + 1, n + m).mapToObj(i -> "-" + i).reduce((x, y) -> x + "," + y).orElseThrow();
        double[][] pg = new double[n][m];
        for (double[] row : pg) Arrays.fill(row, Double.POSITIVE_INFINITY);
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost('" + edges + "', "
                     + "'SELECT * FROM (VALUES " + points + ") AS p(pid, edge_id, fraction)', ARRAY[" + starts + "], ARRAY["
                     + ends + "], directed => false)")) {
            while (rs.next()) pg[(int) -rs.getLong(1) - 1][(int) -rs.getLong(2) - n - 1] = rs.getDouble(3);
        }
        for (int i = 0; i < n; i++) {
            JsonNode a = answers.get(i);
            double off = a.get("offNetworkMeters").asDouble();
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < m; k++) best = Math.min(best, pg[i][k] + (off + facilityOff(k)) / offMetersPerSecond);
            assertThat(a.get("travelSeconds").asDouble()).as("answer %d: %s", i, a.get("snapped")).isCloseTo(best, within(0.1));
            for (JsonNode alt : a.get("nearest")) {
                int k = pointIndex.get(alt.get("point").get("id").asLong());
                assertThat(alt.get("travelSeconds").asDouble()).as("answer %d, alternative %s", i, alt.get("point").get("id"))
                        .isCloseTo(pg[i][k] + (off + facilityOff(k)) / offMetersPerSecond, within(0.1));
            }
        }
    }

    static double round(double v) { return Math.round(v * 10) / 10.0; }
}
