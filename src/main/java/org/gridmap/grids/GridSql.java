package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.Geometry;

/**
 * Every SQL statement of grid editing and transfer (the history's are in {@link EditHistorySql}), with the row
 * mappers that read their columns by name. Statements run on the connection of the service's transaction.
 */
final class GridSql {
    private GridSql() { }

    // ---------------------------------------------------------------- grids as stored

    private static final String GRID_COLUMNS = "id, code, name, kind, village_id, version, ST_AsBinary(geom) AS wkb";

    /** In id order, so two edits never wait on each other in a cycle. */
    static final String LOCK_GRIDS = "SELECT " + GRID_COLUMNS + " FROM grids WHERE id = ANY(?) ORDER BY id FOR UPDATE";
    static final String GRIDS = "SELECT " + GRID_COLUMNS + " FROM grids WHERE id = ANY(?) ORDER BY id";
    /** The first parameter true: neighbours in any village (a border shared with the next village counts too). */
    static final String NEIGHBOURS = "SELECT " + GRID_COLUMNS + " FROM grids WHERE (? OR village_id = ANY(?)) "
            + "AND NOT (id = ANY(?)) AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) ORDER BY id";
    static final String ALL_GRID_SHAPES = "SELECT id, code, ST_AsBinary(geom) AS wkb FROM grids";
    static final String GRID_VERSIONS = "SELECT id, version FROM grids WHERE id = ANY(?)";
    static final String VILLAGE_NAMES = "SELECT id, code || ' ' || name AS label FROM villages WHERE id = ANY(?)";
    static final String VILLAGE_SHAPES = "SELECT id, ST_AsBinary(geom) AS wkb FROM villages WHERE id = ANY(?)";
    static final String AREA_M2 = "SELECT ST_Area(ST_GeomFromWKB(?, 4326)::geography) AS m2";

    static final Sql.Row<GridRow> GRID = rs -> new GridRow(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
            rs.getString("kind"), rs.getLong("village_id"), GridRow.multi(GridRow.wkb(rs.getBytes("wkb"))), rs.getLong("version"));

    // ---------------------------------------------------------------- grid writes

    static final String UPDATE_GEOMETRY = "UPDATE grids SET geom = ST_GeomFromWKB(?, 4326), version = version + 1, updated_at = now() WHERE id = ?";
    static final String INSERT_GRID = "INSERT INTO grids (code, name, kind, village_id, geom) VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id";
    /** A revert puts a removed grid back under its old id. */
    static final String RESTORE_GRID = "INSERT INTO grids (id, code, name, kind, village_id, geom) OVERRIDING SYSTEM VALUE "
            + "VALUES (?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id";
    static final String DELETE_GRID = "DELETE FROM grids WHERE id = ?";
    /**
     * Cases kept at a place, without a household, in the touched grids go to the grid that now covers the place
     * (cases with a household follow it by the database's trigger, V24; {@code cases_follow} moves both alike).
     * Then: the grids after the edit, the touched grids.
     */
    static final String CASES_BY_PLACE = """
            SELECT coalesce(cases_follow(array_agg(k.id), array_agg(g.id)), 0) AS moved FROM cases k
            JOIN LATERAL (SELECT g.id FROM grids g WHERE g.id = ANY(?) AND ST_Covers(g.geom, k.position) ORDER BY g.code LIMIT 1) g ON true
            WHERE k.household_id IS NULL AND k.grid_id = ANY(?)""";
    /** A removed grid's errands belong to the grid that absorbs its territory, as its households do. */
    static final String MOVE_ERRANDS = "UPDATE errands SET grid_id = ? WHERE grid_id = ?";
    /** The village's next sequence number never used before, history included: codes are never recycled. */
    static final String NEXT_GRID_NUMBER = """
            SELECT v.code AS village_code, coalesce(max(substr(x.code, 13)::int), 0) + 1 AS seq FROM villages v
            LEFT JOIN (SELECT code, village_id FROM grids UNION ALL SELECT code, village_id FROM edit_grids) x
                   ON x.village_id = v.id
            WHERE v.id = ? GROUP BY v.code""";
    /** NO KEY UPDATE: does not block the key-share locks that inserting a grid or facility of the village takes. */
    static final String LOCK_VILLAGE_CODES = "SELECT id FROM villages WHERE id = ? FOR NO KEY UPDATE";
    static final String VILLAGE_NAME = "SELECT name FROM villages WHERE id = ?";
    static final String NEW_GRID_NAMES = "SELECT code, name, kind, village_id FROM grids WHERE id = ?";

    // ---------------------------------------------------------------- facilities

