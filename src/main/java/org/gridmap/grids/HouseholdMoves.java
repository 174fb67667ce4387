package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;

/** Households follow their location: after an edit each household of the touched grids is in the grid that covers it. */
final class HouseholdMoves {
    private HouseholdMoves() { }

    /** A household where it lies; households have no name, so they are told by their village and grid. */
    private record Placed(long id, Long gridId, String gridCode, String gridName, String village, String villageEn) { }

    static Map<Long, Long> snapshot(Connection c, Collection<Long> grids) throws SQLException {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Placed p : Sql.query(c, GridSql.HOUSEHOLDS_OF, rs -> new Placed(rs.getLong("id"), rs.getLong("grid_id"), null, null, null, null),
                (Object) GridSql.ids(grids))) {
            out.put(p.id(), p.gridId());
        }
        return out;
    }

    /** Re-derives the grid of every household that was in {@code touched}; returns those that changed grid. */
    static List<Map<String, Object>> reassign(Connection c, Collection<Long> touched, Collection<Long> survivors,
                                              Map<Long, Long> before) throws SQLException {
        Sql.update(c, GridSql.HOUSEHOLDS_BY_LOCATION, GridSql.ids(survivors), GridSql.ids(touched));
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Placed p : Sql.query(c, GridSql.HOUSEHOLDS_NOW,
                rs -> new Placed(rs.getLong("id"), rs.getObject("grid_id", Long.class), rs.getString("grid_code"),
                        rs.getString("grid_name"), rs.getString("village"), rs.getString("village_en")),
                (Object) GridSql.ids(before.keySet()))) {
            if (p.gridId() == null) {
                throw new ApiException(422, "invariant_broken", "Household " + p.id() + " would lie in no grid after this edit. Nothing was changed.")
                        .says("grids.household_orphaned", Map.of("id", p.id()));
            }
            if (!p.gridId().equals(before.get(p.id()))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("fromGrid", before.get(p.id()));
                m.put("toGrid", p.gridId());
                m.put("toCode", p.gridCode());
                m.put("toName", p.gridName());
                m.put("village", p.village());
                m.put("villageEn", p.villageEn());
                changed.add(m);
            }
        }
        return changed;
    }
}
