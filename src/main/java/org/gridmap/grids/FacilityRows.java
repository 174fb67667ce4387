package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.http.Conflicts;
import org.gridmap.rings.TownModel;
import org.locationtech.jts.geom.Envelope;

/** Facility rows an edit reads: locked with their versions, and the whole list for the rings preview. */
final class FacilityRows {
    private FacilityRows() { }

    private record Locked(long id, long version, String code, double lon, double lat, String level, Long gridId) { }

    /**
     * Locks the facilities the plan changes and checks their versions (409); a change that would leave a facility
     * exactly as it is (moved to where it stands) is dropped from the plan, so its version does not move. {@code places}
     * grows by where the changed facilities stand and are sent to.
     */
    static Map<Long, Long> lockAndCheck(Connection c, EditPlan plan, Envelope places) throws SQLException {
        Map<Long, Long> versions = new LinkedHashMap<>();
        List<Long> unchanged = new java.util.ArrayList<>();
        if (plan.facilities.isEmpty()) return versions;
        List<Locked> rows = Sql.query(c, GridSql.LOCK_FACILITIES, rs -> new Locked(rs.getLong("id"), rs.getLong("version"),
                rs.getString("code"), rs.getDouble("lon"), rs.getDouble("lat"), rs.getString("level"), rs.getObject("grid_id", Long.class)),
                (Object) GridSql.ids(plan.facilities.keySet()));
        for (Locked r : rows) {
            versions.put(r.id(), r.version());
            Long expected = plan.facilityVersions.get(r.id());
            if (expected != null && expected != r.version()) {
                throw Conflicts.staleVersions(List.of(new Conflicts.Stale("facility", r.id(), r.code(), r.version(), expected)));
            }
            EditPlan.FacilityChange f = plan.facilities.get(r.id());
            places.expandToInclude(r.lon(), r.lat());
            if (f.geom() != null) places.expandToInclude(f.geom().getX(), f.geom().getY());
            boolean samePlace = f.geom() == null || (f.geom().getX() == r.lon() && f.geom().getY() == r.lat());
            if (samePlace && (f.level() == null || f.level().equals(r.level()))
                    && (f.code() == null || f.code().equals(r.code()))
                    && (f.gridId() == null || f.gridId().equals(r.gridId()))) {
                unchanged.add(r.id());
            }
        }
        for (Long id : plan.facilities.keySet()) {
            if (!versions.containsKey(id)) throw ApiException.notFound("No facility with id " + id)
                    .says("grids.no_facility", Map.of("id", id));
        }
        unchanged.forEach(plan.facilities::remove);
        return versions;
    }

    static List<TownModel.Facility> all(Connection c) throws SQLException {
        return TownModel.loadFacilities(c);
    }
}