    static final String LOCK_FACILITIES = "SELECT id, version, code, ST_X(geom) AS lon, ST_Y(geom) AS lat, level, grid_id "
            + "FROM facilities WHERE id = ANY(?) ORDER BY id FOR UPDATE";
    static final String UPDATE_FACILITY = """
            UPDATE facilities SET geom = coalesce(ST_GeomFromWKB(?::bytea, 4326), geom), level = coalesce(?, level),
                   code = coalesce(?, code), grid_id = coalesce(?::bigint, grid_id), version = version + 1, updated_at = now()
            WHERE id = ?""";
    /** A moved service point belongs to whichever grid it now stands in. */
    static final String POINT_TO_ITS_GRID = """
            UPDATE facilities f SET grid_id = (SELECT g.id FROM grids g WHERE ST_Covers(g.geom, f.geom) ORDER BY g.code LIMIT 1)
            WHERE f.id = ? AND f.level = 'point'""";
    static final String FACILITIES_TO_GRID = "UPDATE facilities SET grid_id = ?, version = version + 1 WHERE grid_id = ?";
    /** Only points that do change grid get a new version. */
    static final String POINTS_BY_LOCATION = """
            UPDATE facilities f SET grid_id = t.grid_id, version = f.version + 1
            FROM (SELECT p.id, (SELECT g.id FROM grids g WHERE g.id = ANY(?) AND ST_Covers(g.geom, p.geom)
                                ORDER BY g.code LIMIT 1) AS grid_id
                  FROM facilities p WHERE p.grid_id = ANY(?) AND p.level = 'point') t
            WHERE f.id = t.id AND f.grid_id IS DISTINCT FROM t.grid_id""";
    /** A point moved into another village: its grid's code and village, when the village changed. */
    static final String POINT_CHANGED_VILLAGE = """
            SELECT g.code AS grid_code, g.village_id FROM facilities f JOIN grids g ON g.id = f.grid_id, grids o
            WHERE f.id = ? AND f.level = 'point' AND o.id = ? AND o.village_id <> g.village_id""";
    static final String RECODE_POINT = """
            UPDATE facilities SET code = ? || 'P' || lpad((SELECT coalesce(max(substr(code, 17)::int), 0) + 1
                    FROM facilities WHERE code ~ ('^' || ? || 'P[0-9]+$'))::text, 2, '0')
            WHERE id = ?""";
    static final String FACILITY_SNAPSHOT = """
            SELECT f.id, f.code, f.name, f.level, f.grid_id AS "gridId", g.code AS "gridCode", ST_X(f.geom) AS lon,
                   ST_Y(f.geom) AS lat, f.version
            FROM facilities f LEFT JOIN grids g ON g.id = f.grid_id
            WHERE f.grid_id = ANY(?) OR f.id = ANY(?) ORDER BY f.id""";
    static final String FACILITIES_OUTSIDE = """
            SELECT f.code, f.name, g.code AS grid_code, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat
            FROM facilities f JOIN grids g ON g.id = f.grid_id
            WHERE f.grid_id = ANY(?) AND NOT ST_Covers(g.geom, f.geom)""";
    static final String HUB = "SELECT id, ST_AsBinary(geom) AS wkb FROM facilities WHERE grid_id = ? AND level = 'grid'";
    static final String MAX_POINT_NUMBER = "SELECT coalesce(max(substr(code, 17)::int), 0) AS n FROM facilities "
            + "WHERE code LIKE ? || 'P%' AND length(code) > 16";
    static final String POINTS_IN_PART = "SELECT count(*) AS n FROM facilities WHERE grid_id = ? AND level = 'point' "
            + "AND ST_Covers(ST_GeomFromWKB(?, 4326), geom)";

    /** A facility as the history records it (the answer's and the revert's field names). */
    static final Sql.Row<Map<String, Object>> FACILITY_STATE =
            rs -> byName(rs, "code", "name", "level", "gridId", "gridCode", "lon", "lat", "version");

    // ---------------------------------------------------------------- staff and households

    static final String STAFF_OF_GRID = "SELECT id, grid_id, role, name, phone, duties FROM staff WHERE grid_id = ? ORDER BY id";
    static final String DELETE_STAFF = "DELETE FROM staff WHERE id = ?";
    static final String MOVE_STAFF = "UPDATE staff SET grid_id = ? WHERE id = ?";
    static final String RESTORE_STAFF = """
            INSERT INTO staff (id, grid_id, role, name, phone, duties) OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET grid_id = EXCLUDED.grid_id, role = EXCLUDED.role, name = EXCLUDED.name,
                phone = EXCLUDED.phone, duties = EXCLUDED.duties""";

