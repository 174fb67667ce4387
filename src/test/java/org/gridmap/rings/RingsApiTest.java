package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.gridmap.rings.graph.Snap;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RingsApiTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newDemoDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    static JsonNode nearest(double lon, double lat) throws Exception {
        return get(String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f", lon, lat));
    }

    static double[] row(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            double[] out = new double[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getDouble(i + 1);
            return out;
        }
    }

    @Test
    void aVillagerGetsPointRouteGridStaffAndTheChain() throws Exception {
        double[] h = row("SELECT ST_X(geom), ST_Y(geom) FROM households ORDER BY id LIMIT 1 OFFSET 100");
        JsonNode a = nearest(h[0], h[1]);
        assertThat(a.get("reachable").asBoolean()).isTrue();
        assertThat(a.get("point").get("level").asText()).isEqualTo("point");
        assertThat(a.get("travelSeconds").asDouble()).isPositive();
        assertThat(a.get("distanceMeters").asDouble()).isPositive();
        JsonNode route = a.get("route");
        assertThat(route.get("type").asText()).isEqualTo("LineString");
        JsonNode coords = route.get("coordinates");
        assertThat(coords.size()).isGreaterThanOrEqualTo(2);
        JsonNode last = coords.get(coords.size() - 1);
        assertThat(last.get(0).asDouble()).isCloseTo(a.get("point").get("lon").asDouble(), within(1e-5));
        assertThat(last.get(1).asDouble()).isCloseTo(a.get("point").get("lat").asDouble(), within(1e-5));
        assertThat(coords.get(0).get(0).asDouble()).isCloseTo(a.get("snapped").get(0).asDouble(), within(1e-6));
        assertThat(a.get("grid").get("code").asText()).hasSize(15);
        assertThat(a.get("village").get("name").asText()).isNotBlank();
        assertThat(a.get("staff").size()).isGreaterThanOrEqualTo(5);
        assertThat(a.get("staff").get(0).get("phone").asText()).startsWith("100-");
        JsonNode chain = a.get("chain");
        assertThat(chain.size()).isEqualTo(4);
        double cumulative = 0;
        int[] rings = {4, 3, 2, 1};
        int[] limits = {300, 900, 1800, 3600};
        for (int i = 0; i < 4; i++) {
            JsonNode link = chain.get(i);
            assertThat(link.get("ring").asInt()).isEqualTo(rings[i]);
            assertThat(link.get("limitSeconds").asDouble()).isEqualTo(limits[i]);
            assertThat(link.get("ok").asBoolean()).isEqualTo(link.get("seconds").asDouble() <= limits[i]);
            cumulative += link.get("seconds").asDouble();
            assertThat(link.get("cumulativeSeconds").asDouble()).isCloseTo(cumulative, within(0.5));
        }
        assertThat(chain.get(3).get("facility").get("level").asText()).isEqualTo("center");
        assertThat(chain.get(0).get("seconds").asDouble()).isEqualTo(a.get("travelSeconds").asDouble());
    }

    @Test
    void onTopOfAServicePointTheAnswerIsThatPointInZeroSeconds() throws Exception {
        double[] p = row("SELECT ST_X(geom), ST_Y(geom), id FROM facilities WHERE level = 'point' ORDER BY id LIMIT 1 OFFSET 7");
        JsonNode a = nearest(p[0], p[1]);
        assertThat(a.get("point").get("id").asLong()).isEqualTo((long) p[2]);
        assertThat(a.get("travelSeconds").asDouble()).isLessThan(0.5);
    }

    @Test
    void onANodeAndOnADeadEndTheTimeEqualsPgRouting() throws Exception {
        // a dead end: a node with exactly one road, and no service point on it
        double[] dead = row("""
            SELECT n.id, ST_X(n.geom), ST_Y(n.geom) FROM road_nodes n
            WHERE (SELECT count(*) FROM roads r WHERE r.source = n.id OR r.target = n.id) = 1
              AND NOT EXISTS (SELECT 1 FROM facilities f WHERE ST_DWithin(f.geom, n.geom, 1e-5))
            ORDER BY n.id LIMIT 1""");
        double oracle = row("SELECT min(agg_cost) FROM pgr_dijkstraCost('" + PgRoutingOracleTest.EDGES + "', "
                + (long) dead[0] + ", (SELECT array_agg(n.id) FROM facilities f JOIN road_nodes n "
                + "ON ST_DWithin(n.geom, f.geom, 2e-7) WHERE f.level = 'point'), false)")[0];
        JsonNode a = nearest(dead[1], dead[2]);
        assertThat(a.get("offNetworkMeters").asDouble()).isLessThan(0.05);
        assertThat(a.get("travelSeconds").asDouble()).isCloseTo(oracle, within(0.15));
    }

    @Test
    void outsideTheTownIsA422AndNonsenseIsA400() throws Exception {
        HttpResponse<String> outside = server.get("/api/nearest?lon=106.5&lat=29.6");
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(outside).get("error").asText()).isEqualTo("outside_town");
        HttpResponse<String> swapped = server.get("/api/nearest?lon=29.36&lat=106.34");
        assertThat(swapped.statusCode()).isEqualTo(400);
        assertThat(server.get("/api/nearest?lon=abc&lat=29").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/nearest?lat=29").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/nearest?lon=106.34&lat=29.36&k=99").statusCode()).isEqualTo(400);
    }

    @Test
    void kNearestAreSortedAndStartWithTheNearest() throws Exception {
        double[] h = row("SELECT ST_X(geom), ST_Y(geom) FROM households ORDER BY id LIMIT 1 OFFSET 2000");
        JsonNode a = get(String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f&k=3", h[0], h[1]));
        JsonNode list = a.get("nearest");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.get(0).get("point").get("id").asLong()).isEqualTo(a.get("point").get("id").asLong());
        assertThat(list.get(0).get("travelSeconds").asDouble()).isCloseTo(a.get("travelSeconds").asDouble(), within(0.2));
        assertThat(list.get(1).get("travelSeconds").asDouble()).isGreaterThanOrEqualTo(list.get(0).get("travelSeconds").asDouble());
        assertThat(list.get(2).get("travelSeconds").asDouble()).isGreaterThanOrEqualTo(list.get(1).get("travelSeconds").asDouble());
    }

    @Test
    void complianceHasEveryRingWithBreakdowns() throws Exception {
        JsonNode c = get("/api/rings/compliance?worst=5");
        assertThat(c.get("rings").size()).isEqualTo(4);
        JsonNode ring4 = c.get("rings").get(0);
        assertThat(ring4.get("ring").asInt()).isEqualTo(4);
        assertThat(ring4.get("origins").asLong()).isEqualTo((long) row("SELECT count(*) FROM households")[0]);
        assertThat(ring4.get("share").asDouble()).isBetween(0.5, 1.0);
        assertThat(ring4.get("worst").size()).isEqualTo(5);
        assertThat(ring4.get("worst").get(0).get("seconds").asDouble()).isGreaterThan(300);
        assertThat(ring4.get("villages").size()).isEqualTo(9);
        assertThat(ring4.get("grids").size()).isEqualTo(117);
        assertThat(c.get("rings").get(1).get("origins").asLong()).isEqualTo(336);
        assertThat(c.get("rings").get(2).get("origins").asLong()).isEqualTo(117);
        assertThat(c.get("rings").get(3).get("origins").asLong()).isEqualTo(9);
        assertThat(get("/api/rings").get("rings").size()).isEqualTo(4);
    }

    @Test
    void isochroneIsAPolygonInsideItsCoverageRadius() throws Exception {
        String code = "500107109204S";
        JsonNode iso = get("/api/isochrones?facility=" + code + "&minutes=10");
        assertThat(iso.get("features").size()).isEqualTo(2);
        JsonNode network = iso.get("features").get(0);
        JsonNode radius = iso.get("features").get(1);
        assertThat(network.get("properties").get("kind").asText()).isEqualTo("network");
        assertThat(network.get("geometry").get("type").asText()).containsAnyOf("Polygon", "MultiPolygon");
        assertThat(radius.get("properties").get("radiusMeters").asLong()).isEqualTo(750);
        assertThat(network.get("properties").get("areaKm2").asDouble())
                .isPositive().isLessThan(radius.get("properties").get("areaKm2").asDouble());
        assertThat(server.get("/api/isochrones?facility=nope").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/isochrones?facility=" + code + "&minutes=-3").statusCode()).isEqualTo(400);
    }

    /** 1,500 random points over the extent of {@code table}'s outlines (and 0.01° around), then 300 of their vertices. */
    static java.util.List<double[]> pointsOverAndAround(String table, long seed) throws Exception {
        double[] e = row("SELECT ST_XMin(x), ST_YMin(x), ST_XMax(x), ST_YMax(x) FROM (SELECT ST_Extent(geom) x FROM " + table + ") t");
        java.util.Random r = new java.util.Random(seed);
        java.util.List<double[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            points.add(new double[] {e[0] - 0.01 + r.nextDouble() * (e[2] - e[0] + 0.02), e[1] - 0.01 + r.nextDouble() * (e[3] - e[1] + 0.02)});
        }
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT ST_X(p.geom), ST_Y(p.geom) FROM " + table + " t, ST_DumpPoints(t.geom) p ORDER BY t.id, p.path LIMIT 300")) {
            while (rs.next()) points.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
        return points;
    }

    /**
     * The engine's grid at a place (a plain pass over the outline of each grid the index picks, no prepared index
     * kept) is one PostGIS's ST_Covers finds there, and none exactly where PostGIS finds none: random points over the
     * town and the grids' own vertices (shared by neighbours, so covered by two or more).
     */
    @Test
    void theGridAtAPlaceAgreesWithPostgisCovers() throws Exception {
        TownModel town = server.app().rings().network().town;
        java.util.List<double[]> points = pointsOverAndAround("grids", 7);
        int inGrid = 0;
        try (Connection c = server.database().connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(array_agg(id), '{}') FROM grids WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
            for (double[] p : points) {
                ps.setDouble(1, p[0]);
                ps.setDouble(2, p[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    java.util.List<Long> covering = java.util.Arrays.asList((Long[]) rs.getArray(1).getArray());
                    TownModel.Grid g = town.gridAt(p[0], p[1]);
                    if (covering.isEmpty()) {
                        assertThat(g).as("%.7f %.7f", p[0], p[1]).isNull();
                    } else {
                        assertThat(g).as("%.7f %.7f", p[0], p[1]).isNotNull();
                        assertThat(covering).as("%.7f %.7f", p[0], p[1]).contains(g.id());
                        inGrid++;
                    }
                }
            }
        }
        assertThat(inGrid).as("points in a grid").isBetween(300, points.size() - 100);
    }

    /**
     * The engine's "inside a town" (a plain pass over the outline the index picks) agrees with PostGIS's ST_Covers for
     * points spread over and around the town, and for the outline's own vertices, which a town covers.
     */
    @Test
    void insideATownAgreesWithPostgisCovers() throws Exception {
        TownModel town = server.app().rings().network().town;
        java.util.List<double[]> points = pointsOverAndAround("towns", 5);
        int inside = 0;
        try (Connection c = server.database().connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM towns WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)))")) {
            for (double[] p : points) {
                ps.setDouble(1, p[0]);
                ps.setDouble(2, p[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    boolean expected = rs.getBoolean(1);
                    assertThat(town.insideATown(p[0], p[1])).as("%.7f %.7f", p[0], p[1]).isEqualTo(expected);
                    if (expected) inside++;
                }
            }
        }
        assertThat(inside).as("points inside").isBetween(300, points.size() - 100);
    }

    /** Every 20th facility, named by id and by code (read in SQL), has the same isochrone; an id beyond them is unknown. */
    @Test
    void anIsochroneNamesItsFacilityByIdOrByCode() throws Exception {
        java.util.List<String[]> picks = new java.util.ArrayList<>();
        long maxId;
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, code, max(id) OVER () AS top FROM facilities ORDER BY id")) {
            long n = 0, top = 0;
            while (rs.next()) {
                if (n++ % 20 == 0) picks.add(new String[] {rs.getString("id"), rs.getString("code")});
                top = rs.getLong("top");
            }
            maxId = top;
        }
        assertThat(picks).hasSizeGreaterThan(5);
        for (String[] p : picks) {
            HttpResponse<String> byId = server.get("/api/isochrones?facility=" + p[0] + "&minutes=5");
            HttpResponse<String> byCode = server.get("/api/isochrones?facility=" + p[1] + "&minutes=5");
            assertThat(byId.statusCode()).as(p[1]).isEqualTo(byCode.statusCode());
            assertThat(byId.body()).as(p[1]).isEqualTo(byCode.body());
        }
        assertThat(server.get("/api/isochrones?facility=" + (maxId + 1)).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/isochrones?facility=" + picks.get(0)[1] + "X").statusCode()).isEqualTo(404);
    }

    @Test
    void suggestedSitesReallyBringTheirHouseholdsWithinFiveMinutes() throws Exception {
        JsonNode s = get("/api/coverage/suggestions?count=3");
        JsonNode list = s.get("suggestions");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.get(0).get("households").asInt()).isGreaterThanOrEqualTo(list.get(1).get("households").asInt());
        assertThat(s.get("shareAfter").asDouble()).isGreaterThan(s.get("shareBefore").asDouble());
        RingNetwork net = server.app().rings().network();
        JsonNode first = list.get(0);
        Snap site = net.snapper.snap(first.get("lon").asDouble(), first.get("lat").asDouble(), 1);
        for (JsonNode id : first.get("householdIds")) {
            double[] h = row("SELECT ST_X(geom), ST_Y(geom) FROM households WHERE id = " + id.asLong());
            Snap hs = net.snapper.snap(h[0], h[1], 500);
            double t = net.walkRouter.travelSeconds(hs, site) + RingNetwork.offNetwork(hs, 4.5);
            assertThat(t).as("household " + id).isLessThanOrEqualTo(300.001);
        }
        JsonNode gaps = get("/api/coverage/gaps");
        assertThat(gaps.get("features").size()).isPositive();
        assertThat(gaps.get("features").get(0).get("properties").get("households").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode layer = get("/api/coverage/households?bbox=106.30,29.30,106.40,29.40");
        assertThat(layer.get("features").size()).isPositive();
        assertThat(layer.get("features").get(0).get("properties").has("seconds")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/coverage/suggestions?count=0", "/api/coverage/households?bbox=1,2", "/api/rings/compliance?worst=-1"})
    void badCoverageParametersAre400(String path) throws Exception {
        assertThat(server.get(path).statusCode()).isEqualTo(400);
    }

    @Test
    void aPlaceCutOffFromTheNetworkIsReportedUnreachable() throws Exception {
        // an isolated footpath inside the town, away from every other road
        double[] p = row("""
            SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY id LIMIT 1 OFFSET 40) g""");
        double lon = p[0] + 0.0, lat = p[1];
        double dist = row(String.format(Locale.ROOT,
                "SELECT min(ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(%f,%f),4326)::geography)) FROM roads", lon, lat))[0];
        assertThat(dist).as("the chosen spot lies away from the roads").isGreaterThan(8);
        double d = Math.min(dist / 3, 30) / 111_320.0;
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(String.format(Locale.ROOT, """
                INSERT INTO road_nodes (geom) VALUES (ST_SetSRID(ST_MakePoint(%1$f - %3$f, %2$f), 4326)),
                                                     (ST_SetSRID(ST_MakePoint(%1$f + %3$f, %2$f), 4326))""", lon, lat, d));
            s.execute(String.format(Locale.ROOT, """
                INSERT INTO roads (class, length_m, source, target, geom)
                SELECT 'path', ST_Length(l::geography), (SELECT max(id) - 1 FROM road_nodes), (SELECT max(id) FROM road_nodes), l
                FROM (SELECT ST_SetSRID(ST_MakeLine(ST_MakePoint(%1$f - %3$f, %2$f), ST_MakePoint(%1$f + %3$f, %2$f)), 4326) l) x""",
                    lon, lat, d));
            c.commit();
        }
        JsonNode a = null;
        for (int i = 0; i < 50; i++) {
            a = nearest(lon, lat);
            if (!a.get("reachable").asBoolean()) break;
            Thread.sleep(100);
        }
        assertThat(a.get("reachable").asBoolean()).isFalse();
        assertThat(a.get("message").asText()).contains("cut off");
        assertThat(a.has("route")).isFalse();
    }
}
