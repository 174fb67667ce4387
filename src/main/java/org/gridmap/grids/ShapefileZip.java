package org.gridmap.grids;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.gridmap.http.ApiException;
import org.gridmap.importer.CountingStream;

/**
 * An uploaded zip that must hold exactly one Shapefile (.shp, .shx, .dbf, optionally .prj and .cpg of one name)
 * and nothing else. The zip is read twice: once to check every name, size and magic number without writing
 * anything, then to write the parts under fixed names ({@code in.shp}, ...) into a private directory. Sizes are
 * counted while inflating; the sizes the zip declares are never trusted, so a small zip that inflates to
 * gigabytes is refused after at most {@link Limits#ratioFloorBytes()} (or {@link Limits#maxUnpackedBytes()})
 * of inflating and before a byte reaches the disk. GDAL never opens the zip itself (no /vsizip/).
 * Status codes: 413 {@code upload_too_large} (unpacked size or ratio), 415 {@code wrong_format} (not a zip, or
 * a part whose bytes are not what its extension says), 422 {@code bad_zip} (names, count or set of files).
 */
final class ShapefileZip {
    /** What a zip may unpack to. */
    record Limits(int maxEntries, int maxNameLength, long maxUnpackedBytes, long ratioFloorBytes, int maxRatio) {
        /** A town's grids take well under 1 MB as a Shapefile; these leave room for far larger honest files. */
        static final Limits DEFAULT = new Limits(5, 128, 64L << 20, 8L << 20, 200);
    }

    private static final Set<String> REQUIRED = Set.of("shp", "shx", "dbf");
    private static final Set<String> TEXT_PARTS = Set.of("prj", "cpg");
    private static final int MAX_TEXT_BYTES = 16 * 1024;
    /** No separators (so no folders, traversal or absolute names), no control characters, no drive letters. */
    private static final Pattern UNSAFE_NAME = Pattern.compile("[/\\\\:\\x00-\\x1f\\x7f]|^\\.");
    /** First byte of a dBase table: the dBase III/IV/V, FoxPro and Visual FoxPro versions GDAL reads. */
    private static final Set<Integer> DBF_VERSIONS = Set.of(0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63,
            0x83, 0x8B, 0xCB, 0xE5, 0xF5, 0xFB);
    private static final Pattern PRJ = Pattern.compile(
            "(?s)\\s*(PROJCS|GEOGCS|GEOCCS|COMPD_CS|PROJCRS|GEOGCRS|GEODCRS|COMPOUNDCRS|BOUNDCRS)\\[[\\x20-\\x7e\\r\\n\\t]*");
    private static final Pattern CPG = Pattern.compile("[A-Za-z0-9_ .-]{1,32}\\s*");

    private ShapefileZip() { }

