package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridmap.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zipped Shapefile is judged while it is inflated, before anything reaches the disk. */
class ShapefileZipTest {
    /** The first bytes of a .shp or .shx: file code 9994, big-endian. */
    static final byte[] SHP_HEAD = {0, 0, 0x27, 0x0A, 0, 0, 0, 0};

    /** A .shp, a .shx and a .dbf whose table is {@code dbfBytes} of zeros, streamed so the test never holds them. */
    static byte[] bomb(long dbfBytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            for (String part : List.of("grids.shp", "grids.shx")) {
                z.putNextEntry(new ZipEntry(part));
                z.write(SHP_HEAD);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("grids.dbf"));
            z.write(3);
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < dbfBytes; written += zeros.length) z.write(zeros);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aSmallZipThatInflatesToHundredsOfMegabytesWritesNothing(@TempDir Path dir) throws Exception {
        byte[] zip = bomb(300L << 20);
        long t0 = System.nanoTime();
        ApiException e = catchThrowableOfType(ApiException.class, () -> ShapefileZip.unpack(zip, dir, ShapefileZip.Limits.DEFAULT));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("upload_too_large");
        assertThat(files(dir)).as("nothing written").isEmpty();
        // refused at the ratio's floor (8 MB inflated), long before the 300 MB: well under a second of inflating
        assertThat(ms).as("refusal time, ms").isLessThan(3000);
    }

    @Test
    void theRatioAndTheTotalAreEachEnforced(@TempDir Path dir) throws Exception {
        byte[] zip = bomb(20L << 20);
        // over the ratio (zeros compress about 1000:1), under the 64 MB total
        ApiException overRatio = catchThrowableOfType(ApiException.class, () -> ShapefileZip.unpack(zip, dir, ShapefileZip.Limits.DEFAULT));
        assertThat(overRatio.status()).isEqualTo(413);
        assertThat(overRatio.getMessage()).contains("200 times");
        // with no ratio limit, the total alone refuses it
        ShapefileZip.Limits totalOnly = new ShapefileZip.Limits(5, 128, 16L << 20, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertThat(catchThrowableOfType(ApiException.class, () -> ShapefileZip.unpack(zip, dir, totalOnly)).getMessage())
                .contains("16 MB");
        assertThat(files(dir)).isEmpty();
        // and with room for both, the same zip unpacks: the limits, not the content, refused it
        ShapefileZip.Limits roomy = new ShapefileZip.Limits(5, 128, 32L << 20, Long.MAX_VALUE, Integer.MAX_VALUE);
        Path shp = ShapefileZip.unpack(zip, dir, roomy);
        assertThat(shp).isEqualTo(dir.resolve("in.shp"));
        assertThat(files(dir)).containsExactlyInAnyOrder(dir.resolve("in.shp"), dir.resolve("in.shx"), dir.resolve("in.dbf"));
        assertThat(Files.size(dir.resolve("in.dbf"))).isEqualTo(1 + (20L << 20));
    }

    @Test
    void namesThatLeaveTheDirectoryAreRefusedBeforeWriting(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("work"));
        for (String name : List.of("../grids.shp", "/tmp/grids.shp", "a/grids.shp", "..\\grids.shp", "C:grids.shp", ".shp")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                for (String part : List.of("grids.dbf", "grids.shx", name)) {
                    z.putNextEntry(new ZipEntry(part));
                    z.write(part.endsWith("dbf") ? new byte[] {3} : SHP_HEAD);
                    z.closeEntry();
                }
            }
            ApiException e = catchThrowableOfType(ApiException.class, () -> ShapefileZip.unpack(out.toByteArray(), dir, ShapefileZip.Limits.DEFAULT));
            assertThat(e.status()).as(name).isEqualTo(422);
            assertThat(e.code()).isEqualTo("bad_zip");
            assertThat(files(root)).as(name).isEmpty();
        }
    }
}
