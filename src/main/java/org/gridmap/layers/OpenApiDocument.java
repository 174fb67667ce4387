package org.gridmap.layers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 description of {@code /ogc} and {@code /api}, generated from the layer catalog so the
 * document cannot drift from the collections. Other capabilities add their operations through {@link #add}.
 */
public final class OpenApiDocument {
    private final LayerCatalog catalog;
    private final Map<String, Map<String, Object>> extraPaths = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public OpenApiDocument(LayerCatalog catalog) {
        this.catalog = catalog;
        add("/health", "get", "Health: 200 while the database answers, 503 otherwise", List.of(), false);
        add("/api/session", "post", "Log in with {username, password}: a bearer token and an HttpOnly cookie", List.of(), false);
        add("/api/session", "get", "The logged-in user", List.of(), true);
        add("/api/session", "delete", "Log out", List.of(), true);
        add("/api/users", "get", "List accounts (admin)", List.of(), true);
        add("/api/users", "post", "Create an account {username, role, password} (admin)", List.of(), true);
        add("/api/search", "get", "Find grids, villages and facilities by code prefix or name",
                List.of(param("q", "query", "string", true, "text to find")), false);
    }

    public void add(String path, String method, String summary, List<Map<String, Object>> params, boolean needsLogin) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", summary);
        op.put("parameters", params);
        op.put("responses", responses());
        if (needsLogin) op.put("security", List.of(Map.of("bearer", List.of()), Map.of("cookie", List.of())));
        extraPaths.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, op);
    }

    public static Map<String, Object> param(String name, String in, String type, boolean required, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        p.put("description", description);
        p.put("schema", Map.of("type", type));
        return p;
    }

    private static Map<String, Object> responses() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("200", Map.of("description", "success"));
        r.put("default", Map.of("description", "error: {\"error\": code, \"message\": text}",
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
        return r;
    }

    public String json(String serverUrl) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "gridmap", "version", "0.1.0",
                "description", "OGC API – Features for the township's grids, facilities, roads, households and hazards; "
                        + "vector tiles; the gridmap application API."));
        doc.put("servers", List.of(Map.of("url", serverUrl)));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/ogc", Map.of("get", op("Landing page", List.of(fParam()))));
        paths.put("/ogc/conformance", Map.of("get", op("Conformance classes", List.of(fParam()))));
        paths.put("/ogc/api", Map.of("get", op("This document", List.of())));
        paths.put("/ogc/collections", Map.of("get", op("The collections", List.of(fParam()))));
        for (Layer l : catalog.all()) {
            String base = "/ogc/collections/" + l.id();
            paths.put(base, Map.of("get", op(l.title() + ": description", List.of(fParam()))));
            List<Map<String, Object>> itemParams = new ArrayList<>();
            Map<String, Object> limit = param("limit", "query", "integer", false, "page size (default 10)");
            limit.put("schema", Map.of("type", "integer", "minimum", 1, "maximum", ItemsRequest.MAX_LIMIT, "default", 10));
            itemParams.add(limit);
            itemParams.add(param("offset", "query", "integer", false, "features to skip"));
            Map<String, Object> bbox = param("bbox", "query", "array", false, "minLon,minLat,maxLon,maxLat");
            bbox.put("schema", Map.of("type", "array", "minItems", 4, "maxItems", 6, "items", Map.of("type", "number")));
            bbox.put("style", "form");
            bbox.put("explode", false);
            itemParams.add(bbox);
            itemParams.add(param("bbox-crs", "query", "string", false, "CRS of bbox: CRS84 (default) or EPSG:4490 (lat,lon order)"));
            for (Property p : l.queryables()) itemParams.add(param(p.name(), "query", p.type(), false, "equals filter"));
            itemParams.add(fParam());
            paths.put(base + "/items", Map.of("get", op(l.title() + ": features (GeoJSON)", itemParams)));
            paths.put(base + "/items/{featureId}", Map.of("get", op(l.title() + ": one feature",
                    List.of(param("featureId", "path", "integer", true, "feature id"), fParam()))));
            paths.put(base + "/queryables", Map.of("get", op(l.title() + ": queryable properties", List.of())));
        }
        paths.put("/tiles/{set}/{z}/{x}/{y}.mvt", Map.of("get", op("Mapbox vector tile of a collection or of 'basemap'",
                List.of(param("set", "path", "string", true, "collection id or basemap"),
                        param("z", "path", "integer", true, "zoom 0–22"), param("x", "path", "integer", true, "column"),
                        param("y", "path", "integer", true, "row")))));
        paths.put("/tiles/{set}.json", Map.of("get", op("TileJSON 3.0.0 of a tile set",
                List.of(param("set", "path", "string", true, "collection id or basemap")))));
        paths.putAll(extraPaths);
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "schemas", Map.of("Error", Map.of("type", "object", "required", List.of("error", "message"),
                        "properties", Map.of("error", Map.of("type", "string"), "message", Map.of("type", "string")))),
                "securitySchemes", Map.of(
                        "bearer", Map.of("type", "http", "scheme", "bearer"),
                        "cookie", Map.of("type", "apiKey", "in", "cookie", "name", "gridmap_session"))));
        try {
            return json.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fParam() {
        Map<String, Object> f = param("f", "query", "string", false, "json or html");
        f.put("schema", Map.of("type", "string", "enum", List.of("json", "html")));
        return f;
    }

    private static Map<String, Object> op(String summary, List<Map<String, Object>> params) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", summary);
        op.put("parameters", params);
        op.put("responses", responses());
        return op;
    }
}