    /** Checks {@code zip}, then writes its parts into the empty directory {@code dir}; returns the .shp. */
    static Path unpack(byte[] zip, Path dir, Limits limits) throws IOException {
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K' || zip[2] != 3 || zip[3] != 4) {
            throw UploadCheck.wrongFormat("The file is not a zip: a Shapefile is uploaded as a zip of its .shp, .shx and .dbf.")
                    .says("grids.not_zip", Map.of());
        }
        read(zip, limits, null);
        read(zip, limits, dir);
        return dir.resolve("in.shp");
    }

    /** One pass over the zip; writes the parts into {@code dir} unless it is null. */
    private static void read(byte[] zip, Limits limits, Path dir) throws IOException {
        CountingStream compressed = new CountingStream(new ByteArrayInputStream(zip));
        Set<String> seen = new HashSet<>();
        String base = null;
        long total = 0;
        int entries = 0;
        byte[] buf = new byte[64 * 1024];
        // ISO-8859-1 decodes any byte: names from Windows zips (often GBK) must not fail before they are judged
        try (ZipInputStream in = new ZipInputStream(compressed, StandardCharsets.ISO_8859_1)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw badZip("The zip holds more than " + limits.maxEntries() + " files; it may hold only the .shp, .shx, .dbf, .prj and .cpg of one Shapefile.")
                            .says("grids.zip_too_many", Map.of("max", limits.maxEntries()));
                }
                String name = e.getName();
                if (name.length() > limits.maxNameLength() || UNSAFE_NAME.matcher(name).find()) {
                    throw badZip("The zip holds a folder or a file name that is not a plain name; put the Shapefile's files at the top of the zip.")
                            .says("grids.zip_folder", Map.of());
                }
                int dot = name.lastIndexOf('.');
                String ext = dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
                if (!REQUIRED.contains(ext) && !TEXT_PARTS.contains(ext)) {
                    throw badZip("The zip holds a file that is not part of a Shapefile; only .shp, .shx, .dbf, .prj and .cpg are allowed.")
                            .says("grids.zip_foreign_file", Map.of());
                }
                String thisBase = name.substring(0, dot).toLowerCase(java.util.Locale.ROOT);
                if (base != null && !base.equals(thisBase)) throw badZip("The zip holds files of more than one Shapefile.")
                        .says("grids.zip_two_shapefiles", Map.of());
                base = thisBase;
                if (!seen.add(ext)) throw badZip("The zip holds more than one ." + ext + " file.")
                        .says("grids.zip_duplicate", Map.of("ext", ext));

                byte[] head = new byte[TEXT_PARTS.contains(ext) ? MAX_TEXT_BYTES : 4];
                int headLength = 0;
                try (OutputStream out = dir == null ? OutputStream.nullOutputStream()
                        : Files.newOutputStream(dir.resolve("in." + ext), StandardOpenOption.CREATE_NEW)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > limits.maxUnpackedBytes()) {
                            throw tooLarge("The zip unpacks to more than " + (limits.maxUnpackedBytes() >> 20) + " MB.")
                                    .says("grids.zip_too_large", Map.of("mb", limits.maxUnpackedBytes() >> 20));
                        }
                        if (total > limits.ratioFloorBytes() && total > limits.maxRatio() * compressed.count()) {
                            throw tooLarge("The zip unpacks to more than " + limits.maxRatio() + " times its size.")
                                    .says("grids.zip_ratio", Map.of("ratio", limits.maxRatio()));
                        }
                        if (TEXT_PARTS.contains(ext) && headLength + n > head.length) {
                            throw badZip("The ." + ext + " file is longer than a ." + ext + " file can be.")
                                    .says("grids.zip_part_too_long", Map.of("ext", ext));
                        }
                        int take = Math.min(n, head.length - headLength);
                        System.arraycopy(buf, 0, head, headLength, take);
                        headLength += take;
                        out.write(buf, 0, n);
                    }
                }
                checkPart(ext, head, headLength);
            }
        } catch (ZipException | IllegalArgumentException | java.io.EOFException e) {
            throw UploadCheck.wrongFormat("The zip is damaged or uses a feature that is not supported (such as encryption).")
                    .says("grids.zip_damaged", Map.of());
        }
        if (!seen.containsAll(REQUIRED)) throw badZip("The zip must hold a .shp, a .shx and a .dbf of one name.")
                .says("grids.zip_incomplete", Map.of());
    }

    private static void checkPart(String ext, byte[] head, int length) {
        switch (ext) {
            // .shp and .shx start with the file code 9994, big-endian
            case "shp", "shx" -> {
                if (length < 4 || head[0] != 0 || head[1] != 0 || head[2] != 0x27 || head[3] != 0x0A) {
                    throw UploadCheck.wrongFormat("The zip's ." + ext + " file is not a Shapefile ." + ext + ".")
                            .says("grids.zip_not_shp", Map.of("ext", ext));
                }
            }
            case "dbf" -> {
                if (length < 1 || !DBF_VERSIONS.contains(head[0] & 0xFF)) {
                    throw UploadCheck.wrongFormat("The zip's .dbf file is not a dBase table.").says("grids.zip_not_dbf", Map.of());
                }
            }
            default -> {
                String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
                if (!(ext.equals("prj") ? PRJ : CPG).matcher(text).matches()) {
                    throw UploadCheck.wrongFormat("The zip's ." + ext + " file is not a plain "
                            + (ext.equals("prj") ? "WKT coordinate system." : "code page name."))
                                    .says("grids.zip_not_prj_cpg", Map.of("ext", ext));
                }
            }
        }
    }

    private static ApiException badZip(String message) { return new ApiException(422, "bad_zip", message); }

    private static ApiException tooLarge(String message) { return new ApiException(413, "upload_too_large", message); }
}
