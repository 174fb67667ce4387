package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Towns, villages, grids and roads are drawn from shapes generalised ahead (V25) up to zoom 13: a tile must carry the
 * same features with the same geometry as the full layer simplified for that zoom — drawn here in plain SQL from
 * the full rows — at every zoom, and an edit of a geometry (or of a road's class) shows in the next uncached tile.
 */
class GeneralisedTilesTest {
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static double lon, lat;   // a point inside 白果村's first grid

    /** Each layer as a tile drew it from the full rows: name, table, the zoom rule, the attribute compared. */
    record Full(String name, String table, String shownAt, String attribute) { }

    static final Full TOWNS = new Full("towns", "towns", "true", "code");
    static final Full VILLAGES = new Full("villages", "villages", ":z >= 9", "code");
    static final Full GRIDS = new Full("grids", "grids", ":z >= 11", "code");
    static final Full ROADS = new Full("roads", "roads",
            "(:z >= 14 OR (t.class = 'main' AND :z >= 10) OR (t.class = 'village' AND :z >= 12))", "class");

    @BeforeAll
    static void start() throws Exception {
        // no tile cache: every request renders, so "the next tile" is the next uncached one
        server = new TestServer(TestPostgis.newDemoDatabase(), Map.of("tile.cache.bytes", "0"));
        try (Connection c = server.database().connection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) p FROM grids "
                     + "WHERE code = '500107109204001') x")) {
            rs.next();
            lon = rs.getDouble("lon");
            lat = rs.getDouble("lat");
        }
    }

    @AfterAll
    static void stop() { server.close(); }

    static TileCoord tileAt(int z, int dx) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new TileCoord(z, x + dx, y);
    }

    /** id → (attribute, geometry commands) of a layer in a tile. */
    static Map<Long, Object> features(byte[] tile, String layer, String attribute) {
        Map<Long, Object> out = new HashMap<>();
        MvtReader.Layer l = tile.length == 0 ? null : MvtReader.read(tile).get(layer);
        if (l == null) return out;
        for (MvtReader.Feature f : l.features()) out.put(f.id(), Map.of("a", f.properties().get(attribute), "g", f.geometry()));
        return out;
    }

    /** The layer drawn from the full rows, simplified to half a tile unit, as a tile did before V25. */
    static Map<Long, Object> oracle(Connection c, Full f, TileCoord t) throws Exception {
        String sql = """
                WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS env,
                                  ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326) AS box)
                SELECT ST_AsMVT(q, '%s', 4096, 'geom', 'id') AS tile FROM (
                    SELECT t.id, t.%s AS "%s",
                           ST_AsMVTGeom(ST_Transform(ST_Simplify(t.geom, 180.0 / (4096 * 2 ^ ?)), 3857), b.env, 4096, 64, true) AS geom
                    FROM %s t, b WHERE t.geom && b.box AND %s) q
                WHERE q.geom IS NOT NULL""".formatted(f.name(), f.attribute(), f.attribute(), f.table(),
                f.shownAt().replace(":z", Integer.toString(t.z())));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 2; i++) {
                ps.setInt(3 * i + 1, t.z());
                ps.setInt(3 * i + 2, t.x());
                ps.setInt(3 * i + 3, t.y());
            }
            ps.setInt(7, t.z());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] b = rs.getBytes("tile");
                return features(b == null ? new byte[0] : b, f.name(), f.attribute());
            }
        }
    }

    static byte[] served(String set, TileCoord t) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url(
                "/tiles/" + set + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isIn(200, 204);
        return r.body();
    }

    static void assertSameAsFull(Connection c, String set, Full f, TileCoord t) throws Exception {
        assertThat(features(served(set, t), f.name(), f.attribute()))
                .as("%s in the %s tile %d/%d/%d", f.name(), set, t.z(), t.x(), t.y())
                .isEqualTo(oracle(c, f, t));
    }

    @Test
    void everyZoomDrawsTheFullLayersFeaturesWithTheirGeometry() throws Exception {
        int grids = 0, roads = 0;
        try (Connection c = server.database().connection()) {
            for (int z = 4; z <= 16; z++) {
                for (int dx = -1; dx <= 1; dx++) {
                    TileCoord t = tileAt(z, dx);
                    for (Full f : new Full[] {TOWNS, VILLAGES, GRIDS, ROADS}) assertSameAsFull(c, TileService.BASEMAP, f, t);
                    for (Full f : new Full[] {TOWNS, VILLAGES, GRIDS, ROADS}) assertSameAsFull(c, f.name(), f, t);
                    grids += oracle(c, GRIDS, t).size();
                    roads += oracle(c, ROADS, t).size();
                }
            }
        }
        assertThat(grids).as("grids drawn in the tiles compared").isGreaterThan(100);
        assertThat(roads).as("roads drawn in the tiles compared").isGreaterThan(100);
    }

    /** Below zoom 11 a grid is a few pixels: the villages carry those zooms, the grids' tiles and TileJSON say so. */
    @Test
    void gridsStartAtZoom11InEveryTileSetAndItsTileJson() throws Exception {
        for (int z = 6; z <= 13; z++) {
            for (String set : new String[] {TileService.BASEMAP, "grids"}) {
                Map<Long, Object> grids = features(served(set, tileAt(z, 0)), "grids", "code");
                if (z < 11) assertThat(grids).as("grids in the %s tile at zoom %d", set, z).isEmpty();
                else assertThat(grids).as("grids in the %s tile at zoom %d", set, z).isNotEmpty();
            }
            assertThat(features(served(TileService.BASEMAP, tileAt(z, 0)), z < 9 ? "towns" : "villages", "code"))
                    .as("villages (below zoom 9 towns) in the basemap tile at zoom %d", z).isNotEmpty();
        }
        for (String set : new String[] {TileService.BASEMAP, "grids"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/tiles/" + set + ".json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            var layers = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("vector_layers");
            boolean found = false;
            for (var l : layers) {
                if (l.get("id").asText().equals("grids")) {
                    assertThat(l.get("minzoom").asInt()).as("grids' minzoom in %s.json", set).isEqualTo(11);
                    found = true;
                }
            }
            assertThat(found).as("grids listed in %s.json", set).isTrue();
        }
    }

    /**
     * Below zoom 9 a city's tile covers hundreds of towns: their villages would be a smear that costs most of the tile,
     * so the towns carry those zooms. The villages' tiles and TileJSON say so, and the towns below are the full layer's.
     */
    @Test
    void villagesStartAtZoom9AndTownsCarryTheZoomsBelow() throws Exception {
        try (Connection c = server.database().connection()) {
            for (int z = 5; z <= 12; z++) {
                TileCoord t = tileAt(z, 0);
                for (String set : new String[] {TileService.BASEMAP, "villages"}) {
                    Map<Long, Object> villages = features(served(set, t), "villages", "code");
                    if (z < 9) assertThat(villages).as("villages in the %s tile at zoom %d", set, z).isEmpty();
                    else assertThat(villages).as("villages in the %s tile at zoom %d", set, z).isNotEmpty();
                }
                Map<Long, Object> towns = features(served(TileService.BASEMAP, t), "towns", "code");
                assertThat(towns).as("towns in the basemap tile at zoom %d", z).isNotEmpty().isEqualTo(oracle(c, TOWNS, t));
            }
        }
        for (String set : new String[] {TileService.BASEMAP, "villages"}) {
            assertThat(tileJsonMinZoom(set, "villages")).as("villages' minzoom in %s.json", set).isEqualTo(9);
        }
        assertThat(tileJsonMinZoom(TileService.BASEMAP, "towns")).as("towns' minzoom in basemap.json").isZero();
        assertThat(tileJsonMinZoom(TileService.BASEMAP, "grids")).as("grids' minzoom in basemap.json").isEqualTo(11);
    }

    /** Hazards' pins start at zoom 9 in the basemap and their own tiles; from there a tile has the place's hazards (SQL). */
    @Test
    void hazardPinsStartAtZoom9() throws Exception {
        var below = new java.util.concurrent.atomic.AtomicInteger();
        var from = new java.util.concurrent.atomic.AtomicInteger();
        try (Connection c = server.database().connection(); var s = c.createStatement()) {
            for (int z = 5; z <= 12; z++) {
                TileCoord t = tileAt(z, 0);
                long inTile;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM hazards WHERE geom && ST_Transform(ST_TileEnvelope("
                        + t.z() + ", " + t.x() + ", " + t.y() + "), 4326)")) {
                    rs.next();
                    inTile = rs.getLong(1);
                }
                if (inTile > 0) (z < LayerCatalog.HAZARDS_MIN_ZOOM ? below : from).incrementAndGet();
                for (String set : new String[] {TileService.BASEMAP, "hazards"}) {
                    Map<Long, Object> pins = features(served(set, t), "hazards", "code");
                    if (z < LayerCatalog.HAZARDS_MIN_ZOOM || inTile == 0) assertThat(pins).as("hazards in the %s tile at zoom %d", set, z).isEmpty();
                    else assertThat(pins).as("hazards in the %s tile at zoom %d", set, z).isNotEmpty();
                }
            }
        }
        assertThat(below.get()).as("zooms below 9 with hazards under the tile").isPositive();
        assertThat(from.get()).as("zooms from 9 with hazards under the tile").isPositive();
        for (String set : new String[] {TileService.BASEMAP, "hazards"}) {
            assertThat(tileJsonMinZoom(set, "hazards")).as("hazards' minzoom in %s.json", set).isEqualTo(9);
        }
    }

    /** A layer's minzoom in a tile set's TileJSON (fails when the layer is not listed). */
    static int tileJsonMinZoom(String set, String layer) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/tiles/" + set + ".json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        for (var l : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("vector_layers")) {
            if (l.get("id").asText().equals(layer)) return l.get("minzoom").asInt();
        }
        throw new AssertionError(layer + " not listed in " + set + ".json");
    }

    @Test
    void aRoadMovedOrMadeMainShowsInTheNextTile() throws Exception {
        try (Connection c = server.database().connection(); var s = c.createStatement()) {
            long road;
            try (ResultSet rs = s.executeQuery(String.format(java.util.Locale.ROOT,
                    "SELECT id FROM roads WHERE class = 'path' ORDER BY geom <-> ST_SetSRID(ST_MakePoint(%f, %f), 4326) LIMIT 1", lon, lat))) {
                rs.next();
                road = rs.getLong("id");
            }
            TileCoord z12 = tileAt(12, 0);
            assertThat(features(served(TileService.BASEMAP, z12), "roads", "class")).doesNotContainKey(road);
            try {
                s.executeUpdate("UPDATE roads SET class = 'main' WHERE id = " + road);
                Map<Long, Object> now = features(served(TileService.BASEMAP, z12), "roads", "class");
                assertThat(now).containsKey(road);
                assertSameAsFull(c, TileService.BASEMAP, ROADS, z12);

                Object before = features(served(TileService.BASEMAP, tileAt(13, 0)), "roads", "class").get(road);
                s.executeUpdate("UPDATE roads SET geom = ST_Translate(geom, 0.002, 0.001) WHERE id = " + road);
                for (int z = 10; z <= 13; z++) assertSameAsFull(c, TileService.BASEMAP, ROADS, tileAt(z, 0));
                assertThat(features(served(TileService.BASEMAP, tileAt(13, 0)), "roads", "class").get(road)).isNotEqualTo(before);
            } finally {
                s.executeUpdate("UPDATE roads SET class = 'path', geom = ST_Translate(geom, -0.002, -0.001) WHERE id = " + road);
            }
            assertThat(features(served(TileService.BASEMAP, z12), "roads", "class")).doesNotContainKey(road);
            assertSameAsFull(c, TileService.BASEMAP, ROADS, tileAt(13, 0));
        }
    }

    /**
     * A grid and its village reshaped, and a road deleted, inside the writing transaction (grids must tile their village at commit, so
     * the edit is rolled back): the tile drawn on that transaction already has the new shapes.
     */
    @Test
    void aReshapedGridAndVillageShowInTheWritingTransaction() throws Exception {
        try (Connection c = server.database().connection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                TileCoord t = tileAt(13, 0);
                Layer grids = new LayerCatalog().find("grids").orElseThrow();
                String gridSql = FeatureSql.tile(TileService.layerExpressions(grids));
                String baseSql = FeatureSql.tile(TileService.layerExpressions(new LayerCatalog().find("villages").orElseThrow()));
                long grid;
                try (ResultSet rs = s.executeQuery("SELECT id FROM grids WHERE code = '500107109204001'")) {
                    rs.next();
                    grid = rs.getLong("id");
                }
                Object before = features(TileService.render(c, gridSql, t), "grids", "code").get(grid);
                s.executeUpdate("UPDATE grids SET geom = ST_Multi(ST_Buffer(geom, -0.0004)) WHERE id = " + grid);
                s.executeUpdate("UPDATE villages SET geom = ST_Multi(ST_Buffer(geom, -0.0004)) "
                        + "WHERE id = (SELECT village_id FROM grids WHERE id = " + grid + ")");
                Map<Long, Object> after = features(TileService.render(c, gridSql, t), "grids", "code");
                assertThat(after.get(grid)).isNotNull().isNotEqualTo(before);
                assertThat(after).isEqualTo(oracle(c, GRIDS, t));
                for (int z = 6; z <= 13; z++) {
                    TileCoord v = tileAt(z, 0);
                    assertThat(features(TileService.render(c, baseSql, v), "villages", "code")).isEqualTo(oracle(c, VILLAGES, v));
                }
                String roadSql = FeatureSql.tile(TileService.layerExpressions(new LayerCatalog().find("roads").orElseThrow()));
                Map<Long, Object> roads = features(TileService.render(c, roadSql, t), "roads", "class");
                long gone = roads.keySet().iterator().next();
                s.executeUpdate("DELETE FROM roads WHERE id = " + gone);
                assertThat(features(TileService.render(c, roadSql, t), "roads", "class"))
                        .doesNotContainKey(gone).hasSize(roads.size() - 1).isEqualTo(oracle(c, ROADS, t));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
