package org.gridmap.errands;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.db.Sql;
import org.gridmap.layers.TileCoord;

/**
 * The SQL of errands on the map: open and overdue errands per grid (public, counts only), each open errand at
 * its holder's place (staff, scoped to the account), and the places an errand's path runs through. The items
 * (GeoJSON) and the vector tiles of each layer are made from the same rows, so they cannot disagree. No
 * resident column is ever selected here.
 */
final class ErrandMapSql {
    private ErrandMapSql() { }

    /** Open: not yet back with the resident. The same test as {@code ErrandService.overdue}'s "finished". */
    private static final String OPEN = "e.stage NOT IN ('returned', 'closed')";
    /** The deadline that counts now: the receiver's while a hand-off is in transit, else the holder's. */
    private static final String DUE = "coalesce(t.receiver_due_at, e.stage_due_at)";
    private static final String FROM = """
            FROM errands e
            JOIN errand_items i ON i.code = e.item_code
            JOIN grids g ON g.id = e.grid_id
            JOIN villages v ON v.id = g.village_id
            LEFT JOIN errand_handoffs t ON t.errand_id = e.id AND t.confirmed_at IS NULL
            """;

    /**
     * The facility where an errand at {@code stage} is held: the service point it was filed at (or, filed by
     * phone, the grid's hub), the grid's hub, the village's station, the town's service center (the department's
     * window). Needs {@code e}, {@code g}, {@code v} in scope; yields {@code place_code, place_name, place_level,
     * place_geom}, nothing when the town lacks that facility.
     */
    private static String placeAt(String stage) {
        String cols = "f.code AS place_code, f.name AS place_name, f.level AS place_level, f.geom AS place_geom";
        return "LEFT JOIN LATERAL (SELECT place_code, place_name, place_level, place_geom FROM ("
                + "SELECT 1 AS rank, " + cols + " FROM facilities f WHERE " + stage + " = 'filed' AND f.id = e.facility_id "
                + "UNION ALL SELECT 2, " + cols + " FROM facilities f WHERE " + stage + " IN ('filed', 'grid') "
                + "AND f.grid_id = e.grid_id AND f.level = 'grid' "
                + "UNION ALL SELECT 3, " + cols + " FROM facilities f WHERE " + stage + " = 'station' "
                + "AND f.village_id = g.village_id AND f.level = 'station' "
                + "UNION ALL SELECT 4, " + cols + " FROM facilities f WHERE " + stage + " IN ('department', 'result_ready') "
                + "AND f.town_id = v.town_id AND f.level = 'center') places ORDER BY rank LIMIT 1) p ON true\n";
    }

    /**
     * Who may see which errands on the staff layer; parameters: admin, then the user id five times. Besides what an
     * account holds or is being handed: its grids' staff see the grid, a grid leader the village; a position (V15)
     * covers its place — a point or hub its grid, a station its village (the station's view of what is late below
     * it), a window of the center its town's errands of that window's items.
     */
    private static final String SCOPE = """
            (?::boolean
             OR e.holder_user_id = ?
             OR t.to_user_id = ?
             OR e.grid_id IN (SELECT s.grid_id FROM staff s WHERE s.user_id = ?)
             OR g.village_id IN (SELECT lg.village_id FROM staff s JOIN grids lg ON lg.id = s.grid_id
                                 WHERE s.user_id = ? AND s.role = 'grid_leader')
             OR EXISTS (SELECT 1 FROM errand_position_scopes ps WHERE ps.account_id = ?
                        AND ((ps.kind IN ('point', 'grid') AND ps.grid_id = e.grid_id)
                          OR (ps.kind = 'station' AND ps.village_id = g.village_id)
                          OR (ps.kind = 'window' AND ps.town_id = v.town_id AND ps.window_code = i.window_code))))""";

    /** One open errand at its holder's place, as the staff layer shows it. Parameters: now, now, village ×2, scope. */
    private static String openErrands(String extraWhere) {
        return "SELECT e.id, e.number, e.item_code, i.name AS item_name, i.name_en AS item_name_en, e.stage, e.urgent, "
                + "t.to_stage AS transit_to, " + DUE + " AS due_at, coalesce(" + DUE + " < ?, false) AS overdue, "
                + "round((greatest(0, extract(epoch FROM ?::timestamptz - " + DUE + ")) / 3600.0)::numeric, 1) AS hours_late, "
                + "g.code AS grid_code, g.name AS grid_name, v.code AS village_code, p.place_code, p.place_level, "
                + "coalesce(p.place_geom, ST_PointOnSurface(g.geom)) AS geom\n"
                + FROM + placeAt("e.stage")
                + "WHERE " + OPEN + " AND (?::text IS NULL OR v.code = ?::text) AND " + SCOPE + extraWhere;
    }

    /** Per grid with open errands: how many are open and how many overdue. Parameters: now, village ×2. */
    private static String perGrid(String extraWhere) {
        return "SELECT g.id, g.code AS grid_code, g.name AS grid_name, v.code AS village_code, g.geom, count(*) AS open, "
                + "count(*) FILTER (WHERE " + DUE + " < ?) AS overdue\n" + FROM
                + "WHERE " + OPEN + " AND (?::text IS NULL OR v.code = ?::text)" + extraWhere
                + " GROUP BY g.id, v.code";
    }

