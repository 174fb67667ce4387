package org.gridmap.grids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.http.ApiException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;

/** The log of committed edit sets, per grid and town-wide, and the plan that reverts one of them. */
public final class EditHistory {
    private final DataSource db;
    private final ObjectMapper json = new ObjectMapper();

    public EditHistory(DataSource db) { this.db = db; }

    public List<Map<String, Object>> list(Long gridId, int limit, long offset) throws SQLException {
        String sql = """
                SELECT e.id, e.kind, e.message, e.username, e.created_at, e.reverts, e.reverted_by,
                       (SELECT json_agg(json_build_object('id', g.grid_id, 'code', g.code, 'name', g.name,
                               'status', CASE WHEN g.before_geom IS NULL THEN 'created' WHEN g.after_geom IS NULL THEN 'removed' ELSE 'changed' END)
                               ORDER BY g.code)::text FROM edit_grids g WHERE g.edit_id = e.id) AS grids,
                       e.impact -> 'households' ->> 'changed'
                FROM edit_sets e
                WHERE (?::bigint IS NULL OR EXISTS (SELECT 1 FROM edit_grids g WHERE g.edit_id = e.id AND g.grid_id = ?))
                ORDER BY e.id DESC LIMIT ? OFFSET ?""";
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (gridId == null) {
                ps.setNull(1, java.sql.Types.BIGINT);
                ps.setNull(2, java.sql.Types.BIGINT);
            } else {
                ps.setLong(1, gridId);
                ps.setLong(2, gridId);
            }
            ps.setInt(3, limit);
            ps.setLong(4, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("kind", rs.getString(2));
                    m.put("message", rs.getString(3));
                    m.put("user", rs.getString(4));
                    m.put("at", rs.getTimestamp(5).toInstant().toString());
                    m.put("reverts", rs.getObject(6));
                    m.put("revertedBy", rs.getObject(7));
                    m.put("grids", read(rs.getString(8)));
                    m.put("householdsChanged", rs.getString(9) == null ? 0 : Long.parseLong(rs.getString(9)));
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** One edit set with every grid's shape before and after (GeoJSON), for the history view. */
    public Map<String, Object> detail(long editId, Long onlyGrid) throws SQLException {
        List<Map<String, Object>> head = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            Map<String, Object> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, kind, message, username, created_at, reverts, reverted_by, impact::text FROM edit_sets WHERE id = ?")) {
                ps.setLong(1, editId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ApiException.notFound("No edit " + editId);
                    out.put("id", rs.getLong(1));
                    out.put("kind", rs.getString(2));
                    out.put("message", rs.getString(3));
                    out.put("user", rs.getString(4));
                    out.put("at", rs.getTimestamp(5).toInstant().toString());
                    out.put("reverts", rs.getObject(6));
                    out.put("revertedBy", rs.getObject(7));
                    out.put("impact", read(rs.getString(8)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT grid_id, code, name, before_version, after_version, ST_AsGeoJSON(before_geom, 7), ST_AsGeoJSON(after_geom, 7)
                    FROM edit_grids WHERE edit_id = ? AND (?::bigint IS NULL OR grid_id = ?) ORDER BY code""")) {
                ps.setLong(1, editId);
                if (onlyGrid == null) {
                    ps.setNull(2, java.sql.Types.BIGINT);
                    ps.setNull(3, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(2, onlyGrid);
                    ps.setLong(3, onlyGrid);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> g = new LinkedHashMap<>();
                        g.put("id", rs.getLong(1));
                        g.put("code", rs.getString(2));
                        g.put("name", rs.getString(3));
                        g.put("versionBefore", rs.getObject(4));
                        g.put("versionAfter", rs.getObject(5));
                        g.put("before", read(rs.getString(6)));
                        g.put("after", read(rs.getString(7)));
                        head.add(g);
                    }
                }
            }
            out.put("grids", head);
            return out;
        }
    }

    /**
     * The edit set that undoes {@code editId}: every grid back to its shape before, grids it created removed,
     * grids it removed restored under their old id and code, facilities and staff back where they were.
     * Refused (409) when a later edit touched the same grids or facilities, unless an admin forces it.
     *
     * <p>Runs inside the editor's transaction: the reverted set's row is locked first, so a second revert of it
     * waits and then finds it reverted; and the plan expects every grid and facility at the version the reverted
     * set left it, so an edit committing meanwhile makes the revert a 409 instead of being silently undone.
     */
    public EditPlan revertPlan(Connection c, long editId, boolean force) throws SQLException {
        try {
            try (PreparedStatement ps = c.prepareStatement("SELECT reverted_by FROM edit_sets WHERE id = ? FOR NO KEY UPDATE")) {
                ps.setLong(1, editId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ApiException.notFound("No edit " + editId);
                    if (rs.getObject(1) != null) {
                        throw ApiException.conflict("Edit " + editId + " was already reverted by edit " + rs.getLong(1));
                    }
                }
            }
            List<Object[]> grids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT grid_id, code, name, kind, village_id, ST_AsBinary(before_geom), ST_AsBinary(after_geom), after_version
                    FROM edit_grids WHERE edit_id = ? ORDER BY grid_id""")) {
                ps.setLong(1, editId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        grids.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                                rs.getBytes(6) == null ? null : GridRow.multi(GridRow.wkb(rs.getBytes(6))),
                                rs.getBytes(7) == null ? null : GridRow.multi(GridRow.wkb(rs.getBytes(7))),
                                rs.getObject(8) == null ? null : rs.getLong(8)});
                    }
                }
            }
            List<String> later = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT e.id FROM edit_sets e WHERE e.id > ?
                      AND (EXISTS (SELECT 1 FROM edit_grids g WHERE g.edit_id = e.id AND g.grid_id = ANY(?))
                        OR EXISTS (SELECT 1 FROM edit_facilities f WHERE f.edit_id = e.id
                                   AND f.facility_id IN (SELECT facility_id FROM edit_facilities WHERE edit_id = ?)))
                    ORDER BY e.id""")) {
                ps.setLong(1, editId);
                ps.setArray(2, c.createArrayOf("bigint", grids.stream().map(g -> g[0]).toArray()));
                ps.setLong(3, editId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) later.add(Long.toString(rs.getLong(1)));
                }
            }
            if (!later.isEmpty() && !force) {
                throw new ApiException(409, "conflict", "Later edits (" + String.join(", ", later) + ") changed the same grids; "
                        + "revert those first, or an admin may force this revert.", Map.of("laterEdits", later));
            }
            EditPlan plan = new EditPlan("revert");
            plan.reverts = editId;
            plan.message = "revert of edit " + editId;
            for (Object[] g : grids) {
                long id = (Long) g[0];
                MultiPolygon before = (MultiPolygon) g[5], after = (MultiPolygon) g[6];
                // forced: the admin chose to override whatever came later, so no version is expected
                if (after != null && g[7] != null && !force) plan.expectedVersions.put(id, (Long) g[7]);
                if (before != null && after != null) {
                    plan.updated.put(id, before);
                } else if (after == null) {
                    plan.created.add(new EditPlan.NewGrid(id, (String) g[1], (String) g[2], (String) g[3], (Long) g[4], before));
                }
            }
            for (Object[] g : grids) {
                if (g[5] != null) continue;
                // a grid the edit created goes back into the grid whose old shape held it
                Coordinate inside = ((MultiPolygon) g[6]).getInteriorPoint().getCoordinate();
                Long into = null;
                for (Object[] o : grids) {
                    if (o[5] != null && ((MultiPolygon) o[5]).covers(GeoJsonGeometry.GF.createPoint(inside))) into = (Long) o[0];
                }
                if (into == null) throw ApiException.conflict("Cannot tell which grid takes back grid " + g[1]);
                plan.removed.put((Long) g[0], into);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT facility_id, before::text, (after ->> 'version')::bigint FROM edit_facilities WHERE edit_id = ?")) {
                ps.setLong(1, editId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getObject(3) != null && !force) plan.facilityVersions.put(rs.getLong(1), rs.getLong(3));
                        JsonNode b = json.readTree(rs.getString(2));
                        plan.facilities.put(rs.getLong(1), new EditPlan.FacilityChange(rs.getLong(1),
                                GeoJsonGeometry.GF.createPoint(new Coordinate(b.get("lon").asDouble(), b.get("lat").asDouble())),
                                b.get("level").asText(), b.get("code").asText(),
                                b.get("gridId").isNull() ? null : b.get("gridId").asLong()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT staff_id, before::text FROM edit_staff WHERE edit_id = ?")) {
                ps.setLong(1, editId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> b = json.readValue(rs.getString(2), Map.class);
                        plan.restoreStaff.put(rs.getLong(1), b);
                    }
                }
            }
            return plan;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object read(String s) {
        if (s == null) return null;
        try {
            return json.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