    /** A staff row as the history records it (column → value), so a revert can restore it exactly. */
    static final Sql.Row<Map<String, Object>> STAFF_ROW = rs -> byName(rs, "id", "grid_id", "role", "name", "phone", "duties");

    static final String HOUSEHOLDS_OF = "SELECT id, grid_id FROM households WHERE grid_id = ANY(?) ORDER BY id";
    static final String HOUSEHOLDS_BY_LOCATION = """
            UPDATE households h SET grid_id = (
                SELECT g.id FROM grids g WHERE g.id = ANY(?) AND ST_Covers(g.geom, h.geom) ORDER BY g.code LIMIT 1)
            WHERE h.grid_id = ANY(?)""";
    static final String HOUSEHOLDS_NOW = """
            SELECT h.id, h.grid_id, g.code AS grid_code, g.name AS grid_name, v.name AS village, v.name_en AS village_en
            FROM households h LEFT JOIN grids g ON g.id = h.grid_id LEFT JOIN villages v ON v.id = g.village_id
            WHERE h.id = ANY(?) ORDER BY h.id""";

    // ---------------------------------------------------------------- history written by an edit

    static final String INSERT_EDIT_SET = """
            INSERT INTO edit_sets (kind, message, user_id, username, reverts, impact) VALUES (?, ?, ?, ?, ?::bigint, ?::jsonb) RETURNING id""";
    static final String INSERT_EDIT_GRID = """
            INSERT INTO edit_grids (edit_id, grid_id, code, name, kind, village_id, before_geom, after_geom, before_version, after_version)
            VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?::bytea, 4326), ST_GeomFromWKB(?::bytea, 4326), ?::bigint, ?::bigint)""";
    static final String INSERT_EDIT_FACILITY = "INSERT INTO edit_facilities (edit_id, facility_id, before, after) VALUES (?, ?, ?::jsonb, ?::jsonb)";
    static final String INSERT_EDIT_STAFF = "INSERT INTO edit_staff (edit_id, staff_id, before, after) VALUES (?, ?, ?::jsonb, ?::jsonb) "
            + "ON CONFLICT DO NOTHING";
    static final String MARK_REVERTED = "UPDATE edit_sets SET reverted_by = ? WHERE id = ?";

    // ---------------------------------------------------------------- export

    static final String EXPORT_GEOJSON = """
            SELECT json_build_object('type', 'FeatureCollection', 'name', 'grids', 'features', coalesce(json_agg(
                json_build_object('type', 'Feature', 'id', g.id, 'geometry', ST_AsGeoJSON(g.geom, 9)::json,
                    'properties', json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'kind', g.kind,
                        'village', v.code, 'version', g.version)) ORDER BY g.code), '[]'::json))::text AS fc
            FROM grids g JOIN villages v ON v.id = g.village_id WHERE ?::text IS NULL OR v.code = ?""";

    // ---------------------------------------------------------------- the end of an edit

    /** The database's own rules (grid in village, no overlap, facility in grid) judge the final state now. */
    static final String CHECK_NOW = "SET CONSTRAINTS ALL IMMEDIATE";

    /**
     * The edit's last announcement, with the area it reached: it tells {@link EditEchoes} that everything announced before
     * it inside that area is in the rings.
     */
    static final String ANNOUNCE_EDIT = "SELECT pg_notify('gridmap_change', json_build_object('table', ?::text, 'op', 'COMMIT', "
            + "'bbox', json_build_array(?::float8, ?::float8, ?::float8, ?::float8))::text) AS sent";

    static void checkNow(Connection c) throws SQLException { Sql.update(c, CHECK_NOW); }

    static void announceEdit(Connection c, org.locationtech.jts.geom.Envelope area) throws SQLException {
        Sql.query(c, ANNOUNCE_EDIT, rs -> Boolean.TRUE, EditEchoes.MARK_TABLE, area.getMinX(), area.getMinY(), area.getMaxX(), area.getMaxY());
    }

    // ---------------------------------------------------------------- helpers

    /** The named columns of the current row, in that order, as the driver gives them (bigint → Long, text → String). */
    static Map<String, Object> byName(java.sql.ResultSet rs, String... columns) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : columns) m.put(c, rs.getObject(c));
        return m;
    }

    static Long[] ids(Collection<Long> ids) { return ids.toArray(Long[]::new); }

    static byte[] wkb(Geometry g) { return g == null ? null : GridRow.bytes(g); }

    static Map<Long, GridRow> grids(Connection c, String sql, Object... params) throws SQLException {
        Map<Long, GridRow> out = new LinkedHashMap<>();
        for (GridRow r : Sql.query(c, sql, GRID, params)) out.put(r.id(), r);
        return out;
    }
}
