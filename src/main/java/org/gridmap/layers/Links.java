package org.gridmap.layers;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** OGC API link objects and URL building. */
final class Links {
    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String HTML = "text/html";
    private static final java.util.Set<String> HEADER_RELS = java.util.Set.of("self", "alternate", "next", "prev");

    private Links() { }

    static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        if (title != null) l.put("title", title);
        return l;
    }

    static String base(Context ctx) { return TileRoutes.baseUrl(ctx); }

    /** The request's own URL with some parameters replaced (others kept, in order). */
    static String withParams(Context ctx, Map<String, String> replace) {
        Map<String, List<String>> q = new LinkedHashMap<>(ctx.queryParamMap());
        replace.forEach((k, v) -> {
            if (v == null) q.remove(k);
            else q.put(k, List.of(v));
        });
        String qs = q.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
        return base(ctx) + ctx.path() + (qs.isEmpty() ? "" : "?" + qs);
    }

    /** The self, alternate, next and prev links as an HTTP {@code Link} header value (RFC 8288). */
    static String header(List<Map<String, Object>> links) {
        return links.stream()
                .filter(l -> HEADER_RELS.contains(String.valueOf(l.get("rel"))))
                .map(l -> "<" + l.get("href") + ">; rel=\"" + l.get("rel") + "\"; type=\"" + l.get("type") + "\"")
                .collect(Collectors.joining(", "));
    }

    /** The same links seen from the HTML rendering: what was the alternate is now self, and the other way. */
    static List<Map<String, Object>> swapSelf(List<Map<String, Object>> links) {
        return links.stream().map(l -> {
            Object rel = l.get("rel");
            if (!"self".equals(rel) && !"alternate".equals(rel)) return l;
            Map<String, Object> c = new LinkedHashMap<>(l);
            c.put("rel", "self".equals(rel) ? "alternate" : "self");
            return c;
        }).toList();
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ","); }
}
