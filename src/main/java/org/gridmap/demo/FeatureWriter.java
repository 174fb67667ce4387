package org.gridmap.demo;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Streams one GeoJSON FeatureCollection to a file, one feature per line.
 *
 * <p>Features are written as they come, so a city of a hundred towns never has to be held in memory. One line
 * per feature keeps the committed demo files diff-friendly. Coordinates are written with exactly seven decimals
 * (see {@link Fixed7}); property order is the caller's map order, so output is byte-for-byte reproducible.
 */
final class FeatureWriter implements Closeable {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(4096);
    private int count;
    private boolean closed;

    FeatureWriter(Path file, String collectionName) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        out.write("{\"type\":\"FeatureCollection\",\"name\":");
        out.write(quote(collectionName));
        out.write(",\"features\":[");
    }

    int count() {
        return count;
    }

    /** @param id a String or an Integer; properties values: String, Number, Boolean or null */
    void write(Object id, Geometry geometry, Map<String, ?> properties) throws IOException {
        line.setLength(0);
        line.append(count == 0 ? "\n" : ",\n");
        line.append("{\"type\":\"Feature\",\"id\":");
        value(id);
        line.append(",\"geometry\":");
        geometry(geometry);
        line.append(",\"properties\":{");
        boolean first = true;
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (!first) line.append(',');
            first = false;
            line.append(quote(e.getKey())).append(':');
            value(e.getValue());
        }
        line.append("}}");
        out.append(line);
        count++;
    }

    @Override
    public void close() throws IOException {
        // the generator closes a set before it writes the city file that marks the set complete, then again
        if (closed) return;
        closed = true;
        out.write("\n]}\n");
        out.close();
    }

    private void value(Object v) {
        if (v == null) line.append("null");
        else if (v instanceof String s) line.append(quote(s));
        else if (v instanceof Integer || v instanceof Long || v instanceof Boolean) line.append(v);
        else throw new IllegalArgumentException("unsupported property value " + v.getClass());
    }

    private void geometry(Geometry g) {
        if (g == null) {
            line.append("null");
        } else if (g instanceof Point p) {
            line.append("{\"type\":\"Point\",\"coordinates\":");
            position(p.getCoordinate());
            line.append('}');
        } else if (g instanceof LineString ls) {
            line.append("{\"type\":\"LineString\",\"coordinates\":");
            positions(ls.getCoordinates());
            line.append('}');
        } else if (g instanceof Polygon poly) {
            line.append("{\"type\":\"Polygon\",\"coordinates\":");
            rings(poly);
            line.append('}');
        } else if (g instanceof MultiPolygon mp) {
            line.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                if (i > 0) line.append(',');
                rings((Polygon) mp.getGeometryN(i));
            }
            line.append("]}");
        } else {
            throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
    }

    private void rings(Polygon p) {
        line.append('[');
        positions(p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            line.append(',');
            positions(p.getInteriorRingN(i).getCoordinates());
        }
        line.append(']');
    }

    private void positions(Coordinate[] cs) {
        line.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) line.append(',');
            position(cs[i]);
        }
        line.append(']');
    }

    private void position(Coordinate c) {
        line.append('[').append(Fixed7.format(c.x)).append(',').append(Fixed7.format(c.y)).append(']');
    }

    private static String quote(String s) {
        return '"' + new String(ENCODER.quoteAsString(s)) + '"';
    }
}
