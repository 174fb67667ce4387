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

    /**
     * Locks the facilities the plan changes and checks their versions (409); a change that would leave a facility
     * exactly as it is (moved to where it stands) is dropped from the plan, so its version does not move.
     */
    static Map<Long, Long> lockAndCheck(Connection c, EditPlan plan) throws SQLException {
        Map<Long, Long> versions = new LinkedHashMap<>();
        List<Long> unchanged = new java.util.ArrayList<>();
        if (plan.facilities.isEmpty()) return versions;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, version, code, ST_X(geom), ST_Y(geom), level, grid_id "
                + "FROM facilities WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("bigint", plan.facilities.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getLong(1), rs.getLong(2));
                    Long expected = plan.facilityVersions.get(rs.getLong(1));
                    if (expected != null && expected != rs.getLong(2)) {
                        throw new ApiException(409, "conflict", "Facility " + rs.getString(3) + " was changed by someone else "
                                + "(now version " + rs.getLong(2) + "); reload and redo your change. Nothing was saved.",
                                Map.of("current", List.of(Map.of("id", rs.getLong(1), "version", rs.getLong(2)))));
                    }
                    EditPlan.FacilityChange f = plan.facilities.get(rs.getLong(1));
                    boolean samePlace = f.geom() == null || (f.geom().getX() == rs.getDouble(4) && f.geom().getY() == rs.getDouble(5));
                    if (samePlace && (f.level() == null || f.level().equals(rs.getString(6)))
                            && (f.code() == null || f.code().equals(rs.getString(3)))
                            && (f.gridId() == null || f.gridId() == rs.getLong(7))) {
                        unchanged.add(rs.getLong(1));
                    }
                }
            }
        }
        for (Long id : plan.facilities.keySet()) {
            if (!versions.containsKey(id)) throw ApiException.notFound("No facility with id " + id);
        }
        unchanged.forEach(plan.facilities::remove);
        return versions;
    }

    static List<TownModel.Facility> all(Connection c) throws SQLException {
        return TownModel.loadFacilities(c);
    }
}
