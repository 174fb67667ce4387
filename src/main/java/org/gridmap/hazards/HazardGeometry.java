package org.gridmap.hazards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.http.VertexLimit;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The place of a hazard as it arrives: a GeoJSON Point, Polygon or MultiPolygon in EPSG:4326 (lon, lat) or
 * CGCS2000 (EPSG:4490, which agrees with WGS84 to centimetres; coordinates in lon, lat order as GeoJSON
 * writes them). The CRS may be named in the geometry's {@code crs} member or in the request's {@code crs}.
 * Every refusal is a 422 a person can act on.
 */
final class HazardGeometry {
    static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);
    static final Set<String> ACCEPTED_CRS = Set.of("EPSG:4326", "EPSG:4490", "urn:ogc:def:crs:OGC:1.3:CRS84",
            "urn:ogc:def:crs:OGC::CRS84", "urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:EPSG::4490",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/4326",
            "http://www.opengis.net/def/crs/EPSG/0/4490");

    private HazardGeometry() { }

    static Geometry read(JsonNode node, String requestCrs) {
        if (node == null || node.isNull() || node.isMissingNode()) throw missing();
        if (!node.isObject()) {
            throw invalid("hazards.geometry.not_object",
                    "geometry must be a GeoJSON object such as {\"type\":\"Point\",\"coordinates\":[lon,lat]}");
        }
        String crs = requestCrs;
        JsonNode named = node.path("crs").path("properties").path("name");
        if (named.isTextual()) crs = named.asText();
        if (crs != null && !ACCEPTED_CRS.contains(crs.trim())) {
            throw new ApiException(422, "unsupported_crs", "Coordinates in " + crs + " are not accepted; send EPSG:4326 "
                    + "(lon, lat) or CGCS2000 (EPSG:4490).").says("hazards.unsupported_crs", Map.of("crs", crs));
        }
        String type = node.path("type").asText("");
        if (!List.of("Point", "Polygon", "MultiPolygon").contains(type)) {
            throw invalid("hazards.geometry.wrong_type", "a hazard is a Point or a Polygon (or MultiPolygon), not '" + type + "'",
                    "type", type);
        }
        VertexLimit.check(node, "Hazard geometry");
        Geometry g;
        try {
            g = new GeoJsonReader(GF).read(node.toString());
        } catch (ParseException | RuntimeException e) {
            throw invalid("hazards.geometry.unreadable", "unreadable GeoJSON " + type + ": " + e.getMessage(),
                    "type", type, "reason", String.valueOf(e.getMessage()));
        }
        g.setSRID(4326);
        if (g.isEmpty()) throw invalid("hazards.geometry.empty", "the geometry is empty");
        for (var c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) throw invalid("hazards.geometry.not_finite", "coordinates must be finite numbers");
        }
        Envelope e = g.getEnvelopeInternal();
        if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
            throw invalid("hazards.geometry.not_degrees", "coordinates " + e.getMinX() + ", " + e.getMinY() + " are not longitude, latitude in degrees",
                    "x", e.getMinX(), "y", e.getMinY());
        }
        if (!(g instanceof Point || g instanceof Polygon || g instanceof MultiPolygon)) {
            throw invalid("hazards.geometry.wrong_type", "a hazard is a Point or a Polygon, not " + g.getGeometryType(), "type", g.getGeometryType());
        }
        IsValidOp op = new IsValidOp(g);
        if (!op.isValid()) {
            TopologyValidationError err = op.getValidationError();
            double x = Math.round(err.getCoordinate().x * 1e7) / 1e7, y = Math.round(err.getCoordinate().y * 1e7) / 1e7;
            throw new ApiException(422, "invalid_geometry", "The hazard's shape is not valid: " + err.getMessage()
                    + " at " + x + ", " + y + ". Draw it again without crossing edges.",
                    Map.of("location", List.of(x, y))).says("hazards.invalid_shape", Map.of("problem", err.getMessage(), "x", x, "y", y));
        }
        return g;
    }

    /** A geometry as the database wrote it (ST_AsBinary of a stored hazard). */
    static Geometry fromWkb(byte[] wkb) {
        try {
            return new WKBReader(GF).read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable geometry from the database", e);
        }
    }

    static ApiException missing() {
        return invalid("hazards.geometry.missing", "geometry is missing: send a GeoJSON Point or Polygon");
    }

    /** 422 {@code invalid_geometry}, read to people as catalogue entry {@code key} with these name, value pairs. */
    private static ApiException invalid(String key, String message, Object... namesAndValues) {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return new ApiException(422, "invalid_geometry", "Hazard geometry: " + message + ".").says(key, args);
    }
}
