package org.gridmap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/** Reads the generated GeoJSON back, independently of the writer, into JTS geometries and raw properties. */
final class GeoJsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GF = new GeometryFactory();

    record Feature(JsonNode id, Geometry geometry, JsonNode props) {
        String str(String key) {
            return props.get(key).isNull() ? null : props.get(key).asText();
        }
    }

    record Collection(String name, List<Feature> features) {
    }

    private GeoJsonFiles() {
    }

    static Collection read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<Feature> out = new ArrayList<>();
        for (JsonNode f : root.get("features")) {
            out.add(new Feature(f.get("id"), geometry(f.get("geometry")), f.get("properties")));
        }
        return new Collection(root.get("name").asText(), out);
    }

    static Geometry geometry(JsonNode g) {
        if (g == null || g.isNull()) return null;
        JsonNode c = g.get("coordinates");
        return switch (g.get("type").asText()) {
            case "Point" -> GF.createPoint(coord(c));
            case "LineString" -> GF.createLineString(coords(c));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] ps = new Polygon[c.size()];
                for (int i = 0; i < ps.length; i++) ps[i] = polygon(c.get(i));
                yield GF.createMultiPolygon(ps);
            }
            default -> throw new IllegalArgumentException(g.get("type").asText());
        };
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = GF.createLinearRing(coords(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) holes[i - 1] = GF.createLinearRing(coords(rings.get(i)));
        return GF.createPolygon(shell, holes);
    }

    private static Coordinate[] coords(JsonNode a) {
        Coordinate[] out = new Coordinate[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = coord(a.get(i));
        return out;
    }

    private static Coordinate coord(JsonNode p) {
        // Parse the literal text, as any GeoJSON client would.
        return new Coordinate(Double.parseDouble(p.get(0).asText()), Double.parseDouble(p.get(1).asText()));
    }
}
