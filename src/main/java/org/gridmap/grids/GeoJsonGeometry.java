package org.gridmap.grids;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.http.VertexLimit;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Geometries arriving in requests: GeoJSON in EPSG:4326 (or CGCS2000, EPSG:4490, which agrees with it to
 * centimetres), checked for type, validity and plausible coordinates, each failure a 422 a person can act on.
 */
public final class GeoJsonGeometry {
    public static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Set<String> ACCEPTED_CRS = Set.of("EPSG:4326", "EPSG:4490", "urn:ogc:def:crs:OGC:1.3:CRS84",
            "urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:EPSG::4490", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/4490");

    private GeoJsonGeometry() { }

    /** A Polygon or MultiPolygon as a MultiPolygon; {@code what} names it in messages (e.g. "grid 12"). */
    public static MultiPolygon polygon(JsonNode node, String crs, String what) {
        Geometry g = read(node, crs, what);
        if (g instanceof Polygon p) g = GF.createMultiPolygon(new Polygon[] {p});
        if (!(g instanceof MultiPolygon mp)) {
            throw unprocessable(what + ": the geometry must be a Polygon or MultiPolygon, not " + g.getGeometryType())
                    .says("grids.not_polygon", Map.of("what", what, "type", g.getGeometryType()));
        }
        requireValid(mp, what);
        return mp;
    }

    public static LineString line(JsonNode node, String crs, String what) {
        Geometry g = read(node, crs, what);
        if (!(g instanceof LineString l) || l.getNumPoints() < 2) {
            throw unprocessable(what + ": a LineString with at least two points is needed").says("grids.not_line", Map.of("what", what));
        }
        return l;
    }

    public static org.locationtech.jts.geom.Point point(JsonNode node, String crs, String what) {
        Geometry g = read(node, crs, what);
        if (!(g instanceof org.locationtech.jts.geom.Point p) || p.isEmpty()) throw unprocessable(what + ": a Point is needed")
                .says("grids.not_point", Map.of("what", what));
        return p;
    }

    static Geometry read(JsonNode node, String crs, String what) {
        if (node == null || node.isNull()) throw unprocessable(what + ": geometry is missing")
                .says("grids.geometry_missing", Map.of("what", what));
        String named = crs;
        JsonNode crsNode = node.path("crs").path("properties").path("name");
        if (!crsNode.isMissingNode()) named = crsNode.asText();
        if (named != null && !ACCEPTED_CRS.contains(named)) {
            throw unprocessable(what + ": coordinates in " + named + " are not accepted; send EPSG:4326 (lon, lat) or EPSG:4490")
                    .says("grids.crs_not_accepted", Map.of("what", what, "crs", named));
        }
        VertexLimit.check(node, what);
        Geometry g;
        try {
            g = new GeoJsonReader(GF).read(node.toString());
        } catch (ParseException | RuntimeException e) {
            throw unprocessable(what + ": unreadable GeoJSON geometry (" + e.getMessage() + ")")
                    .says("grids.geometry_unreadable", Map.of("what", what, "detail", String.valueOf(e.getMessage())));
        }
        g.setSRID(4326);
        if (g.isEmpty()) throw unprocessable(what + ": the geometry is empty").says("grids.geometry_empty", Map.of("what", what));
        Envelope e = g.getEnvelopeInternal();
        if (e.getMinX() < 73 || e.getMaxX() > 136 || e.getMinY() < 3 || e.getMaxY() > 54) {
            throw unprocessable(what + ": coordinates " + g.getCoordinate() + " lie outside China — expected lon, lat in EPSG:4326")
                    .says("grids.outside_china", Map.of("what", what, "at", String.valueOf(g.getCoordinate())));
        }
        return g;
    }

    static void requireValid(Geometry g, String what) {
        IsValidOp op = new IsValidOp(g);
        if (!op.isValid()) {
            var err = op.getValidationError();
            throw new ApiException(422, "invalid_geometry", what + ": " + err.getMessage() + " at "
                    + round(err.getCoordinate().x) + ", " + round(err.getCoordinate().y),
                    java.util.Map.of("problems", java.util.List.of(problem(what, err.getMessage(),
                            err.getCoordinate().x, err.getCoordinate().y))))
                    .says("grids.invalid_geometry", java.util.Map.of("what", what, "reason", err.getMessage(),
                            "lon", round(err.getCoordinate().x), "lat", round(err.getCoordinate().y)));
        }
    }

    static java.util.Map<String, Object> problem(String what, String reason, double lon, double lat) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("what", what);
        m.put("reason", reason);
        m.put("location", java.util.List.of(round(lon), round(lat)));
        return m;
    }

    static double round(double v) { return Math.round(v * 1e7) / 1e7; }

    public static JsonNode toJson(Geometry g) {
        GeoJsonWriter w = new GeoJsonWriter(7);
        w.setEncodeCRS(false);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.write(g));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiException unprocessable(String message) { return new ApiException(422, "invalid_geometry", message); }
}
