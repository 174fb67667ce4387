package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gridmap.db.Processes;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An uploaded grid file is read as the format it claims and nothing else: no VRT reading the server's files,
 * no request leaving the server, no zip bomb, no path echoed back.
 */
class GridImportSecurityTest {
    static TestServer server;
    static GridEditFixture f;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String VILLAGE = "500107109204";

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        f = new GridEditFixture(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    static HttpResponse<String> upload(String format, byte[] file) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.url("/api/grids/import?dryRun=true&format=" + format)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + f.planner).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static byte[] download(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) out.put(e.getName(), z.readAllBytes());
        }
        return out;
    }

    /** A refusal in the one error shape, with the given status and code, that quotes nothing it must not. */
    static void assertRefused(HttpResponse<String> r, int status, String code, String... mustNotContain) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = TestServer.json(r);
        assertThat(body.path("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        String tmp = System.getProperty("java.io.tmpdir");
        assertThat(r.body()).doesNotContain("gridmap-import", "in.gpkg", "in.geojson", "in.shp", tmp.endsWith("/") ? tmp : tmp + "/");
        for (String s : mustNotContain) assertThat(r.body()).doesNotContain(s);
    }

    /** A VRT whose one layer is the layer {@code layer} of {@code source}. */
    static String vrt(String source, String layer) {
        return "<OGRVRTDataSource><OGRVRTLayer name=\"" + layer + "\"><SrcDataSource>" + source
                + "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>";
    }

    @Test
    void aVrtPassedOffAsAnyFormatReadsNoFileOfTheServer(@TempDir Path dir) throws Exception {
        String marker = "SECRET-" + UUID.randomUUID();
        Path secret = dir.resolve("secret.csv");
        Files.writeString(secret, "code,name\n" + marker + ",x\n");
        byte[] vrt = vrt("CSV:" + secret, "secret").getBytes(StandardCharsets.UTF_8);
        // an independent check that the VRT does read the file when GDAL is free to pick the driver
        Path probe = Files.write(dir.resolve("probe.gpkg"), vrt);
        assertThat(Processes.run(List.of("ogrinfo", "-ro", "-al", probe.toString()), 60).output()).contains(marker);

        assertRefused(upload("geojson", vrt), 415, "wrong_format", marker);
        assertRefused(upload("gpkg", vrt), 415, "wrong_format", marker);
        Map<String, byte[]> shp = unzip(download("/api/grids/export?village=" + VILLAGE + "&format=shp"));
        assertRefused(upload("shp", zip(Map.of("grids.shp", vrt, "grids.shx", shp.get("grids.shx"), "grids.dbf", shp.get("grids.dbf")))),
                415, "wrong_format", marker);
    }

    @Test
    void noUploadMakesTheServerOpenAConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(100);
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        connections.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            acceptor.start();
            String base = "http://127.0.0.1:" + listener.getLocalPort();
            byte[] viaCurl = vrt("/vsicurl/" + base + "/grids.csv", "grids").getBytes(StandardCharsets.UTF_8);
            byte[] viaGeoJson = vrt(base + "/grids.geojson", "grids").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> curl = upload("gpkg", viaCurl);
            HttpResponse<String> remoteGeoJson = upload("geojson", viaGeoJson);
            // a real GeoJSON whose old-style "link" CRS GDAL would fetch even with only its GeoJSON driver
            ObjectNode fc = (ObjectNode) GridEditFixture.JSON.readTree(download("/api/grids/export?village=" + VILLAGE));
            fc.set("crs", GridEditFixture.JSON.readTree("{\"type\":\"link\",\"properties\":{\"href\":\"" + base + "/crs.wkt\",\"type\":\"ogcwkt\"}}"));
            HttpResponse<String> linkCrs = upload("geojson", GridEditFixture.JSON.writeValueAsBytes(fc));
            fc.set("crs", GridEditFixture.JSON.readTree("{\"type\":\"name\",\"properties\":{\"name\":\"" + base + "/crs\"}}"));
            HttpResponse<String> urlCrs = upload("geojson", GridEditFixture.JSON.writeValueAsBytes(fc));
            Thread.sleep(300);   // a connection made during the requests is queued by now
            listener.close();
            acceptor.join(2000);
            assertThat(connections.get()).as("connections to the test's listener").isZero();
            assertRefused(curl, 415, "wrong_format");
            assertRefused(remoteGeoJson, 415, "wrong_format");
            assertRefused(linkCrs, 422, "unsupported_crs");
            assertRefused(urlCrs, 422, "unsupported_crs");
        }
    }

    @Test
    void aZipBombIsRefusedAs413Quickly() throws Exception {
        byte[] bomb = ShapefileZipTest.bomb(300L << 20);
        assertThat(bomb.length).isLessThan(2 << 20);
        long t0 = System.nanoTime();
        HttpResponse<String> r = upload("shp", bomb);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertRefused(r, 413, "upload_too_large");
        assertThat(ms).as("answer time, ms").isLessThan(5000);
    }

    @Test
    void zipsWithOtherNamesOrFilesAreRefused() throws Exception {
        Map<String, byte[]> shp = unzip(download("/api/grids/export?village=" + VILLAGE + "&format=shp"));
        assertThat(shp.keySet()).contains("grids.shp", "grids.shx", "grids.dbf");
        for (String prefix : List.of("../", "../../tmp/", "/", "sub/", "..\\")) {
            Map<String, byte[]> renamed = new LinkedHashMap<>();
            shp.forEach((name, bytes) -> renamed.put(prefix + name, bytes));
            assertRefused(upload("shp", zip(renamed)), 422, "bad_zip");
        }
        Map<String, byte[]> extra = new LinkedHashMap<>(shp);
        extra.put("grids.vrt", vrt("/etc/hosts", "hosts").getBytes(StandardCharsets.UTF_8));
        assertRefused(upload("shp", zip(extra)), 422, "bad_zip");
        Map<String, byte[]> two = new LinkedHashMap<>(shp);
        two.put("other.shp", shp.get("grids.shp"));
        assertRefused(upload("shp", zip(two)), 422, "bad_zip");
        Map<String, byte[]> missing = new LinkedHashMap<>(shp);
        missing.remove("grids.shx");
        assertRefused(upload("shp", zip(missing)), 422, "bad_zip");
        assertRefused(upload("shp", "not a zip".getBytes(StandardCharsets.UTF_8)), 415, "wrong_format");
        // the untouched export itself passes every file check and is read: it is judged as an edit that
        // changes nothing, which only a file GDAL actually read can be
        HttpResponse<String> same = upload("shp", zip(shp));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(422);
        assertThat(same.body()).contains("\"no_change\"");
    }

    @Test
    void aGeoPackageThatIsNotOneIsRefusedWithoutEchoingAnything(@TempDir Path dir) throws Exception {
        String marker = "MARKER-" + UUID.randomUUID();
        assertRefused(upload("gpkg", ("just text " + marker + "\n").getBytes(StandardCharsets.UTF_8)), 415, "wrong_format", marker);
        // an SQLite database that is not a GeoPackage
        Path sqlite = dir.resolve("plain.sqlite");
        var made = Processes.run(List.of("ogr2ogr", "-f", "SQLite", sqlite.toString(), "GeoJSON:" + geoJsonFile(dir)), 60);
        assertThat(made.exitCode()).as(made.output()).isZero();
        assertRefused(upload("gpkg", Files.readAllBytes(sqlite)), 415, "wrong_format");
        // a real GeoPackage header on a damaged file gets past the check; GDAL's complaint, naming paths, stays in the log
        byte[] gpkg = Files.readAllBytes(gpkgOfExport(dir));
        byte[] damaged = new byte[8192];
        System.arraycopy(gpkg, 0, damaged, 0, 100);
        for (int i = 100; i < damaged.length; i++) damaged[i] = (byte) marker.charAt(i % marker.length());
        assertRefused(upload("gpkg", damaged), 422, "unreadable_file", marker);
        // JSON that does not parse: the parser's message would quote the file
        assertRefused(upload("geojson", ("{\"type\": " + marker + "}").getBytes(StandardCharsets.UTF_8)), 415, "wrong_format", marker);
        assertRefused(upload("geojson", "{\"type\":\"Feature\"}".getBytes(StandardCharsets.UTF_8)), 415, "wrong_format");
    }

    @Test
    void anEditedShapefileAndGeoPackageStillComeBack(@TempDir Path dir) throws Exception {
        long village = f.scalar("SELECT id FROM villages WHERE code = '" + VILLAGE + "'");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> edits = (List<Map<String, Object>>) f.moveSharedVertex(new Random(11), village).get("edits");
        ObjectNode fc = (ObjectNode) GridEditFixture.JSON.readTree(download("/api/grids/export?village=" + VILLAGE));
        for (JsonNode feat : fc.get("features")) {
            for (Map<String, Object> e : edits) {
                if (feat.get("id").asLong() == ((Number) e.get("id")).longValue()) {
                    ((ObjectNode) feat).set("geometry", GridEditFixture.JSON.valueToTree(e.get("geometry")));
                }
            }
        }
        Path gj = Files.write(dir.resolve("edited.geojson"), GridEditFixture.JSON.writeValueAsBytes(fc));
        Path shpDir = Files.createDirectory(dir.resolve("shp"));
        var conv = Processes.run(List.of("ogr2ogr", "-f", "ESRI Shapefile", shpDir.resolve("edited.shp").toString(), gj.toString(),
                "-lco", "ENCODING=UTF-8"), 60);
        assertThat(conv.exitCode()).as(conv.output()).isZero();
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (var files = Files.list(shpDir)) {
            for (Path p : files.sorted().toList()) parts.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        assertThat(parts.keySet()).containsExactlyInAnyOrder("edited.shp", "edited.shx", "edited.dbf", "edited.prj", "edited.cpg");
        String before = f.fingerprint();
        HttpResponse<String> viaShp = upload("shp", zip(parts));
        assertThat(viaShp.statusCode()).as(viaShp.body()).isEqualTo(200);
        assertThat(TestServer.json(viaShp).get("grids").size()).isGreaterThanOrEqualTo(2);

        Path gpkg = dir.resolve("edited.gpkg");
        conv = Processes.run(List.of("ogr2ogr", "-f", "GPKG", gpkg.toString(), gj.toString()), 60);
        assertThat(conv.exitCode()).as(conv.output()).isZero();
        HttpResponse<String> viaGpkg = upload("gpkg", Files.readAllBytes(gpkg));
        assertThat(viaGpkg.statusCode()).as(viaGpkg.body()).isEqualTo(200);
        HttpResponse<String> viaGeoJson = upload("geojson", Files.readAllBytes(gj));
        assertThat(viaGeoJson.statusCode()).as(viaGeoJson.body()).isEqualTo(200);
        // a named CRS is still honoured
        fc.set("crs", GridEditFixture.JSON.readTree("{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}}"));
        HttpResponse<String> named = upload("geojson", GridEditFixture.JSON.writeValueAsBytes(fc));
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        assertThat(f.fingerprint()).as("dry runs change nothing").isEqualTo(before);
    }

    private static Path geoJsonFile(Path dir) throws Exception {
        return Files.write(dir.resolve("export.geojson"), download("/api/grids/export?village=" + VILLAGE));
    }

    private static Path gpkgOfExport(Path dir) throws Exception {
        return Files.write(dir.resolve("export.gpkg"), download("/api/grids/export?village=" + VILLAGE + "&format=gpkg"));
    }
}
