package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Household density comes from cells aggregated ahead of the requests: a tile's dots add up to exactly the
 * households inside the tile (counted here in plain SQL), at every density zoom, and follow inserts, moves and deletes.
 */
class DensityTilesTest {
    static TestServer server;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static double lon, lat;
    static long grid;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, grid_id FROM households "
                     + "WHERE grid_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 5000")) {
            rs.next();
            lon = rs.getDouble("lon");
            lat = rs.getDouble("lat");
            grid = rs.getLong("grid_id");
        }
    }

    @AfterAll
    static void stop() { server.close(); }

    /** Households and members inside the tile, by their Web Mercator coordinates (a cell belongs to the tile it lies in). */
    static long[] oracle(int z, int x, int y) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(String.format(java.util.Locale.ROOT, """
                     SELECT count(*) AS n, coalesce(sum(members), 0) AS m FROM households h,
                            LATERAL (SELECT ST_Transform(h.geom, 3857) AS p) q, LATERAL (SELECT ST_TileEnvelope(%d, %d, %d) AS e) t
                     WHERE ST_X(q.p) >= ST_XMin(t.e) AND ST_X(q.p) < ST_XMax(t.e)
                       AND ST_Y(q.p) >= ST_YMin(t.e) AND ST_Y(q.p) < ST_YMax(t.e)""", z, x, y))) {
            rs.next();
            return new long[] {rs.getLong("n"), rs.getLong("m")};
        }
    }

    static long[] tile(String set, int z, int x, int y) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.url("/tiles/" + set + "/" + z + "/" + x + "/" + y + ".mvt")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 204) return new long[] {0, 0};
        assertThat(r.statusCode()).isEqualTo(200);
        MvtReader.Layer households = MvtReader.read(r.body()).get("households");
        if (households == null) return new long[] {0, 0};
        long n = 0, m = 0;
        for (MvtReader.Feature f : households.features()) {
            n += ((Number) f.properties().get("count")).longValue();
            m += ((Number) f.properties().get("members")).longValue();
        }
        return new long[] {n, m};
    }

    static int tileX(int z) { return (int) Math.floor((lon + 180) / 360 * (1 << z)); }

    static int tileY(int z) {
        double r = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    @Test
    void everyDensityZoomAddsUpToTheHouseholdsInTheTile() throws Exception {
        for (int z = 6; z <= 14; z++) {
            long[] expected = oracle(z, tileX(z), tileY(z));
            assertThat(expected[0]).isPositive();
            assertThat(tile("basemap", z, tileX(z), tileY(z))).as("zoom %d", z).containsExactly(expected);
            assertThat(tile("households", z, tileX(z), tileY(z))).as("zoom %d", z).containsExactly(expected);
        }
    }

    @Test
    void theDensityFollowsInsertsMovesAndDeletes() throws Exception {
        int z = 13, x = tileX(z), y = tileY(z);
        long[] before = tile("basemap", z, x, y);
        assertThat(before).containsExactly(oracle(z, x, y));
        String point = String.format(java.util.Locale.ROOT, "ST_SetSRID(ST_MakePoint(%.9f, %.9f), 4326)", lon, lat);
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO households (members, grid_id, geom) SELECT 3, " + grid + ", " + point
                    + " FROM generate_series(1, 7)");
            assertThat(awaitTile(z, x, y, before[0] + 7)).containsExactly(before[0] + 7, before[1] + 21);
            // one of them moves 1° east, out of the tile
            s.executeUpdate("UPDATE households SET geom = ST_Translate(geom, 1, 0) WHERE id = (SELECT max(id) FROM households)");
            assertThat(awaitTile(z, x, y, before[0] + 6)).containsExactly(before[0] + 6, before[1] + 18);
            assertThat(tile("basemap", z, x, y)).containsExactly(oracle(z, x, y));
            s.executeUpdate("DELETE FROM households WHERE id > (SELECT max(id) - 7 FROM households)");
            assertThat(awaitTile(z, x, y, before[0])).containsExactly(before);
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS zooms FROM (SELECT z, sum(households) AS n FROM household_density "
                    + "GROUP BY z) d WHERE d.n = (SELECT count(*) FROM households)")) {
                rs.next();
                assertThat(rs.getInt("zooms")).as("zooms whose cells add up to every household").isEqualTo(15);
            }
        }
    }

    @Test
    void aGridEditThatMovesNoHouseholdLeavesTheCellsAlone() throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            String cells = "SELECT md5(string_agg(concat_ws(',', z, tx, ty, cx, cy, households, members, sum_x, sum_y), ';' "
                    + "ORDER BY z, tx, ty, cx, cy)) AS h FROM household_density";
            String before;
            try (ResultSet rs = s.executeQuery(cells)) {
                rs.next();
                before = rs.getString("h");
            }
            assertThat(s.executeUpdate("UPDATE households SET grid_id = grid_id WHERE grid_id = " + grid)).isPositive();
            try (ResultSet rs = s.executeQuery(cells)) {
                rs.next();
                assertThat(rs.getString("h")).isEqualTo(before);
            }
        }
    }

    private static long[] awaitTile(int z, int x, int y, long households) throws Exception {
        long[] t = tile("basemap", z, x, y);
        for (int i = 0; i < 50 && t[0] != households; i++) {
            Thread.sleep(100);
            t = tile("basemap", z, x, y);
        }
        return t;
    }

}
