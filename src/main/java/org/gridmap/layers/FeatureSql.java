package org.gridmap.layers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.Envelope;

/**
 * Every SQL statement the layers issue, built here and nowhere else. Values always travel as bind
 * parameters; only identifiers from {@link LayerCatalog} (never from a request) are spliced in.
 */
public final class FeatureSql {
    private FeatureSql() { }

    /** A statement with its parameters in order. */
    public record Statement(String sql, List<Object> params) { }

    /** One answer of the search: where it is listed, which, and where to show it. */
    public record SearchHit(String collection, long id, String code, String name, double lon, double lat,
                            double minLon, double minLat, double maxLon, double maxLat) { }

    public static final Sql.Row<SearchHit> SEARCH_HIT = rs -> new SearchHit(rs.getString("collection"), rs.getLong("id"),
            rs.getString("code"), rs.getString("name"), rs.getDouble("lon"), rs.getDouble("lat"),
            rs.getDouble("min_lon"), rs.getDouble("min_lat"), rs.getDouble("max_lon"), rs.getDouble("max_lat"));

    /**
     * Villages, grids and facilities whose code starts with {@code text} or whose name holds it, villages first.
     * {@code text} is matched literally: its LIKE wildcards are escaped here.
     */
    public static Statement search(String text, int limit) {
        String literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String sql = """
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
                SELECT collection, id, code, name, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat,
                       ST_XMin(geom) AS min_lon, ST_YMin(geom) AS min_lat, ST_XMax(geom) AS max_lon, ST_YMax(geom) AS max_lat
                FROM hits ORDER BY rank, length(code), code LIMIT ?""";
        List<Object> params = new ArrayList<>(java.util.Collections.nCopies(7, literal));
        params.add(limit);
        return new Statement(sql, params);
    }

    private static String featureJson(Layer l, Crs crs) {
        String props = l.properties().stream()
                .map(p -> "'" + p.name() + "', " + p.sql())
                .collect(Collectors.joining(", "));
        return "json_build_object('type', 'Feature', 'id', " + Layer.ID_SQL + ", 'geometry', ST_AsGeoJSON("
                + crs.geometrySql(Layer.GEOM_SQL) + ", 7)::json, 'properties', json_build_object(" + props + "))";
    }

