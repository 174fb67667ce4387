package org.gridmap.layers;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.http.ApiException;

/** {@code GET /api/search?q=}: grids, villages and facilities by code prefix or a piece of their name. */
public final class SearchRoutes {
    private static final String SQL = """
            WITH hits AS (
                SELECT 'villages' AS collection, id, code, name, geom, 1 AS rank FROM villages
                 WHERE code LIKE ? || '%' OR name ILIKE '%' || ? || '%' OR name_en ILIKE '%' || ? || '%'
                UNION ALL
                SELECT 'grids', id, code, name, geom, 2 FROM grids
                 WHERE code LIKE ? || '%' OR name ILIKE '%' || ? || '%'
                UNION ALL
                SELECT 'service-points', id, code, name, geom, 3 FROM facilities
                 WHERE code LIKE ? || '%' OR name ILIKE '%' || ? || '%'
            )
            SELECT collection, id, code, name, ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)),
                   ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)
            FROM hits ORDER BY rank, length(code), code LIMIT ?""";
    private final DataSource db;

    public SearchRoutes(DataSource db) { this.db = db; }

    public void search(Context ctx) throws Exception {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) throw ApiException.badRequest("Give the text to find as ?q=");
        q = q.trim();
        if (q.length() > 100) throw ApiException.badRequest("The search text is too long (100 characters at most)");
        String literal = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        List<Map<String, Object>> results = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            for (int i = 1; i <= 7; i++) ps.setString(i, literal);
            ps.setInt(8, 20);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("collection", rs.getString(1));
                    r.put("id", rs.getLong(2));
                    r.put("code", rs.getString(3));
                    r.put("name", rs.getString(4));
                    r.put("center", List.of(rs.getDouble(5), rs.getDouble(6)));
                    r.put("bbox", List.of(rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10)));
                    results.add(r);
                }
            }
        }
        ctx.json(Map.of("query", q, "results", results));
    }
}
