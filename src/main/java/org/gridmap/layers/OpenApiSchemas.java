package org.gridmap.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schemas and the answers of the OpenAPI document: what each operation returns, errors included. */
final class OpenApiSchemas {
    private OpenApiSchemas() { }

    private static Map<String, Object> ref(String name) { return Map.of("$ref", "#/components/schemas/" + name); }

    private static Map<String, Object> error(String description) {
        return Map.of("description", description, "content", Map.of("application/json", Map.of("schema", ref("Error"))));
    }

    static Map<String, Object> ogcResponses(Map<String, Object> content, boolean hasPathParams) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("200", Map.of("description", "success", "content", content));
        if (content.containsKey(Links.GEOJSON) || content.containsKey(TileRoutes.MVT)) {
            r.put("304", Map.of("description", "not modified (If-None-Match named the ETag, or *)"));
        }
        r.put("400", error("a parameter is unknown or invalid"));
        if (hasPathParams) r.put("404", error("no such collection, feature or tile set"));
        r.put("default", error("error"));
        return r;
    }

    /** The answers of an application operation, from what the route table and the routes' conventions say. */
    static Map<String, Object> appResponses(String path, String method, boolean needsLogin, boolean hasParams) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> ok = Map.of("description", "success",
                "content", Map.of("application/json", Map.of("schema", ref("JsonObject"))));
        boolean write = !method.equals("get");
        if (method.equals("delete")) {
            r.put("204", Map.of("description", "done; no content"));
        } else if (method.equals("post") && (needsLogin || path.equals("/api/session"))) {
            if (!path.equals("/api/session") && !path.equals("/api/users")) r.put("200", ok);
            r.put("201", Map.of("description", "created", "content", ok.get("content")));
        } else {
            r.put("200", ok);
        }
        if (hasParams || write) r.put("400", error("invalid parameters or body"));
        if (needsLogin || path.equals("/api/session") && method.equals("post")) {
            r.put("401", error(needsLogin ? "not logged in" : "wrong username or password"));
        }
        if (needsLogin) r.put("403", error("the account's role may not do this"));
        if (path.contains("{")) r.put("404", error("not found"));
        if (write && needsLogin && !path.startsWith("/api/session")) {
            r.put("409", error("conflict: a version changed meanwhile or a unique rule refuses it"));
            r.put("422", error("the request is understood but breaks a rule (lifecycle, geometry, invariant)"));
        }
        if (path.equals("/api/session") && method.equals("post")) r.put("429", error("too many failed logins; retry later"));
        r.put("default", error("error"));
        return r;
    }

    static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Error", Map.of("type", "object", "required", List.of("error", "message"),
                "properties", Map.of("error", Map.of("type", "string"), "message", Map.of("type", "string"))));
        s.put("JsonObject", Map.of("type", "object", "additionalProperties", true));
        Map<String, Object> link = Map.of("type", "object", "required", List.of("href", "rel"), "properties", Map.of(
                "href", Map.of("type", "string"), "rel", Map.of("type", "string"), "type", Map.of("type", "string"),
                "title", Map.of("type", "string")));
        s.put("Link", link);
        Map<String, Object> links = Map.of("type", "array", "items", ref("Link"));
        s.put("LandingPage", Map.of("type", "object", "required", List.of("links"), "properties", Map.of(
                "title", Map.of("type", "string"), "description", Map.of("type", "string"), "links", links)));
        s.put("Conformance", Map.of("type", "object", "required", List.of("conformsTo"), "properties", Map.of(
                "conformsTo", Map.of("type", "array", "items", Map.of("type", "string")))));
        s.put("Collection", Map.of("type", "object", "required", List.of("id", "links"), "properties", Map.of(
                "id", Map.of("type", "string"), "title", Map.of("type", "string"), "description", Map.of("type", "string"),
                "extent", ref("JsonObject"), "crs", Map.of("type", "array", "items", Map.of("type", "string")),
                "storageCrs", Map.of("type", "string"), "links", links)));
        s.put("Collections", Map.of("type", "object", "required", List.of("links", "collections"), "properties", Map.of(
                "links", links, "crs", Map.of("type", "array", "items", Map.of("type", "string")),
                "collections", Map.of("type", "array", "items", ref("Collection")))));
        s.put("Feature", Map.of("type", "object", "required", List.of("type", "geometry", "properties"), "properties", Map.of(
                "type", Map.of("type", "string", "enum", List.of("Feature")), "id", Map.of("type", "integer"),
                "geometry", ref("JsonObject"), "properties", ref("JsonObject"), "links", links)));
        s.put("FeatureCollection", Map.of("type", "object", "required", List.of("type", "features"), "properties", Map.of(
                "type", Map.of("type", "string", "enum", List.of("FeatureCollection")),
                "numberMatched", Map.of("type", "integer"), "numberReturned", Map.of("type", "integer"),
                "timeStamp", Map.of("type", "string", "format", "date-time"), "links", links,
                "features", Map.of("type", "array", "items", ref("Feature")))));
        return s;
    }
}
