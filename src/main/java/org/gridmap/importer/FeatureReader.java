package org.gridmap.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Streams the features of one GeoJSON FeatureCollection without holding the file in memory, so a city's
 * million households import in bounded memory. Syntax and geometry errors become problems, not exceptions.
 *
 * <p>A reader is a cursor ({@link #peek}, {@link #next}): a city set is read town by town from its files side by
 * side, each file as far as the features of one town go. {@link #read} pushes a whole file instead.
 */
final class FeatureReader implements Closeable {
    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Set<String> ACCEPTED_CRS = Set.of(
            "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326",
            "EPSG:4490", "urn:ogc:def:crs:EPSG::4490", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/4490");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    interface Sink { void accept(Feature f) throws IOException; }

    private final GeoJsonReader geometryReader = new GeoJsonReader(FACTORY);
    private final String file;
    private final CountingStream in;
    private final long size;
    private final JsonParser p;
    private Problems problems;
    private boolean inFeatures;
    private boolean sawFeatures;
    private boolean done;
    private long count;
    private Feature peeked;

    /** Opens {@code raw} and reads up to its first feature; problems of the file's head go to {@code problems}. */
    FeatureReader(String file, InputStream raw, long size, Problems problems) throws IOException {
        this.file = file;
        this.in = new CountingStream(raw);
        this.size = size;
        this.problems = problems;
        this.p = new JsonFactory(MAPPER).createParser(in);
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                problems.add(file, null, "not a GeoJSON FeatureCollection (the file must start with '{')");
                done = true;
            } else {
                fields();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            broken(e);
        }
    }

    /** Reads every feature of {@code in}; returns the number read. */
    static long read(String file, InputStream raw, long size, Problems problems, ImportProgress progress, Sink sink)
            throws IOException {
        try (FeatureReader r = new FeatureReader(file, raw, size, problems)) {
            for (Feature f = r.next(problems); f != null; f = r.next(problems)) {
                sink.accept(f);
                if ((r.count & 1023) == 0) progress.progress(file, r.in.count(), size, r.count);
            }
            progress.finished(file, r.count);
            return r.count;
        }
    }

    String file() { return file; }

    /** The next readable feature without taking it, or null at the end; problems on the way go to {@code into}. */
    Feature peek(Problems into) throws IOException {
        if (peeked == null) peeked = advance(into);
        return peeked;
    }

    /** Takes the next readable feature, or null at the end. */
    Feature next(Problems into) throws IOException {
        Feature f = peek(into);
        peeked = null;
        return f;
    }

    @Override
    public void close() throws IOException {
        p.close();
    }

    private Feature advance(Problems into) throws IOException {
        problems = into;
        try {
            while (!done) {
                if (!inFeatures) {
                    fields();
                    continue;
                }
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    inFeatures = false;
                    continue;
                }
                JsonNode node = p.readValueAsTree();
                count++;
                Feature f = toFeature(node, count);
                if (f != null) return f;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            broken(e);
        }
        return null;
    }

    /** The fields of the collection up to the features array (then {@code inFeatures}) or to its end. */
    private void fields() throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("crs".equals(field)) {
                JsonNode crs = p.readValueAsTree();
                String name = crs.path("properties").path("name").asText("");
                if (!ACCEPTED_CRS.contains(name)) {
                    problems.add(file, null, "unsupported CRS '" + name + "': gridmap imports EPSG:4326 (lon/lat) or "
                            + "EPSG:4490; convert first, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.shp");
                    done = true;
                    return;
                }
            } else if ("type".equals(field)) {
                if (!"FeatureCollection".equals(p.getText())) {
                    problems.add(file, null, "type is '" + p.getText() + "', expected FeatureCollection");
                    done = true;
                    return;
                }
            } else if ("features".equals(field) && t == JsonToken.START_ARRAY) {
                sawFeatures = true;
                inFeatures = true;
                return;
            } else {
                p.skipChildren();
            }
        }
        if (!sawFeatures) problems.add(file, null, "no 'features' array");
        done = true;
    }

    private void broken(com.fasterxml.jackson.core.JsonProcessingException e) {
        problems.add(file, count == 0 ? null : "#" + (count + 1),
                "broken JSON near line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        done = true;
    }

    private Feature toFeature(JsonNode node, long index) {
        JsonNode idNode = node.get("id");
        JsonNode props = node.get("properties");
        String id = idNode != null && !idNode.isNull() ? idNode.asText()
                : props != null && props.hasNonNull("code") ? props.get("code").asText()
                : props != null && props.hasNonNull("id") ? props.get("id").asText() : "#" + index;
        if (!"Feature".equals(node.path("type").asText())) {
            problems.add(file, id, "type is '" + node.path("type").asText() + "', expected Feature");
            return null;
        }
        JsonNode g = node.get("geometry");
        Geometry geometry = null;
        if (g != null && !g.isNull()) {
            try {
                geometry = parseGeometry(g);
            } catch (ParseException | RuntimeException e) {
                problems.add(file, id, "unreadable geometry: " + e.getMessage());
                return null;
            }
        }
        return new Feature(id, props, geometry);
    }

    private Geometry parseGeometry(JsonNode g) throws ParseException {
        // Points are most of a large set (households): read them without the string round trip.
        if ("Point".equals(g.path("type").asText())) {
            JsonNode c = g.get("coordinates");
            if (c == null || !c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
                throw new ParseException("a Point needs numeric [lon, lat] coordinates");
            }
            return FACTORY.createPoint(new Coordinate(c.get(0).asDouble(), c.get(1).asDouble()));
        }
        Geometry geom = geometryReader.read(g.toString());
        geom.setSRID(4326);
        return geom;
    }
}
