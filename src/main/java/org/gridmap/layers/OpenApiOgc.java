package org.gridmap.layers;

import static org.gridmap.layers.OpenApiDocument.param;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OGC API – Features and vector tile operations of the OpenAPI document, one path per collection. */
final class OpenApiOgc {
    private OpenApiOgc() { }

    static Map<String, Object> paths(LayerCatalog catalog) {
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", get("getLandingPage", "Landing page", List.of(fParam()), json("LandingPage", true)));
        paths.put("/conformance", get("getConformance", "Conformance classes", List.of(fParam()), json("Conformance", true)));
        paths.put("/api", get("getApiDefinition", "This document (f=html: as a page)", List.of(fParam()),
                Map.of(OgcRoutes.OPENAPI, schema("JsonObject"), "text/html", Map.of("schema", Map.of("type", "string")))));
        paths.put("/collections", get("getCollections", "The collections", List.of(fParam()), json("Collections", true)));
        for (Layer l : catalog.all()) {
            String base = "/collections/" + l.id();
            String id = camel(l.id());
            paths.put(base, get("describe" + id + "Collection", l.title() + ": description", List.of(fParam()),
                    json("Collection", true)));
            paths.put(base + "/items", get("get" + id + "Features", l.title() + ": features (GeoJSON)", itemParams(l),
                    geoJson("FeatureCollection")));
            Map<String, Object> item = get("get" + id + "Feature", l.title() + ": one feature",
                    List.of(param("featureId", "path", "integer", true, "feature id"), crsParam("crs", "CRS of the output"),
                            fParam()), geoJson("Feature"));
            paths.put(base + "/items/{featureId}", item);
            paths.put(base + "/queryables", get("get" + id + "Queryables", l.title() + ": queryable properties",
                    List.of(fParam()), Map.of("application/schema+json", schema("JsonObject"))));
        }
        return paths;
    }

    static Map<String, Object> tilePaths() {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> tile = get("getTile", "Mapbox vector tile of a collection or of 'basemap'",
                List.of(param("set", "path", "string", true, "collection id or basemap"),
                        param("z", "path", "integer", true, "zoom 0–22"), param("x", "path", "integer", true, "column"),
                        param("y", "path", "integer", true, "row"),
                        param("v", "query", "string", false, "any revision token, to bypass caches after an edit")),
                Map.of(TileRoutes.MVT, Map.of("schema", Map.of("type", "string", "format", "binary"))));
        responses(tile).put("204", Map.of("description", "no feature in this tile"));
        paths.put("/tiles/{set}/{z}/{x}/{y}.mvt", tile);
        Map<String, Object> tileJson = get("getTileJson", "TileJSON 3.0.0 of a tile set",
                List.of(param("set", "path", "string", true, "collection id or basemap")), json("JsonObject", false));
        responses(tileJson).remove("304");
        paths.put("/tiles/{set}.json", tileJson);
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> responses(Map<String, Object> pathItem) {
        return (Map<String, Object>) ((Map<String, Object>) pathItem.get("get")).get("responses");
    }

    private static List<Map<String, Object>> itemParams(Layer l) {
        List<Map<String, Object>> p = new ArrayList<>();
        Map<String, Object> limit = param("limit", "query", "integer", false,
                "page size (default 10; more than " + ItemsRequest.MAX_LIMIT + " gives " + ItemsRequest.MAX_LIMIT + ")");
        limit.put("schema", Map.of("type", "integer", "minimum", 1, "default", ItemsRequest.DEFAULT_LIMIT));
        limit.put("style", "form");
        limit.put("explode", false);
        p.add(limit);
        Map<String, Object> offset = param("offset", "query", "integer", false, "features to skip");
        offset.put("schema", Map.of("type", "integer", "minimum", 0, "default", 0));
        p.add(offset);
        Map<String, Object> bbox = param("bbox", "query", "array", false,
                "minLon,minLat,maxLon,maxLat (in bbox-crs axis order); west > east crosses the antimeridian");
        bbox.put("schema", Map.of("type", "array", "minItems", 4, "maxItems", 6, "items", Map.of("type", "number")));
        bbox.put("style", "form");
        bbox.put("explode", false);
        p.add(bbox);
        p.add(crsParam("bbox-crs", "CRS of bbox (EPSG:4326 and EPSG:4490 are latitude first)"));
        p.add(param("datetime", "query", "string", false, l.timeSql() == null
                ? "instant or interval (RFC 3339, '..' for an open end); this collection has no time, so all match"
                : "instant or interval (RFC 3339, '..' for an open end): the features whose time falls in it"));
        p.add(crsParam("crs", "CRS of the output coordinates (Content-Crs tells which)"));
        for (Property q : l.queryables()) p.add(param(q.name(), "query", q.type(), false, "equals filter"));
        p.add(fParam());
        return p;
    }

    private static Map<String, Object> crsParam(String name, String description) {
        Map<String, Object> p = param(name, "query", "string", false, description);
        p.put("schema", Map.of("type", "string", "format", "uri", "enum", Crs.uris(), "default", Crs.CRS84.uri()));
        return p;
    }

    private static Map<String, Object> fParam() {
        Map<String, Object> f = param("f", "query", "string", false, "json or html (default: by the Accept header)");
        f.put("schema", Map.of("type", "string", "enum", List.of("json", "html")));
        return f;
    }

    private static Map<String, Object> schema(String name) {
        return Map.of("schema", Map.of("$ref", "#/components/schemas/" + name));
    }

    private static Map<String, Object> json(String schema, boolean html) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("application/json", schema(schema));
        if (html) c.put("text/html", Map.of("schema", Map.of("type", "string")));
        return c;
    }

    private static Map<String, Object> geoJson(String schema) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(Links.GEOJSON, schema(schema));
        c.put("text/html", Map.of("schema", Map.of("type", "string")));
        return c;
    }

    private static Map<String, Object> get(String id, String summary, List<Map<String, Object>> params,
                                           Map<String, Object> content) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", id);
        op.put("summary", summary);
        op.put("parameters", params);
        op.put("responses", OpenApiSchemas.ogcResponses(content, params.stream().anyMatch(p -> "path".equals(p.get("in")))));
        op.put("security", List.of());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("get", op);
        return item;
    }

    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return sb.toString();
    }
}
