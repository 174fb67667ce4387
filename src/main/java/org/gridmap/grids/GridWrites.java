package org.gridmap.grids;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

/** The SQL an edit set writes, in one place: grids, facilities, staff. Runs inside the editor's transaction. */
final class GridWrites {
    private static final Set<String> CORE_ROLES = Set.copyOf(org.gridmap.staff.StaffRoles.STANDING);
    private final Connection c;
    private final ObjectMapper json;

    GridWrites(Connection c, ObjectMapper json) {
        this.c = c;
        this.json = json;
    }

    void updateGeometry(long id, MultiPolygon g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE grids SET geom = ST_GeomFromWKB(?, 4326), version = version + 1, updated_at = now() WHERE id = ?")) {
            ps.setBytes(1, GridRow.bytes(g));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Inserts a new grid (next free code of its village) or restores a removed one under its old id and code. */
    EditPlan.NewGrid create(EditPlan.NewGrid n, MultiPolygon g) throws SQLException {
        String code = n.code() != null ? n.code() : nextCode(n.villageId());
        String name = n.name() != null ? n.name() : defaultName(n.villageId(), code);
        String sql = n.id() == null
                ? "INSERT INTO grids (code, name, kind, village_id, geom) VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id"
                : "INSERT INTO grids (id, code, name, kind, village_id, geom) OVERRIDING SYSTEM VALUE "
                        + "VALUES (?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (n.id() != null) ps.setLong(i++, n.id());
            ps.setString(i++, code);
            ps.setString(i++, name);
            ps.setString(i++, n.kind());
            ps.setLong(i++, n.villageId());
            ps.setBytes(i, GridRow.bytes(g));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new EditPlan.NewGrid(rs.getLong(1), code, name, n.kind(), n.villageId(), g);
            }
        }
    }

    /**
     * The village's next sequence number never used before (history included), so codes are never recycled.
     * Read under the village's code lock: two splits in one village committing together get distinct codes.
     */
    String nextCode(long villageId) throws SQLException {
        lockVillageCodes(villageId);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT v.code, coalesce(max(substr(x.code, 13)::int), 0) + 1 FROM villages v
                LEFT JOIN (SELECT code, village_id FROM grids UNION ALL SELECT code, village_id FROM edit_grids) x
                       ON x.village_id = v.id
                WHERE v.id = ? GROUP BY v.code""")) {
            ps.setLong(1, villageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int seq = rs.getInt(2);
                if (seq > 999) throw new ApiException(422, "invariant_broken", "The village has used all 999 grid codes");
                return rs.getString(1) + String.format("%03d", seq);
            }
        }
    }

    /**
     * Serialises handing out codes under one village until this transaction ends. NO KEY UPDATE, not UPDATE: it
     * does not block the key-share locks that inserting a grid or facility of the village takes.
     */
    private void lockVillageCodes(long villageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM villages WHERE id = ? FOR NO KEY UPDATE")) {
            ps.setLong(1, villageId);
            ps.executeQuery().close();
        }
    }

    /**
     * A service point moved into another village takes a code of its new grid (the grid's code, "P", the next
     * number): its old code would name a village it no longer serves. Within the village codes stay, as in a split.
     */
    private void recodeIfVillageChanged(long facilityId, Long oldGridId) throws SQLException {
        if (oldGridId == null) return;
        String gridCode;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.code, g.village_id FROM facilities f JOIN grids g ON g.id = f.grid_id, grids o
                WHERE f.id = ? AND f.level = 'point' AND o.id = ? AND o.village_id <> g.village_id""")) {
            ps.setLong(1, facilityId);
            ps.setLong(2, oldGridId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return;
                gridCode = rs.getString(1);
                lockVillageCodes(rs.getLong(2));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE facilities SET code = ? || 'P' || lpad((SELECT coalesce(max(substr(code, 17)::int), 0) + 1
                        FROM facilities WHERE code ~ ('^' || ? || 'P[0-9]+$'))::text, 2, '0')
                WHERE id = ?""")) {
            ps.setString(1, gridCode);
            ps.setString(2, gridCode);
            ps.setLong(3, facilityId);
            ps.executeUpdate();
        }
    }

    private String defaultName(long villageId, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM villages WHERE id = ?")) {
            ps.setLong(1, villageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + "第" + code.substring(13) + "网格";
            }
        }
    }

    /** Applies the plan's facility changes and the re-assignments it implies; returns what changed. */
    List<Map<String, Object>> facilities(EditPlan plan, Collection<Long> touched, Collection<Long> survivors,
                                         Collection<Long> created) throws SQLException {
        Set<Long> scope = new LinkedHashSet<>(touched);
        Map<Long, Map<String, Object>> before = snapshot(scope, plan.facilities.keySet());
        for (EditPlan.FacilityChange f : plan.facilities.values()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE facilities SET geom = coalesce(ST_GeomFromWKB(?, 4326), geom), level = coalesce(?, level),
                           code = coalesce(?, code), grid_id = coalesce(?, grid_id), version = version + 1, updated_at = now()
                    WHERE id = ?""")) {
                ps.setBytes(1, f.geom() == null ? null : GridRow.bytes(f.geom()));
                ps.setString(2, f.level());
                ps.setString(3, f.code());
                if (f.gridId() == null) ps.setNull(4, java.sql.Types.BIGINT);
                else ps.setLong(4, f.gridId());
                ps.setLong(5, f.id());
                ps.executeUpdate();
            }
            if (f.geom() != null && f.gridId() == null) {
                // a moved service point belongs to whichever grid it now stands in
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE facilities f SET grid_id = (SELECT g.id FROM grids g WHERE ST_Covers(g.geom, f.geom) ORDER BY g.code LIMIT 1)
                        WHERE f.id = ? AND f.level = 'point'""")) {
                    ps.setLong(1, f.id());
                    ps.executeUpdate();
                }
                Map<String, Object> was = before.get(f.id());
                recodeIfVillageChanged(f.id(), was == null ? null : (Long) was.get("gridId"));
            }
        }
        for (Map.Entry<Long, Long> r : plan.removed.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE facilities SET grid_id = ?, version = version + 1 WHERE grid_id = ?")) {
                ps.setLong(1, r.getValue());
                ps.setLong(2, r.getKey());
                ps.executeUpdate();
            }
        }
        if (!plan.reassignFacilitiesOf.isEmpty()) {
            // only points that do change grid get a new version
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE facilities f SET grid_id = t.grid_id, version = f.version + 1
                    FROM (SELECT p.id, (SELECT g.id FROM grids g WHERE g.id = ANY(?) AND ST_Covers(g.geom, p.geom)
                                        ORDER BY g.code LIMIT 1) AS grid_id
                          FROM facilities p WHERE p.grid_id = ANY(?) AND p.level = 'point') t
                    WHERE f.id = t.id AND f.grid_id IS DISTINCT FROM t.grid_id""")) {
                ps.setArray(1, c.createArrayOf("bigint", survivors.toArray()));
                ps.setArray(2, c.createArrayOf("bigint", plan.reassignFacilitiesOf.toArray()));
                ps.executeUpdate();
            }
        }
        Set<Long> scopeAfter = new LinkedHashSet<>(scope);
        scopeAfter.addAll(created);
        Map<Long, Map<String, Object>> after = snapshot(scopeAfter, before.keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Object>> e : before.entrySet()) {
            Map<String, Object> b = e.getValue(), a = after.get(e.getKey());
            if (a == null) throw new ApiException(422, "invariant_broken", "Facility " + b.get("code") + " would belong to no grid. Nothing was changed.");
            if (sameIgnoringVersion(a, b)) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.getKey());
            m.put("code", a.get("code"));
            m.put("name", a.get("name"));
            m.put("before", b);
            m.put("after", a);
            out.add(m);
        }
        return out;
    }

    private static boolean sameIgnoringVersion(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> x = new LinkedHashMap<>(a), y = new LinkedHashMap<>(b);
        x.remove("version");
        y.remove("version");
        return x.equals(y);
    }

    private Map<Long, Map<String, Object>> snapshot(Collection<Long> grids, Collection<Long> alsoFacilities) throws SQLException {
        Map<Long, Map<String, Object>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.code, f.name, f.level, f.grid_id, g.code, ST_X(f.geom), ST_Y(f.geom), f.version
                FROM facilities f LEFT JOIN grids g ON g.id = f.grid_id
                WHERE f.grid_id = ANY(?) OR f.id = ANY(?) ORDER BY f.id""")) {
            ps.setArray(1, c.createArrayOf("bigint", grids.toArray()));
            ps.setArray(2, c.createArrayOf("bigint", alsoFacilities.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("code", rs.getString(2));
                    m.put("name", rs.getString(3));
                    m.put("level", rs.getString(4));
                    m.put("gridId", rs.getObject(5) == null ? null : rs.getLong(5));
                    m.put("gridCode", rs.getString(6));
                    m.put("lon", rs.getDouble(7));
                    m.put("lat", rs.getDouble(8));
                    m.put("version", rs.getLong(9));
                    out.put(rs.getLong(1), m);
                }
            }
        }
        return out;
    }

    /** Moves the staff of removed grids to the grid that absorbs them, and restores staff rows for a revert. */
    List<Map<String, Object>> staff(EditPlan plan) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Long, Long> r : plan.removed.entrySet()) {
            Set<String> taken = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT role FROM staff WHERE grid_id = ?")) {
                ps.setLong(1, r.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) taken.add(rs.getString(1));
                }
            }
            for (Map<String, Object> s : staffOf(r.getKey())) {
                long id = (Long) s.get("id");
                String role = (String) s.get("role");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", id);
                m.put("before", s);
                if (CORE_ROLES.contains(role) && taken.contains(role)) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff WHERE id = ?")) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                    }
                    m.put("after", null);
                    plan.warnings.add(s.get("name") + " (" + role + ") was the second " + role + " of the merged grid and "
                            + "was taken off the directory; a revert restores them");
                } else {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE staff SET grid_id = ? WHERE id = ?")) {
                        ps.setLong(1, r.getValue());
                        ps.setLong(2, id);
                        ps.executeUpdate();
                    }
                    Map<String, Object> a = new LinkedHashMap<>(s);
                    a.put("grid_id", r.getValue());
                    m.put("after", a);
                    taken.add(role);
                }
                out.add(m);
            }
        }
        for (Map.Entry<Long, Map<String, Object>> e : plan.restoreStaff.entrySet()) {
            Map<String, Object> s = e.getValue();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO staff (id, grid_id, role, name, phone, duties) OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET grid_id = EXCLUDED.grid_id, role = EXCLUDED.role, name = EXCLUDED.name,
                        phone = EXCLUDED.phone, duties = EXCLUDED.duties""")) {
                ps.setLong(1, e.getKey());
                ps.setLong(2, ((Number) s.get("grid_id")).longValue());
                ps.setString(3, (String) s.get("role"));
                ps.setString(4, (String) s.get("name"));
                ps.setString(5, (String) s.get("phone"));
                ps.setString(6, (String) s.get("duties"));
                ps.executeUpdate();
            }
            out.add(Map.of("id", e.getKey(), "restored", s));
        }
        return out;
    }

    private List<Map<String, Object>> staffOf(long gridId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, grid_id, role, name, phone, duties FROM staff WHERE grid_id = ? ORDER BY id")) {
            ps.setLong(1, gridId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("grid_id", rs.getLong(2));
                    m.put("role", rs.getString(3));
                    m.put("name", rs.getString(4));
                    m.put("phone", rs.getString(5));
                    m.put("duties", rs.getString(6));
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Facilities of the edited grids must stand inside their (new) grid; each one that does not is a problem. */
    void requireFacilitiesInside(Collection<Long> touched, PlanChecker checker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.code, f.name, g.code, ST_X(f.geom), ST_Y(f.geom) FROM facilities f JOIN grids g ON g.id = f.grid_id
                WHERE f.grid_id = ANY(?) AND NOT ST_Covers(g.geom, f.geom)""")) {
            ps.setArray(1, c.createArrayOf("bigint", touched.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checker.add("facility " + rs.getString(1) + " (" + rs.getString(2) + ")", "would lie outside its grid "
                            + rs.getString(3) + "; move it too, or move the boundary around it", rs.getDouble(4), rs.getDouble(5));
                }
            }
        }
    }

    void delete(long gridId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM grids WHERE id = ?")) {
            ps.setLong(1, gridId);
            ps.executeUpdate();
        }
    }

    Map<Long, Long> versions(Collection<Long> ids) throws SQLException {
        Map<Long, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, version FROM grids WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    long areaM2(Geometry g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ST_Area(ST_GeomFromWKB(?, 4326)::geography)")) {
            ps.setBytes(1, GridRow.bytes(g));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.round(rs.getDouble(1));
            }
        }
    }

    String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
