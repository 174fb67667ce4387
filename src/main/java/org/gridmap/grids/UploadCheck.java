package org.gridmap.grids;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.gridmap.http.ApiException;

/**
 * Checks that an uploaded GeoJSON or GeoPackage is what it claims to be before GDAL sees it. Refusals never
 * quote the file: a message built from its bytes would let an upload read back what GDAL made of it.
 * Status codes: 415 {@code wrong_format} when the bytes are not the declared format, 422 {@code unsupported_crs}
 * when a GeoJSON names its CRS in a way GDAL would resolve through a file or a URL.
 */
final class UploadCheck {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** GeoPackage application_id values: 1.2 and later, 1.0, 1.1. */
    private static final int[] GPKG_APPLICATION_IDS = {0x47504B47, 0x47503130, 0x47503131};
    /**
     * The only CRS names GDAL may resolve: EPSG codes and OGC URNs. Anything else (a path, a URL, a WKT or
     * PROJ string) goes to SetFromUserInput, which reads files and fetches URLs.
     */
    private static final Pattern CRS_NAME = Pattern.compile(
            "(?i)(urn:ogc:def:crs:(EPSG|OGC):[0-9.]*:[A-Za-z0-9]{1,16}|EPSG:[0-9]{1,6})");

    private UploadCheck() { }

    /**
     * The upload parsed as a GeoJSON FeatureCollection and written back out, so GDAL reads exactly what was
     * checked here (no duplicate keys, no trailing content, no "link" CRS).
     */
    static byte[] geoJson(byte[] upload) {
        JsonNode root;
        try {
            root = JSON.readTree(upload);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw at == null ? wrongFormat("The file is not valid JSON, so it is not GeoJSON.").says("grids.not_json", Map.of())
                    : wrongFormat("The file is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                            + "), so it is not GeoJSON.")
                                    .says("grids.not_json_at", Map.of("line", at.getLineNr(), "column", at.getColumnNr()));
        } catch (IOException e) {
            throw wrongFormat("The file is not valid JSON, so it is not GeoJSON.").says("grids.not_json", Map.of());
        }
        if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asText())
                || !root.path("features").isArray()) {
            throw wrongFormat("The file is not a GeoJSON FeatureCollection (an object with \"type\": \"FeatureCollection\" and a \"features\" array).")
                    .says("grids.not_feature_collection", Map.of());
        }
        JsonNode crs = root.get("crs");
        if (crs != null && !crs.isNull()) {
            JsonNode name = crs.path("properties").path("name");
            if (!"name".equals(crs.path("type").asText()) || !name.isTextual() || !CRS_NAME.matcher(name.asText()).matches()) {
                throw new ApiException(422, "unsupported_crs", "The GeoJSON \"crs\" must be a named CRS such as "
                        + "\"urn:ogc:def:crs:EPSG::4490\" or \"EPSG:4326\" (or be left out for WGS 84).")
                                .says("grids.unsupported_crs", Map.of());
            }
        }
        try {
            return JSON.writeValueAsBytes((ObjectNode) root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    /** Refuses anything but an SQLite database stamped with a GeoPackage application_id. */
    static void geoPackage(byte[] upload) {
        if (upload.length < 100 || !Arrays.equals(upload, 0, SQLITE_HEADER.length, SQLITE_HEADER, 0, SQLITE_HEADER.length)) {
            throw wrongFormat("The file is not a GeoPackage: it does not start with the SQLite header.").says("grids.not_sqlite", Map.of());
        }
        int applicationId = ByteBuffer.wrap(upload, 68, 4).getInt();
        if (Arrays.stream(GPKG_APPLICATION_IDS).noneMatch(id -> id == applicationId)) {
            throw wrongFormat("The file is an SQLite database but not a GeoPackage (its application_id is not 'GPKG').")
                    .says("grids.not_geopackage", Map.of());
        }
    }

    static ApiException wrongFormat(String message) {
        return new ApiException(415, "wrong_format", message);
    }
}