    private static final String GRID_FEATURE = "json_build_object('type', 'Feature', 'id', r.id, "
            + "'geometry', ST_AsGeoJSON(r.geom, 7)::json, 'properties', json_build_object('grid', r.grid_code, "
            + "'name', r.grid_name, 'village', r.village_code, 'open', r.open, 'overdue', r.overdue))";

    private static final String ERRAND_FEATURE = "json_build_object('type', 'Feature', 'id', r.id, "
            + "'geometry', ST_AsGeoJSON(r.geom, 7)::json, 'properties', json_build_object('number', r.number, "
            + "'item', r.item_code, 'itemName', r.item_name, 'itemNameEn', r.item_name_en, 'stage', r.stage, "
            + "'urgent', r.urgent, 'inTransit', r.transit_to IS NOT NULL, 'transitTo', r.transit_to, "
            + "'dueAt', to_char(r.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'overdue', r.overdue, "
            + "'hoursLate', r.hours_late, 'grid', r.grid_code, 'gridName', r.grid_name, 'village', r.village_code, "
            + "'place', r.place_code, 'placeLevel', r.place_level))";

    private static String collection(String feature, String rows, String order) {
        return "SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(" + feature
                + " ORDER BY " + order + "), '[]'::json))::text AS body FROM (" + rows + ") r";
    }

    /**
     * Tile bounds, then the layer from {@code rows} (which may use {@code b.env4326}); parameters z, x, y ×2 first.
     * Features are clipped to the tile with a 64-unit margin, like the map's other tiles.
     */
    private static String tile(String layer, String attrs, String rows) {
        return "WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS env, "
                + "ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326) AS env4326) "
                + "SELECT coalesce((SELECT ST_AsMVT(q, '" + layer + "', 4096, 'geom', 'id') FROM (SELECT r.id, " + attrs
                + ", ST_AsMVTGeom(ST_Transform(r.geom, 3857), b.env, 4096, 64, true) AS geom FROM (" + rows
                + ") r, b) q WHERE q.geom IS NOT NULL), ''::bytea) AS tile";
    }

    private static final String IN_TILE = " AND g.geom && (SELECT env4326 FROM b)";

    private static List<Object> tileParams(TileCoord c) {
        return new ArrayList<>(List.of(c.z(), c.x(), c.y(), c.z(), c.x(), c.y()));
    }

    /** now, now, village, village, then the scope: admin, the user id five times. */
    private static List<Object> openParams(Instant now, String village, ErrandMap.Scope scope) {
        List<Object> p = new ArrayList<>();
        p.add(now);
        p.add(now);
        p.add(village);
        p.add(village);
        p.add(scope.all());
        for (int i = 0; i < 5; i++) p.add(scope.userId());
        return p;
    }

    // ---- public: per grid

    static String gridsGeoJson(Connection c, Instant now, String village) throws SQLException {
        return Sql.one(c, collection(GRID_FEATURE, perGrid(""), "r.grid_code"), rs -> rs.getString("body"),
                now, village, village).orElseThrow();
    }

    static byte[] gridsTile(Connection c, TileCoord tc, Instant now) throws SQLException {
        List<Object> params = tileParams(tc);
        params.add(now);
        params.add(null);
        params.add(null);
        return Sql.one(c, tile("errand_grids", "r.grid_code AS grid, r.grid_name AS name, r.village_code AS village, "
                + "r.open, r.overdue", perGrid(IN_TILE)), rs -> rs.getBytes("tile"), params.toArray()).orElseThrow();
    }

    // ---- staff: each errand in scope

    static String openGeoJson(Connection c, Instant now, String village, ErrandMap.Scope scope) throws SQLException {
        return Sql.one(c, collection(ERRAND_FEATURE, openErrands(""), "r.overdue DESC, r.due_at, r.number"),
                rs -> rs.getString("body"), openParams(now, village, scope).toArray()).orElseThrow();
    }

    static byte[] openTile(Connection c, TileCoord tc, Instant now, ErrandMap.Scope scope) throws SQLException {
        List<Object> params = tileParams(tc);
        params.addAll(openParams(now, null, scope));
        return Sql.one(c, tile("errands", "r.number, r.item_code AS item, r.item_name AS item_name, r.stage, "
                + "r.transit_to, r.overdue, r.hours_late::float8 AS hours_late, r.grid_code AS grid, r.place_code AS place",
                openErrands("")), rs -> rs.getBytes("tile"), params.toArray()).orElseThrow();
    }

    // ---- one errand's path

    /** The place of each holding level of one errand, in stage order. */
    static List<ErrandMap.Place> places(Connection c, long errandId) throws SQLException {
        return Sql.query(c, "SELECT s.stage, p.place_code, p.place_name, p.place_level, "
                + "ST_X(coalesce(p.place_geom, ST_PointOnSurface(g.geom))) AS lon, "
                + "ST_Y(coalesce(p.place_geom, ST_PointOnSurface(g.geom))) AS lat\n"
                + "FROM errands e JOIN grids g ON g.id = e.grid_id JOIN villages v ON v.id = g.village_id "
                + "CROSS JOIN unnest(ARRAY['filed', 'grid', 'station', 'department']) WITH ORDINALITY AS s(stage, n)\n"
                + placeAt("s.stage") + "WHERE e.id = ? ORDER BY s.n", PLACE, errandId);
    }

    static final Sql.Row<ErrandMap.Place> PLACE = rs -> new ErrandMap.Place(rs.getString("stage"),
            rs.getString("place_code"), rs.getString("place_name"), rs.getString("place_level"), rs.getDouble("lon"),
            rs.getDouble("lat"));
}
