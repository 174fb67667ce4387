package org.gridmap.importer;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Geometry;

/** One GeoJSON feature as read from a file: its id (as text), its properties and its geometry (may be null). */
record Feature(String id, JsonNode properties, Geometry geometry) {
    String text(String key) {
        JsonNode n = properties == null ? null : properties.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }

    boolean has(String key) {
        return properties != null && properties.hasNonNull(key);
    }
}
