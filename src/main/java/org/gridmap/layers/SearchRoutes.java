package org.gridmap.layers;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;

/** {@code GET /api/search?q=}: grids, villages and facilities by code prefix or a piece of their name. */
public final class SearchRoutes {
    private final SearchService search;

    public SearchRoutes(SearchService search) { this.search = search; }

    public void search(Context ctx) throws Exception {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) throw ApiException.badRequest("Give the text to find as ?q=").says("layers.search_q", Map.of());
        q = q.trim();
        if (q.length() > 100) {
            throw ApiException.badRequest("The search text is too long (100 characters at most)").says("layers.search_long", Map.of());
        }
        List<Map<String, Object>> results = search.find(q).stream().map(SearchRoutes::json).toList();
        ctx.json(Map.of("query", q, "results", results));
    }

    private static Map<String, Object> json(FeatureSql.SearchHit h) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("collection", h.collection());
        r.put("id", h.id());
        r.put("code", h.code());
        r.put("name", h.name());
        r.put("center", List.of(h.lon(), h.lat()));
        r.put("bbox", List.of(h.minLon(), h.minLat(), h.maxLon(), h.maxLat()));
        return r;
    }
}
