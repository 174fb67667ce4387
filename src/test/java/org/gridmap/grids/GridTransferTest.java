package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridmap.db.Processes;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planners take grids to desktop GIS (GeoJSON, Shapefile, GeoPackage) and bring an edited file back as an edit set. */
class GridTransferTest {
    static TestServer server;
    static GridEditFixture f;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        f = new GridEditFixture(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    static byte[] download(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static HttpResponse<String> upload(String query, byte[] file, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/api/grids/import?" + query)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "application/octet-stream");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void exportsAreReadableByGdalInEveryFormat(@TempDir Path dir) throws Exception {
        JsonNode gj = GridEditFixture.JSON.readTree(download("/api/grids/export?village=500107109204&format=geojson"));
        assertThat(gj.get("features").size()).isEqualTo(18);
        assertThat(gj.get("features").get(0).get("properties").has("version")).isTrue();
        for (String fmt : List.of("gpkg", "shp")) {
            Path file = dir.resolve("grids." + (fmt.equals("shp") ? "zip" : fmt));
            Files.write(file, download("/api/grids/export?village=500107109204&format=" + fmt));
            String source = fmt.equals("shp") ? "/vsizip/" + file : file.toString();
            var info = Processes.run(List.of("ogrinfo", "-ro", "-al", "-so", source), 60);
            assertThat(info.exitCode()).as(info.output()).isZero();
            assertThat(info.output()).contains("Feature Count: 18");
        }
        assertThat(GridEditFixture.JSON.readTree(download("/api/grids/export")).get("features").size()).isEqualTo(117);
    }

    @Test
    void anEditedFileComesBackAsAnEditSetWithTheSameChecks(@TempDir Path dir) throws Exception {
        long village = f.scalar("SELECT id FROM villages WHERE code = '500107109202'");
        byte[] exported = download("/api/grids/export?village=500107109202&format=geojson");
        assertThat(upload("format=geojson", exported, f.planner).statusCode()).as("unchanged file").isEqualTo(422);

        // move a shared vertex in the file, as a desktop GIS user would
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> edits = (List<Map<String, Object>>) f.moveSharedVertex(new Random(4), village).get("edits");
        ObjectNode fc = (ObjectNode) GridEditFixture.JSON.readTree(exported);
        for (JsonNode feat : fc.get("features")) {
            for (Map<String, Object> e : edits) {
                if (feat.get("id").asLong() == ((Number) e.get("id")).longValue()) {
                    ((ObjectNode) feat).set("geometry", GridEditFixture.JSON.valueToTree(e.get("geometry")));
                }
            }
        }
        byte[] edited = GridEditFixture.JSON.writeValueAsBytes(fc);
        assertThat(upload("format=geojson", edited, null).statusCode()).isEqualTo(401);
        assertThat(upload("format=geojson", edited, f.staff).statusCode()).isEqualTo(403);
        String before = f.fingerprint();
        HttpResponse<String> preview = upload("format=geojson", edited, f.planner);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(GridEditFixture.json(preview).get("dryRun").asBoolean()).isTrue();
        assertThat(GridEditFixture.json(preview).get("grids").size()).isGreaterThanOrEqualTo(2);
        assertThat(f.fingerprint()).isEqualTo(before);

        // the same edit through a GeoPackage, committed
        Path gj = dir.resolve("edited.geojson"), gpkg = dir.resolve("edited.gpkg");
        Files.write(gj, edited);
        var conv = Processes.run(List.of("ogr2ogr", "-f", "GPKG", gpkg.toString(), gj.toString()), 60);
        assertThat(conv.exitCode()).as(conv.output()).isZero();
        HttpResponse<String> committed = upload("format=gpkg&dryRun=false&message=from+QGIS", Files.readAllBytes(gpkg), f.planner);
        assertThat(committed.statusCode()).as(committed.body()).isEqualTo(201);
        f.assertInvariants();
        // the same file again changes nothing; the original export, made before that edit, is now stale: a conflict
        assertThat(upload("format=geojson&dryRun=false", edited, f.planner).statusCode()).isEqualTo(422);
        HttpResponse<String> stale = upload("format=geojson&dryRun=false", exported, f.planner);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);

        // a current file whose shapes overlap is refused like any edit: the coverage check names the problems
        ObjectNode current = (ObjectNode) GridEditFixture.JSON.readTree(download("/api/grids/export?village=500107109202&format=geojson"));
        ArrayNode feats = (ArrayNode) current.get("features");
        ((ObjectNode) feats.get(0)).set("geometry", feats.get(1).get("geometry"));
        String before2 = f.fingerprint();
        HttpResponse<String> bad = upload("format=geojson&dryRun=false", GridEditFixture.JSON.writeValueAsBytes(current), f.planner);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
        assertThat(GridEditFixture.json(bad).get("problems").size()).as(bad.body()).isPositive();
        assertThat(f.fingerprint()).isEqualTo(before2);
    }
}
