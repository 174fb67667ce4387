package org.gridmap.grids;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.User;
import org.locationtech.jts.geom.MultiPolygon;

/** Writes the history of a committed edit set: who, when, why, and every grid's shape before and after. */
final class EditRecorder {
    private final Connection c;
    private final ObjectMapper json;

    EditRecorder(Connection c, ObjectMapper json) {
        this.c = c;
        this.json = json;
    }

    long record(EditPlan plan, User user, Map<Long, GridRow> before, Map<Long, MultiPolygon> after,
                Map<Long, MultiPolygon> created, Map<Long, Long> versions, List<Map<String, Object>> facilities,
                List<Map<String, Object>> staff, Map<String, Object> impact) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO edit_sets (kind, message, user_id, username, reverts, impact) VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING id""")) {
            ps.setString(1, plan.kind);
            ps.setString(2, plan.message);
            ps.setLong(3, user.id());
            ps.setString(4, user.username());
            if (plan.reverts == null) ps.setNull(5, java.sql.Types.BIGINT);
            else ps.setLong(5, plan.reverts);
            ps.setString(6, json.writeValueAsString(Map.of(
                    "households", impact.get("households"), "compliance", impact.get("compliance"), "warnings", plan.warnings)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String insertGrid = """
                INSERT INTO edit_grids (edit_id, grid_id, code, name, kind, village_id, before_geom, after_geom, before_version, after_version)
                VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ST_GeomFromWKB(?, 4326), ?, ?)""";
        try (PreparedStatement ps = c.prepareStatement(insertGrid)) {
            for (GridRow r : before.values()) {
                MultiPolygon a = after.get(r.id());
                fill(ps, id, r.id(), r.code(), r.name(), r.kind(), r.villageId(), r.geom(), a, r.version(), versions.get(r.id()));
                ps.addBatch();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT code, name, kind, village_id FROM grids WHERE id = ?")) {
                for (Map.Entry<Long, MultiPolygon> e : created.entrySet()) {
                    q.setLong(1, e.getKey());
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        fill(ps, id, e.getKey(), rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), null,
                                e.getValue(), null, versions.get(e.getKey()));
                    }
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO edit_facilities (edit_id, facility_id, before, after) VALUES (?, ?, ?::jsonb, ?::jsonb)")) {
            for (Map<String, Object> f : facilities) {
                ps.setLong(1, id);
                ps.setLong(2, ((Number) f.get("id")).longValue());
                ps.setString(3, write(f.get("before")));
                ps.setString(4, write(f.get("after")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO edit_staff (edit_id, staff_id, before, after) VALUES (?, ?, ?::jsonb, ?::jsonb) ON CONFLICT DO NOTHING")) {
            for (Map<String, Object> s : staff) {
                if (!s.containsKey("before")) continue;
                ps.setLong(1, id);
                ps.setLong(2, ((Number) s.get("id")).longValue());
                ps.setString(3, write(s.get("before")));
                ps.setString(4, s.get("after") == null ? null : write(s.get("after")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (plan.reverts != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE edit_sets SET reverted_by = ? WHERE id = ?")) {
                ps.setLong(1, id);
                ps.setLong(2, plan.reverts);
                ps.executeUpdate();
            }
        }
        return id;
    }

    private static void fill(PreparedStatement ps, long editId, long gridId, String code, String name, String kind, long village,
                             MultiPolygon before, MultiPolygon after, Long beforeVersion, Long afterVersion) throws SQLException {
        ps.setLong(1, editId);
        ps.setLong(2, gridId);
        ps.setString(3, code);
        ps.setString(4, name);
        ps.setString(5, kind);
        ps.setLong(6, village);
        ps.setBytes(7, before == null ? null : GridRow.bytes(before));
        ps.setBytes(8, after == null ? null : GridRow.bytes(after));
        if (beforeVersion == null) ps.setNull(9, java.sql.Types.BIGINT);
        else ps.setLong(9, beforeVersion);
        if (afterVersion == null) ps.setNull(10, java.sql.Types.BIGINT);
        else ps.setLong(10, afterVersion);
    }

    private String write(Object o) {
        try {
            return o == null ? null : json.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
