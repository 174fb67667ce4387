package org.gridmap.grids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.MultiPolygon;

/** Every SQL statement that reads the edit history, with its row mappers (columns by name). */
final class EditHistorySql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EditHistorySql() { }

    /** One edit set as the log shows it; {@code grid} is the one grid's before/after when read for a grid's history. */
    private static final String LOG_COLUMNS = """
            e.id, e.kind, e.message, e.username, e.created_at, e.reverts, e.reverted_by,
            (SELECT json_agg(json_build_object('id', g.grid_id, 'code', g.code, 'name', g.name,
                    'status', CASE WHEN g.before_geom IS NULL THEN 'created' WHEN g.after_geom IS NULL THEN 'removed' ELSE 'changed' END)
                    ORDER BY g.code)::text FROM edit_grids g WHERE g.edit_id = e.id) AS grids,
            e.impact -> 'households' ->> 'changed' AS households_changed""";

    static final String LOG = "SELECT " + LOG_COLUMNS + " FROM edit_sets e ORDER BY e.id DESC LIMIT ? OFFSET ?";

    /** A grid's history and each edit's before and after of that grid, in one statement. */
    static final String GRID_LOG = "SELECT " + LOG_COLUMNS + """
            , x.grid_id AS x_id, x.code AS x_code, x.name AS x_name, x.before_version AS x_before_version,
              x.after_version AS x_after_version, ST_AsGeoJSON(x.before_geom, 7) AS x_before, ST_AsGeoJSON(x.after_geom, 7) AS x_after
            FROM edit_sets e JOIN edit_grids x ON x.edit_id = e.id AND x.grid_id = ?
            ORDER BY e.id DESC LIMIT ? OFFSET ?""";

    static final String EDIT = """
            SELECT id, kind, message, username, created_at, reverts, reverted_by, impact::text AS impact
            FROM edit_sets WHERE id = ?""";

    static final String EDIT_GRIDS = """
            SELECT grid_id AS x_id, code AS x_code, name AS x_name, before_version AS x_before_version,
                   after_version AS x_after_version, ST_AsGeoJSON(before_geom, 7) AS x_before, ST_AsGeoJSON(after_geom, 7) AS x_after
            FROM edit_grids WHERE edit_id = ? ORDER BY code""";

    /** The reverted set's row, locked: a second revert of it waits, then finds it reverted. */
    static final String LOCK_EDIT = "SELECT reverted_by FROM edit_sets WHERE id = ? FOR NO KEY UPDATE";

    static final String REVERT_GRIDS = """
            SELECT grid_id, code, name, kind, village_id, ST_AsBinary(before_geom) AS before_wkb,
                   ST_AsBinary(after_geom) AS after_wkb, after_version
            FROM edit_grids WHERE edit_id = ? ORDER BY grid_id""";

    static final String LATER_EDITS = """
            SELECT e.id FROM edit_sets e WHERE e.id > ?
              AND (EXISTS (SELECT 1 FROM edit_grids g WHERE g.edit_id = e.id AND g.grid_id = ANY(?))
                OR EXISTS (SELECT 1 FROM edit_facilities f WHERE f.edit_id = e.id
                           AND f.facility_id IN (SELECT facility_id FROM edit_facilities WHERE edit_id = ?)))
            ORDER BY e.id""";

    static final String REVERT_FACILITIES = """
            SELECT facility_id, before::text AS before, (after ->> 'version')::bigint AS after_version
            FROM edit_facilities WHERE edit_id = ?""";

    static final String REVERT_STAFF = "SELECT staff_id, before::text AS before FROM edit_staff WHERE edit_id = ?";

    /** A grid as an edit set recorded it, to be put back. */
    record RecordedGrid(long id, String code, String name, String kind, long villageId, MultiPolygon before,
                        MultiPolygon after, Long afterVersion) { }

    record RecordedFacility(long id, JsonNode before, Long afterVersion) { }

    static final Sql.Row<Map<String, Object>> LOG_ENTRY = rs -> {
        Map<String, Object> m = head(rs);
        m.put("grids", json(rs.getString("grids")));
        String households = rs.getString("households_changed");
        m.put("householdsChanged", households == null ? 0 : Long.parseLong(households));
        return m;
    };

    static final Sql.Row<Map<String, Object>> GRID_LOG_ENTRY = rs -> {
        Map<String, Object> m = LOG_ENTRY.map(rs);
        m.put("grid", EditHistorySql.EDITED_GRID.map(rs));
        return m;
    };

    static final Sql.Row<Map<String, Object>> EDIT_ENTRY = rs -> {
        Map<String, Object> m = head(rs);
        m.put("impact", json(rs.getString("impact")));
        return m;
    };

    static final Sql.Row<Map<String, Object>> EDITED_GRID = rs -> {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", rs.getLong("x_id"));
        g.put("code", rs.getString("x_code"));
        g.put("name", rs.getString("x_name"));
        g.put("versionBefore", rs.getObject("x_before_version"));
        g.put("versionAfter", rs.getObject("x_after_version"));
        g.put("before", json(rs.getString("x_before")));
        g.put("after", json(rs.getString("x_after")));
        return g;
    };

    static final Sql.Row<RecordedGrid> RECORDED_GRID = rs -> new RecordedGrid(rs.getLong("grid_id"), rs.getString("code"),
            rs.getString("name"), rs.getString("kind"), rs.getLong("village_id"), multiOrNull(rs.getBytes("before_wkb")),
            multiOrNull(rs.getBytes("after_wkb")), (Long) rs.getObject("after_version", Long.class));

    static final Sql.Row<RecordedFacility> RECORDED_FACILITY = rs -> new RecordedFacility(rs.getLong("facility_id"),
            (JsonNode) json(rs.getString("before")), (Long) rs.getObject("after_version", Long.class));

    static List<Map<String, Object>> log(Connection c, Long gridId, int limit, long offset) throws SQLException {
        return gridId == null ? Sql.query(c, LOG, LOG_ENTRY, limit, offset) : Sql.query(c, GRID_LOG, GRID_LOG_ENTRY, gridId, limit, offset);
    }

    static Optional<Map<String, Object>> edit(Connection c, long id) throws SQLException {
        Optional<Map<String, Object>> head = Sql.one(c, EDIT, EDIT_ENTRY, id);
        if (head.isPresent()) head.get().put("grids", Sql.query(c, EDIT_GRIDS, EDITED_GRID, id));
        return head;
    }

    private static Map<String, Object> head(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getLong("id"));
        m.put("kind", rs.getString("kind"));
        m.put("message", rs.getString("message"));
        m.put("user", rs.getString("username"));
        m.put("at", rs.getTimestamp("created_at").toInstant().toString());
        m.put("reverts", rs.getObject("reverts"));
        m.put("revertedBy", rs.getObject("reverted_by"));
        return m;
    }

    private static MultiPolygon multiOrNull(byte[] wkb) throws SQLException {
        return wkb == null ? null : GridRow.multi(GridRow.wkb(wkb));
    }

    static Object json(String s) {
        if (s == null) return null;
        try {
            return JSON.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
