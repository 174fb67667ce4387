package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VectorTilesTest {
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static double lon, lat;   // a point inside 白果村's first grid

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        try (var c = server.database().connection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids "
                     + "WHERE code = '500107109204001') x")) {
            rs.next();
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
        }
    }

    @AfterAll
    static void stop() { server.close(); }

    static TileCoord tileAt(int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new TileCoord(z, x, y);
    }

    static HttpResponse<byte[]> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String path(String set, TileCoord c) { return "/tiles/" + set + "/" + c.z() + "/" + c.x() + "/" + c.y() + ".mvt"; }

    @Test
    void aGridTileDecodesWithTheGridAndOnlyMapAttributes() throws Exception {
        HttpResponse<byte[]> r = fetch(path("grids", tileAt(15)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo(TileRoutes.MVT);
        Map<String, MvtReader.Layer> layers = MvtReader.read(r.body());
        assertThat(layers).containsOnlyKeys("grids");
        assertThat(layers.get("grids").features()).anySatisfy(f -> {
            assertThat(f.properties().get("code")).isEqualTo("500107109204001");
            assertThat(f.geometryType()).isEqualTo(3);
        });
        assertThat(layers.get("grids").features().get(0).properties()).doesNotContainKey("version");
    }

    @Test
    void theBasemapTileCarriesEveryMapLayer() throws Exception {
        HttpResponse<byte[]> r = fetch(path("basemap", tileAt(14)));
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, MvtReader.Layer> layers = MvtReader.read(r.body());
        assertThat(layers.keySet()).contains("villages", "grids", "roads", "households", "facilities");
        // below zoom 15 households come as density cells with a count
        assertThat(layers.get("households").features()).allSatisfy(f -> assertThat(f.properties()).containsKey("count"));
        long total = layers.get("households").features().stream().mapToLong(f -> ((Number) f.properties().get("count")).longValue()).sum();
        assertThat(total).isPositive();
    }

    @Test
    void emptyTilesAre204() throws Exception {
        assertThat(fetch("/tiles/grids/10/0/0.mvt").statusCode()).isEqualTo(204);
    }

    @Test
    void etagsGive304AndGzipIsOffered() throws Exception {
        String p = path("roads", tileAt(14));
        HttpResponse<byte[]> first = fetch(p);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
        assertThat(fetch(p, "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> gz = fetch(p, "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(first.body());
    }

    @Test
    void anEditDropsExactlyTheTilesItTouched() throws Exception {
        TileCoord here = tileAt(16);
        TileCoord far = new TileCoord(16, here.x() + 40, here.y() + 40);
        assertThat(fetch(path("grids", here)).statusCode()).isEqualTo(200);
        fetch(path("grids", far));
        fetch(path("basemap", here));
        TileCache cache = serverTiles().cache();
        assertThat(cache.contains("grids", here)).isTrue();
        assertThat(cache.contains("grids", far)).isTrue();

        try (var c = server.database().connection(); var s = c.createStatement()) {
            s.execute("UPDATE grids SET name = '白果村改名网格' WHERE code = '500107109204001'");
        }
        for (int i = 0; i < 50 && cache.contains("grids", here); i++) Thread.sleep(100);
        assertThat(cache.contains("grids", here)).as("tile of the edited grid is dropped").isFalse();
        assertThat(cache.contains("basemap", here)).isFalse();
        assertThat(cache.contains("grids", far)).as("a tile far away stays cached").isTrue();
        Map<String, MvtReader.Layer> fresh = MvtReader.read(fetch(path("grids", here)).body());
        assertThat(fresh.get("grids").features()).anySatisfy(f -> assertThat(f.properties().get("name")).isEqualTo("白果村改名网格"));
    }

    @Test
    void tileJsonDescribesTheLayers() throws Exception {
        JsonNode tj = TestServer.json(server.get("/tiles/basemap.json"));
        assertThat(tj.get("tilejson").asText()).isEqualTo("3.0.0");
        assertThat(tj.get("tiles").get(0).asText()).endsWith("/tiles/basemap/{z}/{x}/{y}.mvt");
        assertThat(tj.get("vector_layers").toString()).contains("\"grids\"", "\"facilities\"", "\"households\"");
        assertThat(tj.get("bounds").size()).isEqualTo(4);
    }

    static TileService serverTiles() throws Exception {
        return server.app().tiles();
    }
}
