package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errands on the map: the public per-grid layer and its tiles, the staff layer scoped to the account, and one
 * errand's path. The oracles are plain SQL written here (counts per grid, facility coordinates, tile envelopes)
 * and the errand API's own answers (deadlines, hand-offs); the tiles are decoded by {@link MvtReader}.
 */
class ErrandMapTest {
    private static final int Z = 13;
    private static ErrandTown town;
    private static String late, fresh, atGrid, inTransit;
    private static Instant filedLate;

    @BeforeAll
    static void start() throws Exception {
        town = new ErrandTown();
        filedLate = town.clock.instant();
        late = town.file("pension_claim", false, "100-0000-3101").get("number").asText();
        town.clock.advance(Duration.ofHours(30));   // the point had 1 day: late is 6 hours overdue
        fresh = town.file("pension_claim", false, "100-0000-3102").get("number").asText();
        atGrid = town.file("pension_claim", false, "100-0000-3103").get("number").asText();
        long h = town.handOff(atGrid, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer).get("id").asLong();
        town.confirm(atGrid, h, 200, town.leader);
        inTransit = town.file("pension_claim", false, "100-0000-3104").get("number").asText();
        long h2 = town.handOff(inTransit, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer).get("id").asLong();
        town.confirm(inTransit, h2, 200, town.leader);
        town.clock.advance(Duration.ofHours(2));
        town.handOff(inTransit, "station", "\"to_user\":\"st\"", 201, town.leader);
        town.clock.advance(Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        if (town != null) town.close();
    }

    /** Open and overdue errands per grid counted here, independently of the server's query. */
    private static Map<String, long[]> countsPerGrid(String extraWhere) throws Exception {
        String now = "'" + town.clock.instant() + "'::timestamptz";
        Map<String, long[]> out = new HashMap<>();
        try (Connection c = town.server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT g.code, count(*) AS open, sum(CASE WHEN EXISTS (SELECT 1 FROM "
                     + "errand_handoffs h WHERE h.errand_id = e.id AND h.confirmed_at IS NULL AND h.receiver_due_at < " + now
                     + ") OR (NOT EXISTS (SELECT 1 FROM errand_handoffs h WHERE h.errand_id = e.id AND h.confirmed_at IS NULL) "
                     + "AND e.stage_due_at < " + now + ") THEN 1 ELSE 0 END) AS overdue FROM errands e "
                     + "JOIN grids g ON g.id = e.grid_id WHERE e.stage <> 'returned' AND e.stage <> 'closed' "
                     + extraWhere + " GROUP BY g.code")) {
            while (rs.next()) out.put(rs.getString("code"), new long[] {rs.getLong("open"), rs.getLong("overdue")});
        }
        return out;
    }

    private static byte[] bytes(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(town.server.url(path)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    /** The zoom-13 tile holding a place, as [x, y]. */
    private static int[] tileOf(double lon, double lat) {
        int n = 1 << Z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new int[] {x, y};
    }

    private static double[] lonLat(String sql) throws Exception {
        try (Connection c = town.server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    private static Map<String, JsonNode> byProperty(JsonNode collection, String property) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode f : collection.get("features")) out.put(f.get("properties").get(property).asText(), f);
        return out;
    }

    @Test
    void thePublicLayerCountsOpenAndOverdueErrandsPerGridAndItsTilesAgree() throws Exception {
        Map<String, long[]> expected = countsPerGrid("");
        assertThat(expected.get(town.gridCode)[0]).isGreaterThanOrEqualTo(4);
        assertThat(expected.get(town.gridCode)[1]).isGreaterThanOrEqualTo(1);

        HttpResponse<String> r = town.send("GET", "/api/errands/map/grids", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/geo+json");
        JsonNode layer = TestServer.json(r);
        Map<String, JsonNode> grids = byProperty(layer, "grid");
        assertThat(grids.keySet()).isEqualTo(expected.keySet());
        expected.forEach((code, counts) -> {
            assertThat(grids.get(code).get("properties").get("open").asLong()).as(code).isEqualTo(counts[0]);
            assertThat(grids.get(code).get("properties").get("overdue").asLong()).as(code).isEqualTo(counts[1]);
            assertThat(grids.get(code).get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
        });
        // aggregated: no errand number, no resident
        assertThat(r.body()).doesNotContain(late).doesNotContain("测试居民").doesNotContain("3101");
        String village = town.gridCode.substring(0, 12);
        JsonNode one = town.expect(200, "GET", "/api/errands/map/grids?village=" + village, null, null);
        assertThat(byProperty(one, "grid").keySet()).isEqualTo(countsPerGrid("AND g.code LIKE '" + village + "%'").keySet());

        // the tile holding the grid: each feature's counts are the grid's, and it holds the grids it should
        double[] p = lonLat("SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM grids WHERE id = " + town.gridId);
        int[] xy = tileOf(p[0], p[1]);
        MvtReader.Layer tile = MvtReader.read(bytes("/api/errands/map/grids/" + Z + "/" + xy[0] + "/" + xy[1] + ".mvt", null))
                .get("errand_grids");
        Map<String, long[]> inTile = new HashMap<>();
        for (MvtReader.Feature f : tile.features()) {
            inTile.put((String) f.properties().get("grid"), new long[] {((Number) f.properties().get("open")).longValue(),
                    ((Number) f.properties().get("overdue")).longValue()});
        }
        assertThat(inTile).containsKey(town.gridCode);
        inTile.forEach((code, counts) -> assertThat(counts).as(code).containsExactly(expected.get(code)));
        String env = "ST_Transform(ST_TileEnvelope(" + Z + ", " + xy[0] + ", " + xy[1] + "%s), 4326)";
        Set<String> within = countsPerGrid("AND ST_Area(ST_Intersection(g.geom, " + String.format(env, "")
                + ")::geography) > 1000").keySet();
        Set<String> near = countsPerGrid("AND ST_Intersects(g.geom, " + String.format(env, ", margin => 64.0 / 4096")
                + ")").keySet();
        assertThat(inTile.keySet()).containsAll(within);
        assertThat(near).containsAll(inTile.keySet());
    }

    @Test
    void staffSeeTheErrandsOfTheirScopeEachAtItsHoldersPlaceAndNothingPersonal() throws Exception {
        assertThat(town.send("GET", "/api/errands/map/open", null, null).statusCode()).isEqualTo(401);
        assertThat(town.send("GET", "/api/errands/map/open/13/0/0.mvt", null, null).statusCode()).isEqualTo(401);
        // an account of another trade is refused: the layer is the staff's
        new org.gridmap.accounts.UserStore(town.server.database().dataSource(), new org.gridmap.accounts.PasswordHasher(4))
                .create("pl", org.gridmap.accounts.Role.PLANNER, "pl-password-1".toCharArray());
        String planner = town.login("pl", "pl-password-1");
        assertThat(town.send("GET", "/api/errands/map/open", null, planner).statusCode()).isEqualTo(403);
        assertThat(town.send("GET", "/api/errands/" + late + "/path", null, planner).statusCode()).isEqualTo(403);

        HttpResponse<String> r = town.send("GET", "/api/errands/map/open", null, town.volunteer);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("测试居民").doesNotContain("3101").doesNotContain("腿脚不便");
        Map<String, JsonNode> mine = byProperty(TestServer.json(r), "number");
        assertThat(mine).containsKeys(late, fresh, atGrid, inTransit);
        // the volunteer serves in one grid and holds nothing elsewhere: every errand shown is of that grid
        assertThat(mine.values()).allMatch(f -> f.get("properties").get("grid").asText().equals(town.gridCode));
        assertThat(mine).hasSize((int) countsPerGrid("AND g.id = " + town.gridId).get(town.gridCode)[0]);

        // late: at the service point it was filed at, 6 hours past the point's deadline
        JsonNode lateOne = mine.get(late);
        double[] point = lonLat("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE code = '" + town.pointCode + "'");
        assertThat(lateOne.get("geometry").get("coordinates").get(0).asDouble()).isCloseTo(point[0], org.assertj.core.data.Offset.offset(1e-7));
        assertThat(lateOne.get("geometry").get("coordinates").get(1).asDouble()).isCloseTo(point[1], org.assertj.core.data.Offset.offset(1e-7));
        Instant due = Instant.parse(town.expect(200, "GET", "/api/errands/" + late, null, town.volunteer).get("stageDueAt").asText());
        assertThat(due).isEqualTo(filedLate.plus(Duration.ofDays(1)));
        assertThat(lateOne.get("properties").get("overdue").asBoolean()).isTrue();
        assertThat(lateOne.get("properties").get("hoursLate").asDouble())
                .isEqualTo(Duration.between(due, town.clock.instant()).toMinutes() / 60.0);
        assertThat(mine.get(fresh).get("properties").get("overdue").asBoolean()).isFalse();
        assertThat(mine.get(fresh).get("properties").get("hoursLate").asDouble()).isZero();

        // with the grid leader: at the grid's hub; in transit to the station: still at the hub, going to the station
        double[] hub = lonLat("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE level = 'grid' AND grid_id = " + town.gridId);
        for (String n : List.of(atGrid, inTransit)) {
            assertThat(mine.get(n).get("geometry").get("coordinates").get(0).asDouble()).isCloseTo(hub[0], org.assertj.core.data.Offset.offset(1e-7));
            assertThat(mine.get(n).get("properties").get("placeLevel").asText()).isEqualTo("grid");
        }
        assertThat(mine.get(inTransit).get("properties").get("transitTo").asText()).isEqualTo("station");

        // the station's cadre sees what is being handed to them, nothing else; an account with no part sees nothing
        Set<String> station = byProperty(town.expect(200, "GET", "/api/errands/map/open", null, town.station), "number").keySet();
        assertThat(station).containsExactly(inTransit);
        assertThat(town.expect(200, "GET", "/api/errands/map/open", null, town.department).get("features")).isEmpty();
        // an admin sees every open errand
        assertThat(town.expect(200, "GET", "/api/errands/map/open", null, town.admin).get("features").size())
                .isEqualTo((int) countsPerGrid("").values().stream().mapToLong(c -> c[0]).sum());

        // the staff tile holds the same errands with the same flags
        int[] xy = tileOf(point[0], point[1]);
        MvtReader.Layer tile = MvtReader.read(bytes("/api/errands/map/open/" + Z + "/" + xy[0] + "/" + xy[1] + ".mvt",
                town.volunteer)).get("errands");
        Map<String, Object> overdueInTile = new HashMap<>();
        for (MvtReader.Feature f : tile.features()) overdueInTile.put((String) f.properties().get("number"), f.properties().get("overdue"));
        assertThat(overdueInTile).containsKeys(late, fresh);
        assertThat(mine.keySet()).containsAll(overdueInTile.keySet());
        overdueInTile.forEach((n, o) -> assertThat(o).as(n).isEqualTo(mine.get(n).get("properties").get("overdue").asBoolean()));
    }

    @Test
    void thePathShowsWhereTheErrandWentAndWhenForThoseWhoMayReadIt() throws Exception {
        JsonNode path = town.expect(200, "GET", "/api/errands/" + inTransit + "/path", null, town.volunteer);
        JsonNode errand = town.expect(200, "GET", "/api/errands/" + inTransit, null, town.volunteer);
        assertThat(path.get("number").asText()).isEqualTo(inTransit);
        List<JsonNode> places = new java.util.ArrayList<>();
        List<JsonNode> hops = new java.util.ArrayList<>();
        for (JsonNode f : path.get("features")) (f.get("properties").get("kind").asText().equals("hop") ? hops : places).add(f);
        assertThat(places).extracting(f -> f.get("properties").get("stage").asText()).containsExactly("filed", "grid", "station");
        assertThat(hops).hasSize(2);
        double[] point = lonLat("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE code = '" + town.pointCode + "'");
        double[] hub = lonLat("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE level = 'grid' AND grid_id = " + town.gridId);
        double[] station = lonLat("SELECT ST_X(f.geom), ST_Y(f.geom) FROM facilities f JOIN grids g ON g.village_id = f.village_id "
                + "WHERE f.level = 'station' AND g.id = " + town.gridId);
        JsonNode first = hops.get(0).get("geometry").get("coordinates");
        assertThat(first.get(0).get(0).asDouble()).isCloseTo(point[0], org.assertj.core.data.Offset.offset(1e-7));
        assertThat(first.get(1).get(0).asDouble()).isCloseTo(hub[0], org.assertj.core.data.Offset.offset(1e-7));
        JsonNode second = hops.get(1).get("geometry").get("coordinates");
        assertThat(second.get(1).get(0).asDouble()).isCloseTo(station[0], org.assertj.core.data.Offset.offset(1e-7));
        assertThat(second.get(1).get(1).asDouble()).isCloseTo(station[1], org.assertj.core.data.Offset.offset(1e-7));
        for (int i = 0; i < 2; i++) {
            JsonNode h = errand.get("handoffs").get(i);
            JsonNode hp = hops.get(i).get("properties");
            assertThat(hp.get("handoff").asLong()).isEqualTo(h.get("id").asLong());
            assertThat(hp.get("sentAt").asText()).isEqualTo(h.get("sentAt").asText());
            assertThat(hp.get("confirmedAt").isNull()).isEqualTo(h.get("confirmedAt").isNull());
            assertThat(hp.get("late").asBoolean()).isEqualTo(h.get("late").asBoolean());
        }
        // the grid leader held it from the moment they confirmed; the hand-off to the station waits for the cadre
        assertThat(places.get(1).get("properties").get("arrivedAt").asText()).isEqualTo(errand.get("handoffs").get(0).get("confirmedAt").asText());
        assertThat(places.get(1).get("properties").get("current").asBoolean()).isTrue();
        assertThat(places.get(2).get("properties").get("pending").asBoolean()).isTrue();
        assertThat(hops.get(1).get("properties").get("inTransit").asBoolean()).isTrue();
        // the point's day had run out 30 hours after the first errand: this one was sent to the grid in time
        assertThat(hops.get(0).get("properties").get("late").asBoolean()).isFalse();

        assertThat(town.send("GET", "/api/errands/" + inTransit + "/path", null, null).statusCode()).isEqualTo(401);
        assertThat(town.send("GET", "/api/errands/" + inTransit + "/path", null, town.department).statusCode()).isEqualTo(403);
        assertThat(town.send("GET", "/api/errands/E20261102AAAAAAAAAA/path", null, town.volunteer).statusCode()).isEqualTo(404);
        // without Accept-Language the refusal is in Chinese, the code unchanged
        HttpResponse<String> zh = town.sendUnspecified("GET", "/api/errands/" + inTransit + "/path", null, town.department);
        assertThat(TestServer.json(zh).get("error").asText()).isEqualTo("forbidden");
        assertThat(TestServer.json(zh).get("message").asText()).contains("只有");
    }

    /**
     * A station's view: the head of the village's station (a position, not a grid's staff entry) sees every open
     * errand of the village's grids on the map, the late one flagged, as counted here from the errands themselves.
     */
    @Test
    void aStationHeadSeesEveryOpenErrandOfTheVillageAndWhatIsLate() throws Exception {
        new org.gridmap.accounts.UserStore(town.server.database().dataSource(), new org.gridmap.accounts.PasswordHasher(4))
                .create("st-head", org.gridmap.accounts.Role.STAFF, "st-head-password-1".toCharArray());
        String head = town.login("st-head", "st-head-password-1");
        assertThat(town.expect(200, "GET", "/api/errands/map/open", null, head).get("features")).isEmpty();
        String village = town.gridCode.substring(0, 12);
        long position = town.expect(201, "POST", "/api/errands/positions", "{\"kind\":\"station\",\"user\":\"st-head\","
                + "\"village\":\"" + village + "\",\"head\":true,\"title\":\"站长\",\"name\":\"测试站长\","
                + "\"phone\":\"100-0000-3009\"}", town.admin).get("id").asLong();
        try {
            Map<String, JsonNode> seen = byProperty(town.expect(200, "GET", "/api/errands/map/open", null, head), "number");
            long open = countsPerGrid("AND g.code LIKE '" + village + "%'").values().stream().mapToLong(c -> c[0]).sum();
            assertThat(seen).hasSize((int) open).containsKey(late);
            assertThat(seen.values()).allMatch(f -> f.get("properties").get("village").asText().equals(village));
            assertThat(seen.get(late).get("properties").get("overdue").asBoolean()).isTrue();
        } finally {
            town.expect(204, "DELETE", "/api/errands/positions/" + position, null, town.admin);
        }
        assertThat(town.expect(200, "GET", "/api/errands/map/open", null, head).get("features")).isEmpty();
    }

    @Test
    void badParametersAreRefusedClearly() throws Exception {
        JsonNode unknown = town.expect(400, "GET", "/api/errands/map/grids?bbox=1,2,3,4", null, null);
        assertThat(unknown.get("message").asText()).contains("bbox");
        town.expect(400, "GET", "/api/errands/map/grids?village=12", null, null);
        town.expect(404, "GET", "/api/errands/map/grids?village=999999999999", null, null);
        town.expect(400, "GET", "/api/errands/map/grids/33/0/0.mvt", null, null);
        town.expect(404, "GET", "/api/errands/map/grids/13/0/0.png", null, null);
        HttpResponse<String> empty = town.send("GET", "/api/errands/map/grids/13/0/0.mvt", null, null);
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(new HashSet<>(List.of(empty.headers().firstValue("Cache-Control").orElseThrow()))).containsExactly("no-cache");
    }
}
