package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TileJSON says what the tiles hold: zoom ranges that nest, a center inside them, and fields equal to the attributes. */
class TileJsonTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static TestServer server;

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newDemoDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    static int x(double lon, int z) { return (int) Math.floor((lon + 180) / 360 * (1 << z)); }

    static int y(double lat, int z) {
        double r = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    /** Attribute names per layer, read from the real tiles of columns x0..x1 and rows y0..y1 at zoom z. */
    static void collect(String set, int z, int x0, int x1, int y0, int y1, Map<String, Set<String>> into) throws Exception {
        for (int x = x0; x <= x1; x++) {
            for (int y = y0; y <= y1; y++) {
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url(
                        "/tiles/" + set + "/" + z + "/" + x + "/" + y + ".mvt"))).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isIn(200, 204);
                if (r.statusCode() == 204) continue;
                MvtReader.read(r.body()).forEach((name, layer) -> layer.features().forEach(f ->
                        into.computeIfAbsent(name, k -> new TreeSet<>()).addAll(f.properties().keySet())));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basemap", "towns", "villages", "grids", "service-points", "roads", "households", "hazards"})
    void tileJsonAgreesWithTheTiles(String set) throws Exception {
        JsonNode tj = TestServer.json(server.get("/tiles/" + set + ".json"));
        int min = tj.get("minzoom").asInt(), max = tj.get("maxzoom").asInt();
        assertThat(min).isLessThanOrEqualTo(max);
        JsonNode center = tj.get("center"), bounds = tj.get("bounds");
        assertThat(center.get(2).asInt()).as("center zoom").isBetween(min, max);
        assertThat(center.get(0).asDouble()).isBetween(bounds.get(0).asDouble(), bounds.get(2).asDouble());
        assertThat(center.get(1).asDouble()).isBetween(bounds.get(1).asDouble(), bounds.get(3).asDouble());

        Map<String, Set<String>> seen = new HashMap<>();
        double w = bounds.get(0).asDouble(), s = bounds.get(1).asDouble(), e = bounds.get(2).asDouble(), n = bounds.get(3).asDouble();
        collect(set, 12, x(w, 12), x(e, 12), y(n, 12), y(s, 12), seen);   // the whole town at zoom 12
        int cx = x(center.get(0).asDouble(), 15), cy = y(center.get(1).asDouble(), 15);
        collect(set, 15, cx - 2, cx + 1, cy - 2, cy + 1, seen);           // and its middle at zoom 15

        Map<String, Set<String>> declared = new HashMap<>();
        for (JsonNode vl : tj.get("vector_layers")) {
            String id = vl.get("id").asText();
            assertThat(vl.get("minzoom").asInt()).as(id + " minzoom").isGreaterThanOrEqualTo(min);
            assertThat(vl.get("maxzoom").asInt()).as(id + " maxzoom").isLessThanOrEqualTo(max);
            Set<String> fields = new TreeSet<>();
            vl.get("fields").fieldNames().forEachRemaining(fields::add);
            declared.put(id, fields);
        }
        assertThat(seen.keySet()).as("layers in the tiles").isSubsetOf(declared.keySet());
        for (String layer : seen.keySet()) {
            assertThat(declared.get(layer)).as(set + ": fields of " + layer).isEqualTo(seen.get(layer));
        }
        assertThat(seen).as("tiles read").isNotEmpty();
        if (set.equals("households")) assertThat(seen.get("households")).containsExactlyInAnyOrder("count", "members");
        assertThat(List.copyOf(seen.keySet())).isNotEmpty();
    }
}
