package org.gridmap.grids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.rings.TownModel;

/** Facility rows an edit reads: locked with their versions, and the whole list for the rings preview. */
final class FacilityRows {
    private FacilityRows() { }

    static Map<Long, Integer> lockAndCheck(Connection c, EditPlan plan) throws SQLException {
        Map<Long, Integer> versions = new LinkedHashMap<>();
        if (plan.facilities.isEmpty()) return versions;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, version, code FROM facilities WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("bigint", plan.facilities.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getLong(1), rs.getInt(2));
                    Integer expected = plan.facilityVersions.get(rs.getLong(1));
                    if (expected != null && expected != rs.getInt(2)) {
                        throw new ApiException(409, "conflict", "Facility " + rs.getString(3) + " was changed by someone else "
                                + "(now version " + rs.getInt(2) + "); reload and redo your change. Nothing was saved.",
                                Map.of("current", List.of(Map.of("id", rs.getLong(1), "version", rs.getInt(2)))));
                    }
                }
            }
        }
        for (Long id : plan.facilities.keySet()) {
            if (!versions.containsKey(id)) throw ApiException.notFound("No facility with id " + id);
        }
        return versions;
    }

    static List<TownModel.Facility> all(Connection c) throws SQLException {
        return TownModel.loadFacilities(c);
    }
}
