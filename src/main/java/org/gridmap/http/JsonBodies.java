package org.gridmap.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies of the JSON routes must be JSON ({@code application/json} or {@code application/*+json}, UTF-8):
 * anything else is a 415, which also shuts out HTML forms posted from other sites. Routes that take files (the grid
 * import) are named at installation and judge their own bytes. Every request's path and query, and every JSON body,
 * must be clean UTF-8 text ({@link RequestText}).
 */
final class JsonBodies {
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private final Set<String> uploadPaths;

    private JsonBodies(Set<String> uploadPaths) { this.uploadPaths = uploadPaths; }

    static void install(JavalinConfig config, Set<String> uploadPaths) {
        JsonBodies bodies = new JsonBodies(Set.copyOf(uploadPaths));
        config.routes.before(ctx -> {
            RequestText.checkEncoded(ctx.req().getRequestURI(), RequestText.PATH);
            RequestText.checkEncoded(ctx.req().getQueryString(), RequestText.QUERY);
        });
        config.routes.beforeMatched(bodies::check);
    }

    void check(Context ctx) throws Exception {
        if (!WRITES.contains(ctx.method()) || uploadPaths.contains(ctx.path())) return;
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) return;
        String type = ctx.header("Content-Type");
        if (!isJson(type)) {
            ApiException e = new ApiException(415, "unsupported_media_type", "Send the request body as JSON with Content-Type: "
                    + "application/json" + (type == null ? "." : ", not " + type.strip() + "."));
            throw type == null ? e.says("http.not_json_untyped", Map.of()) : e.says("http.not_json", Map.of("type", type.strip()));
        }
        RequestText.checkJsonBody(body);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) return false;
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String media = parts[0].trim();
        if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) return false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) return false;
        }
        return true;
    }
}
