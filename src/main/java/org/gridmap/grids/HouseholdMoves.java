package org.gridmap.grids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;

/** Households follow their location: after an edit each household of the touched grids is in the grid that covers it. */
final class HouseholdMoves {
    private HouseholdMoves() { }

    static Map<Long, Long> snapshot(Connection c, Collection<Long> grids) throws SQLException {
        Map<Long, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, grid_id FROM households WHERE grid_id = ANY(?) ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("bigint", grids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Re-derives the grid of every household that was in {@code touched}; returns those that changed grid. */
    static List<Map<String, Object>> reassign(Connection c, Collection<Long> touched, Collection<Long> survivors,
                                              Map<Long, Long> before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE households h SET grid_id = (
                    SELECT g.id FROM grids g WHERE g.id = ANY(?) AND ST_Covers(g.geom, h.geom) ORDER BY g.code LIMIT 1)
                WHERE h.grid_id = ANY(?)""")) {
            ps.setArray(1, c.createArrayOf("bigint", survivors.toArray()));
            ps.setArray(2, c.createArrayOf("bigint", touched.toArray()));
            ps.executeUpdate();
        }
        List<Map<String, Object>> changed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT h.id, h.grid_id, g.code FROM households h LEFT JOIN grids g ON g.id = h.grid_id
                WHERE h.id = ANY(?) ORDER BY h.id""")) {
            ps.setArray(1, c.createArrayOf("bigint", before.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long now = rs.getLong(2);
                    if (rs.wasNull()) {
                        throw new ApiException(422, "invariant_broken", "Household " + id + " would lie in no grid after this edit. Nothing was changed.");
                    }
                    if (now != before.get(id)) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", id);
                        m.put("fromGrid", before.get(id));
                        m.put("toGrid", now);
                        m.put("toCode", rs.getString(3));
                        changed.add(m);
                    }
                }
            }
        }
        return changed;
    }
}
