package org.gridmap.grids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.gridmap.db.Processes;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Grids out to GeoJSON, Shapefile (zipped) or GeoPackage for desktop GIS, and an edited file back in as an
 * edit set. Conversions go through GDAL's ogr2ogr; every exported grid carries its id and version, so an
 * import is checked for conflicts like any other edit.
 */
public final class GridTransfer {
    public enum Format { GEOJSON, SHP, GPKG }

    private final DataSource db;
    private final ObjectMapper json = new ObjectMapper();

    public GridTransfer(DataSource db) { this.db = db; }

    public static Format format(String f) {
        if (f == null) return Format.GEOJSON;
        return switch (f.toLowerCase()) {
            case "geojson", "json" -> Format.GEOJSON;
            case "shp", "shapefile", "zip" -> Format.SHP;
            case "gpkg", "geopackage" -> Format.GPKG;
            default -> throw ApiException.badRequest("format must be geojson, shp or gpkg").says("grids.bad_format", Map.of());
        };
    }

    public String geoJson(String villageCode) throws SQLException {
        return Sql.read(db, c -> Sql.one(c, GridSql.EXPORT_GEOJSON, rs -> rs.getString("fc"), villageCode, villageCode).orElseThrow());
    }

    /** Writes the export in the requested format to {@code out}; returns the file name to offer. */
    public String export(String villageCode, Format format, OutputStream out) throws SQLException, IOException {
        String body = geoJson(villageCode);
        String base = "grids" + (villageCode == null ? "" : "-" + villageCode);
        if (format == Format.GEOJSON) {
            out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return base + ".geojson";
        }
        Path dir = Files.createTempDirectory("gridmap-export");
        try {
            Path in = dir.resolve("grids.geojson");
            Files.writeString(in, body);
            if (format == Format.GPKG) {
                ogr(List.of("ogr2ogr", "-f", "GPKG", dir.resolve("grids.gpkg").toString(), in.toString(), "-nln", "grids"));
                Files.copy(dir.resolve("grids.gpkg"), out);
                return base + ".gpkg";
            }
            Path shp = dir.resolve("shp");
            Files.createDirectories(shp);
            ogr(List.of("ogr2ogr", "-f", "ESRI Shapefile", shp.resolve("grids.shp").toString(), in.toString(),
                    "-lco", "ENCODING=UTF-8", "-nln", "grids"));
            try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> files = Files.list(shp)) {
                for (Path p : files.sorted().toList()) {
                    zip.putNextEntry(new ZipEntry(p.getFileName().toString()));
                    Files.copy(p, zip);
                    zip.closeEntry();
                }
            }
            return base + ".zip";
        } finally {
            delete(dir);
        }
    }

    /**
     * Reads an uploaded file (GeoJSON, zipped Shapefile, GeoPackage) into an import edit plan. The bytes are
     * checked against the declared format first and GDAL is confined to that format's driver with no network
     * (see {@link UploadCheck}, {@link ShapefileZip}, {@link ConfinedGdal}); nothing about the server's files or
     * temporary paths is answered, only logged.
     */
    public EditPlan importPlan(byte[] upload, Format format) throws IOException, SQLException {
        Path dir = Files.createTempDirectory("gridmap-import");
        try {
            Path converted = dir.resolve("out.geojson");
            switch (format) {
                case GEOJSON -> {
                    Path source = Files.write(dir.resolve("in.geojson"), UploadCheck.geoJson(upload));
                    ConfinedGdal.toGeoJson("GeoJSON", "GeoJSON:" + source, converted, dir, "GeoJSON");
                }
                case GPKG -> {
                    UploadCheck.geoPackage(upload);
                    Path source = Files.write(dir.resolve("in.gpkg"), upload);
                    ConfinedGdal.toGeoJson("GPKG", source.toString(), converted, dir, "a GeoPackage");
                }
                case SHP -> {
                    Path shpDir = Files.createDirectory(dir.resolve("shp"));
                    Path source = ShapefileZip.unpack(upload, shpDir, ShapefileZip.Limits.DEFAULT);
                    ConfinedGdal.toGeoJson("ESRI Shapefile", source.toString(), converted, dir, "a zipped Shapefile");
                }
            }
            JsonNode fc = json.readTree(converted.toFile());
            EditPlan plan = new EditPlan("import");
            Map<String, Long> idsByCode = new java.util.HashMap<>();
            Map<Long, MultiPolygon> current = new java.util.HashMap<>();
            Sql.read(db, c -> Sql.query(c, GridSql.ALL_GRID_SHAPES, rs -> {
                idsByCode.put(rs.getString("code"), rs.getLong("id"));
                current.put(rs.getLong("id"), GridRow.multi(GridRow.wkb(rs.getBytes("wkb"))));
                return null;
            }));
            int n = 0;
            for (JsonNode f : fc.path("features")) {
                n++;
                JsonNode p = f.path("properties");
                Long id = p.hasNonNull("id") ? Long.valueOf(p.get("id").asLong()) : idsByCode.get(p.path("code").asText(null));
                if (id == null || !current.containsKey(id)) {
                    // the file's own values are not echoed: only its feature number and a numeric id
                    throw new ApiException(422, "unknown_grid", "Feature " + n + " names no existing grid"
                            + (p.path("id").canConvertToLong() ? " (id " + p.get("id").asLong() + ")" : "")
                            + " by its 'id' or 'code'. Nothing was changed.").says("grids.unknown_grid", Map.of("n", n));
                }
                if (!p.hasNonNull("version")) {
                    throw new ApiException(422, "missing_version", "Feature " + n + " (grid " + id + ") has no 'version': "
                            + "export the grids from gridmap, edit that file, and import it back.")
                            .says("grids.missing_version", Map.of("n", n, "id", id));
                }
                MultiPolygon g = GeoJsonGeometry.polygon(f.get("geometry"), null, "feature " + n + " (grid " + id + ")");
                if (g.equalsExact(current.get(id), 1e-9)) continue;
                plan.updated.put(id, g);
                if (!p.get("version").isIntegralNumber() || !p.get("version").canConvertToLong()) {
                    throw new ApiException(422, "bad_version", "Feature " + n + " (grid " + id + ") has a 'version' that is not a whole number.")
                            .says("grids.bad_version", Map.of("n", n, "id", id));
                }
                plan.expectedVersions.put(id, p.get("version").asLong());
            }
            if (plan.updated.isEmpty()) throw new ApiException(422, "no_change", "The file changes no grid.")
                    .says("grids.file_no_change", Map.of());
            return plan;
        } finally {
            delete(dir);
        }
    }

    private static void ogr(List<String> command) throws IOException {
        Processes.Result r = Processes.run(command, 120);
        if (r.exitCode() != 0) {
            String why = r.output().lines().filter(l -> l.startsWith("ERROR")).findFirst().orElse(r.output().trim());
            throw new ApiException(422, "unreadable_file", "GDAL could not read or write the file: " + why)
                    .says("grids.gdal_failed", Map.of("why", why));
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) { }
    }

}
