package org.gridmap.layers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.0 description of {@code /ogc} and {@code /api}, generated from the layer catalog so the
 * document cannot drift from the collections. Other capabilities add their operations through {@link #add}.
 * The OGC paths are relative to the landing page (the document's server is {@code …/ogc}), as OGC clients look
 * them up there (GDAL finds a collection's filters under {@code /collections/{id}/items}); the application's
 * paths name their own server.
 */
public final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private final LayerCatalog catalog;
    private final Map<String, Map<String, Map<String, Object>>> appPaths = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public OpenApiDocument(LayerCatalog catalog) {
        this.catalog = catalog;
        add("/health", "get", "Health: 200 while the database answers, 503 otherwise", List.of(), false);
        add("/api/config", "get", "Client settings (the optional Tianditu key)", List.of(), false);
        add("/api/session", "post", "Log in with {username, password}: a bearer token and an HttpOnly cookie", List.of(), false);
        add("/api/session", "get", "The logged-in user", List.of(), true);
        add("/api/session", "delete", "Log out (the token given, if any, stops working); 204 also without one", List.of(), false);
        add("/api/users", "get", "List accounts (admin)", List.of(), true);
        add("/api/users", "post", "Create an account {username, role, password} (admin)", List.of(), true);
        add("/api/search", "get", "Find grids, villages and facilities by code prefix or name",
                List.of(param("q", "query", "string", true, "text to find")), false);
    }

    /**
     * Describes one application operation. Path parameters not given are declared as strings; a write gets a JSON
     * request body; {@code needsLogin} adds the security requirement with its 401 and 403.
     */
    public void add(String path, String method, String summary, List<Map<String, Object>> params, boolean needsLogin) {
        List<Map<String, Object>> all = new ArrayList<>(params);
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            if (all.stream().noneMatch(p -> name.equals(p.get("name")) && "path".equals(p.get("in")))) {
                all.add(param(name, "path", "string", true, name));
            }
        }
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId(method, path));
        op.put("summary", summary);
        op.put("parameters", all);
        boolean write = !method.equals("get");
        if (write && !method.equals("delete")) op.put("requestBody", requestBody(path));
        op.put("responses", OpenApiSchemas.appResponses(path, method, needsLogin, !all.isEmpty()));
        op.put("security", needsLogin ? List.of(Map.of("bearer", List.of()), Map.of("cookie", List.of())) : List.of());
        appPaths.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, op);
    }

    private static Map<String, Object> requestBody(String path) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (path.equals("/api/grids/import")) {
            Map<String, Object> file = Map.of("schema", Map.of("type", "string", "format", "binary"));
            content.put("application/geo+json", file);
            content.put("application/zip", file);
            content.put("application/geopackage+sqlite3", file);
            content.put("application/octet-stream", file);
        } else {
            content.put("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/JsonObject")));
        }
        return Map.of("required", true, "description", "see the summary", "content", content);
    }

    private static String operationId(String method, String path) {
        StringBuilder sb = new StringBuilder(method);
        for (String part : path.split("[/{}.\\-_]+")) {
            if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
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

    public String json(String serverUrl) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "gridmap", "version", "0.1.0",
                "description", "OGC API – Features for the township's grids, facilities, roads, households and hazards; "
                        + "vector tiles; the gridmap application API."));
        doc.put("servers", List.of(Map.of("url", serverUrl + "/ogc", "description", "the OGC API landing page")));
        Map<String, Object> paths = new LinkedHashMap<>(OpenApiOgc.paths(catalog));
        List<Map<String, String>> root = List.of(Map.of("url", serverUrl));
        Set<String> ids = new LinkedHashSet<>();
        appPaths.forEach((path, ops) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("servers", root);
            new TreeMap<>(ops).forEach((method, op) -> {
                if (ids.add((String) op.get("operationId"))) item.put(method, op);
            });
            paths.put(path, item);
        });
        for (Map.Entry<String, Object> tiles : OpenApiOgc.tilePaths().entrySet()) {
            @SuppressWarnings("unchecked") Map<String, Object> item = new LinkedHashMap<>((Map<String, Object>) tiles.getValue());
            item.put("servers", root);
            paths.put(tiles.getKey(), item);
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "schemas", OpenApiSchemas.schemas(),
                "securitySchemes", Map.of(
                        "bearer", Map.of("type", "http", "scheme", "bearer"),
                        "cookie", Map.of("type", "apiKey", "in", "cookie", "name", "gridmap_session"))));
        try {
            return json.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
