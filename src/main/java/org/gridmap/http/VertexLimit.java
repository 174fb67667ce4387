package org.gridmap.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Caps the vertices of one GeoJSON geometry in a request. Validity checks, snapping and threat zones grow with
 * the vertex count (100,000 vertices kept a core and a connection busy for seconds), and no grid or hazard
 * drawn by hand comes near the limit. Counted on the JSON tree, before any geometry is built.
 */
public final class VertexLimit {
    public static final int MAX_VERTICES = 10_000;

    private VertexLimit() { }

    /** Throws 422 when {@code geometry} has more than {@link #MAX_VERTICES} positions; {@code what} names it. */
    public static void check(JsonNode geometry, String what) {
        if (geometry == null) return;
        int n = count(geometry.path("coordinates"), 0);
        for (JsonNode member : geometry.path("geometries")) n = count(member.path("coordinates"), n);
        if (n > MAX_VERTICES) {
            throw new ApiException(422, "too_many_vertices", what + ": the geometry has more than " + MAX_VERTICES
                    + " vertices (the limit); simplify it before sending.", Map.of("maxVertices", MAX_VERTICES))
                    .says("http.too_many_vertices", Map.of("what", what, "max", MAX_VERTICES));
        }
    }

    /** Positions are arrays of numbers; counting stops as soon as the limit is passed. */
    private static int count(JsonNode node, int sofar) {
        if (!node.isArray() || sofar > MAX_VERTICES) return sofar;
        if (node.size() > 0 && node.get(0).isNumber()) return sofar + 1;
        int n = sofar;
        for (JsonNode child : node) {
            n = count(child, n);
            if (n > MAX_VERTICES) break;
        }
        return n;
    }
}
