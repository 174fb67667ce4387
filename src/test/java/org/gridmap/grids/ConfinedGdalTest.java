package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmap.db.Processes;
import org.gridmap.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDAL's confinement on its own, behind the byte checks: each run is compared with the same ogr2ogr run left
 * free, so the test shows the attack works and that the confinement is what stops it.
 */
class ConfinedGdalTest {
    static final String POINT = "{\"type\":\"Feature\",\"properties\":{\"id\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.3,29.4]}}";

    @Test
    void aVrtNamedLikeAGeoPackageIsNotOpenedAsAVrt(@TempDir Path dir) throws Exception {
        String marker = "SECRET-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.csv"), "code,name\n" + marker + ",x\n");
        Path source = Files.writeString(dir.resolve("in.gpkg"), GridImportSecurityTest.vrt("CSV:" + secret, "secret"));
        Path free = dir.resolve("free.geojson");
        Processes.Result unconfined = Processes.run(List.of("ogr2ogr", "-f", "GeoJSON", free.toString(), source.toString()), 60);
        assertThat(unconfined.exitCode()).as(unconfined.output()).isZero();
        assertThat(Files.readString(free)).contains(marker);

        Path out = dir.resolve("out.geojson");
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> ConfinedGdal.toGeoJson("GPKG", source.toString(), out, dir, "a GeoPackage"));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).doesNotContain(marker, dir.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void aGeoJsonLinkCrsFetchesNothing(@TempDir Path dir) throws Exception {
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
            Path source = Files.writeString(dir.resolve("in.geojson"), "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"link\","
                    + "\"properties\":{\"href\":\"http://127.0.0.1:" + listener.getLocalPort() + "/crs.wkt\",\"type\":\"ogcwkt\"}},"
                    + "\"features\":[" + POINT + "]}");
            Processes.run(List.of("ogr2ogr", "-f", "GeoJSON", dir.resolve("free.geojson").toString(), "GeoJSON:" + source), 60);
            Thread.sleep(200);
            int unconfined = connections.get();
            ConfinedGdal.toGeoJson("GeoJSON", "GeoJSON:" + source, dir.resolve("out.geojson"), dir, "GeoJSON");
            Thread.sleep(200);
            listener.close();
            acceptor.join(2000);
            assertThat(unconfined).as("GDAL left free fetches the CRS").isPositive();
            assertThat(connections.get()).as("connections once confined").isEqualTo(unconfined);
            assertThat(Files.readString(dir.resolve("out.geojson"))).contains("106.3");
        }
    }

    @Test
    void onlyTheNamedDriversAreLeft(@TempDir Path dir) throws Exception {
        var env = ConfinedGdal.environment(new java.util.TreeSet<>(List.of("ESRI Shapefile", "GeoJSON")), dir);
        Processes.Result formats = Processes.run(List.of("ogrinfo", "--formats"), env, dir, 30);
        assertThat(formats.output().lines().filter(l -> l.startsWith("  ")).map(l -> l.substring(2, l.indexOf(" -", 2))))
                .containsExactlyInAnyOrder("ESRI Shapefile", "GeoJSON");
        Processes.Result raster = Processes.run(List.of("gdalinfo", "--formats"), env, dir, 30);
        assertThat(raster.output().lines().filter(l -> l.startsWith("  "))).isEmpty();
    }
}