    private static String where(Layer l, FeatureQuery q, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        List<String> boxes = new ArrayList<>();
        for (Envelope box : q.bbox()) {
            boxes.add("(" + Layer.GEOM_SQL + " && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(" + Layer.GEOM_SQL
                    + ", ST_MakeEnvelope(?, ?, ?, ?, 4326)))");
            for (int i = 0; i < 2; i++) {
                params.add(box.getMinX());
                params.add(box.getMinY());
                params.add(box.getMaxX());
                params.add(box.getMaxY());
            }
        }
        if (!boxes.isEmpty()) clauses.add("(" + String.join(" OR ", boxes) + ")");
        if (q.time() != null && l.timeSql() != null) {
            if (q.time().start() != null) {
                clauses.add(l.timeSql() + " >= ?");
                params.add(OffsetDateTime.ofInstant(q.time().start(), ZoneOffset.UTC));
            }
            if (q.time().end() != null) {
                clauses.add(l.timeSql() + " <= ?");
                params.add(OffsetDateTime.ofInstant(q.time().end(), ZoneOffset.UTC));
            }
        }
        q.filters().forEach((name, value) -> {
            Property p = l.property(name).orElseThrow();
            clauses.add(p.sql() + ("string".equals(p.type()) ? " = ?" : "::text = ?"));
            params.add(value);
        });
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** One text row: the page's features joined by commas (PostgreSQL builds the JSON; Java only frames it). */
    public static Statement itemsPage(Layer l, FeatureQuery q) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT coalesce(string_agg(f, ',' ORDER BY id), '') AS features, count(*) AS returned FROM (SELECT " + Layer.ID_SQL
                + " AS id, " + featureJson(l, q.crs()) + "::text AS f FROM " + l.from() + where(l, q, params)
                + " ORDER BY " + Layer.ID_SQL + " LIMIT ? OFFSET ?) page";
        params.add(q.limit());
        params.add(q.offset());
        return new Statement(sql, params);
    }

    public static Statement count(Layer l, FeatureQuery q) {
        List<Object> params = new ArrayList<>();
        return new Statement("SELECT count(*) AS matched FROM " + l.from() + where(l, q, params), params);
    }

    public static Statement item(Layer l, long id, Crs crs) {
        return new Statement("SELECT " + featureJson(l, crs) + "::text AS feature FROM " + l.from() + " WHERE " + Layer.ID_SQL + " = ?",
                List.of(id));
    }

    /** Spatial extent, then the first and last instant (nulls for collections without time). */
    public static Statement extent(Layer l) {
        String t = l.timeSql() == null ? "NULL::timestamptz" : l.timeSql();
        return new Statement("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), t0, t1 FROM (SELECT ST_Extent("
                + Layer.GEOM_SQL + ") AS e, min(" + t + ") AS t0, max(" + t + ") AS t1 FROM " + l.from() + ") x",
                List.of());
    }

    /**
     * The MVT layer of one collection for tile z/x/y: geometries clipped to the tile (plus a 64-unit margin so
     * strokes and labels continue across tile edges), simplified to a fraction of a pixel at low zoom.
     * Parameters: z, x, y (three times).
     */
    public static String tileLayer(Layer l) {
        return tileLayer(l, "");
    }

    /** {@link #tileLayer(Layer)} drawn only where {@code condition} (on the bounds {@code b}) holds. */
    private static String tileLayer(Layer l, String condition) {
        String geom = l.geometryType().equals("Point") ? "ST_Transform(" + Layer.GEOM_SQL + ", 3857)"
                : "ST_Transform(ST_Simplify(" + Layer.GEOM_SQL + ", 180.0 / (4096 * 2 ^ b.z)), 3857)";
        return mvtLayer(l, geom, l.from() + ", bounds b WHERE " + Layer.GEOM_SQL + " && b.env4326" + condition);
    }

    /**
     * OFFSET 0 keeps {@code q.geom IS NOT NULL} out of the subquery: pushed down, it made PostgreSQL compute
     * ST_AsMVTGeom twice per feature (in the filter and in the select list), the most of a tile of many features.
     */
    private static String mvtLayer(Layer l, String geom3857, String fromWhere) {
        String attrs = l.tileProperties().stream().map(p -> p.sql() + " AS \"" + p.name() + "\"")
                .collect(Collectors.joining(", "));
        String filter = l.tileFilter() == null ? "" : " AND " + l.tileFilter().replace(":z", "b.z");
        return "(SELECT coalesce(ST_AsMVT(q, '" + tileLayerName(l) + "', 4096, 'geom', 'id'), ''::bytea) FROM (SELECT "
                + Layer.ID_SQL + " AS id" + (attrs.isEmpty() ? "" : ", " + attrs)
                + ", ST_AsMVTGeom(" + geom3857 + ", b.env, 4096, 64, true) AS geom FROM " + fromWhere
                + " AND b.z >= " + l.minZoom() + filter + " OFFSET 0) q WHERE q.geom IS NOT NULL)";
    }

    /** Layers whose simplified shapes are kept per zoom in {@code basemap_shapes} (migration V25). */
    public static final List<String> GENERALISED = List.of("towns", "villages", "grids", "roads");

    /**
     * A generalised layer's MVT layer: up to {@code gridmap_basemap_last_zoom()} its shapes simplified ahead for the
     * tile's zoom, read by (layer, zoom, box) with the row's attributes; above it, {@link #tileLayer(Layer)}. Both
     * draw the same geometry (V25 keeps exactly the expression tileLayer computes), so the tile is the same.
     * The box is the tile's with the 64-unit margin, in EPSG:3857 as the shapes are.
     */
    public static List<String> generalisedTileLayer(Layer l) {
        String ahead = mvtLayer(l, "s.geom", "basemap_shapes s, bounds b, " + l.from()
                + " WHERE s.layer = '" + l.table() + "' AND s.z = b.z"
                + " AND s.geom && ST_Expand(b.env, (ST_XMax(b.env) - ST_XMin(b.env)) * 64.0 / 4096)"
                + " AND " + Layer.ID_SQL + " = s.id AND b.z <= gridmap_basemap_last_zoom()");
        return List.of(ahead, tileLayer(l, " AND b.z > gridmap_basemap_last_zoom()"));
    }

    /** Households below zoom 15: counts on a 64×64 raster per tile, a density view instead of 15,000 dots. */
    /**
     * Household density below zoom 15 from the cells aggregated ahead (migration V21, table household_density): the
     * tile reads its own cells by key, and each cell becomes one dot at its households' centroid with their count and
     * members. The tile's x and y are read back from its envelope, so the statement keeps the parameters of {@link #tile}.
     */
    public static String householdDensityLayer() {
        return "(SELECT coalesce(ST_AsMVT(q, 'households', 4096, 'geom'), ''::bytea) FROM ("
                + "SELECT d.households AS count, d.members, "
                + "ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(d.sum_x / d.households, d.sum_y / d.households), 3857), b.env, 4096, 0, true)"
                + " AS geom "
                + "FROM household_density d, bounds b WHERE b.z < 15 AND d.z = b.z "
                + "AND d.tx = round((ST_XMin(b.env) + 20037508.342789244) / (ST_XMax(b.env) - ST_XMin(b.env)))::int "
                + "AND d.ty = round((20037508.342789244 - ST_YMax(b.env)) / (ST_YMax(b.env) - ST_YMin(b.env)))::int"
                + " OFFSET 0) q WHERE q.geom IS NOT NULL)";
    }

    public static String tileLayerName(Layer l) { return l.id().equals("service-points") ? "facilities" : l.id(); }

    /** Wraps layer expressions into one statement over the tile's bounds; parameters z, x, y, z, x, y, z. */
    public static String tile(List<String> layerExpressions) {
        return "WITH bounds AS (SELECT ST_TileEnvelope(?, ?, ?) AS env, "
                + "ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326) AS env4326, ?::int AS z) "
                + "SELECT " + String.join(" || ", layerExpressions);
    }
}
