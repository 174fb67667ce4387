package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tiles and features: gzip and identity are different representations with their own ETags; If-None-Match: * is 304. */
class RepresentationsTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static TestServer server;

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newDemoDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    static HttpResponse<byte[]> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tiles/basemap/13/6515/3396.mvt", "/ogc/collections/grids/items?limit=20",
        "/ogc/collections/hazards/items/1"})
    void gzipAndIdentityHaveTheirOwnEtags(String path) throws Exception {
        HttpResponse<byte[]> identity = fetch(path);
        HttpResponse<byte[]> gzip = fetch(path, "Accept-Encoding", "gzip");
        assertThat(identity.statusCode()).as(path).isEqualTo(200);
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
        String plainTag = identity.headers().firstValue("ETag").orElseThrow();
        String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipTag).isNotEqualTo(plainTag);
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
        if (path.endsWith(".mvt")) assertThat(unzipped).isEqualTo(identity.body());
        else assertThat(new String(unzipped).replaceAll("\"timeStamp\":\"[^\"]*\"", ""))
                .isEqualTo(new String(identity.body()).replaceAll("\"timeStamp\":\"[^\"]*\"", ""));

        // each tag validates its own representation only
        assertThat(fetch(path, "If-None-Match", plainTag).statusCode()).isEqualTo(304);
        assertThat(fetch(path, "If-None-Match", gzipTag, "Accept-Encoding", "gzip").statusCode()).isEqualTo(304);
        assertThat(fetch(path, "If-None-Match", plainTag, "Accept-Encoding", "gzip").statusCode()).isEqualTo(200);
        assertThat(fetch(path, "If-None-Match", gzipTag).statusCode()).isEqualTo(200);
        // a list naming it, a weak form of it, and * all match
        assertThat(fetch(path, "If-None-Match", "\"other\", W/" + plainTag).statusCode()).isEqualTo(304);
        for (List<String> h : List.of(List.of("If-None-Match", "*"), List.of("If-None-Match", "*", "Accept-Encoding", "gzip"))) {
            HttpResponse<byte[]> star = fetch(path, h.toArray(String[]::new));
            assertThat(star.statusCode()).as(path + " " + h).isEqualTo(304);
            assertThat(star.body()).isEmpty();
        }
    }
}
