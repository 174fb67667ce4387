package org.gridmap.grids;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.MultiPolygon;

/** Writes the history of a committed edit set: who, when, why, and every grid's shape before and after. */
final class EditRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EditRecorder() { }

    private record Named(String code, String name, String kind, long villageId) { }

    static long record(Connection c, EditPlan plan, User user, Map<Long, GridRow> before, Map<Long, MultiPolygon> after,
                       Map<Long, MultiPolygon> created, Map<Long, Long> versions, List<Map<String, Object>> facilities,
                       List<Map<String, Object>> staff, Map<String, Object> impact) throws SQLException {
        String summary = write(Map.of("households", impact.get("households"), "compliance", impact.get("compliance"),
                "warnings", plan.warnings));
        long id = Sql.one(c, GridSql.INSERT_EDIT_SET, rs -> rs.getLong("id"), plan.kind, plan.message, user.id(), user.username(),
                plan.reverts, summary).orElseThrow();
        for (GridRow r : before.values()) {
            Sql.update(c, GridSql.INSERT_EDIT_GRID, id, r.id(), r.code(), r.name(), r.kind(), r.villageId(), GridSql.wkb(r.geom()),
                    GridSql.wkb(after.get(r.id())), r.version(), versions.get(r.id()));
        }
        for (Map.Entry<Long, MultiPolygon> e : created.entrySet()) {
            Named n = Sql.one(c, GridSql.NEW_GRID_NAMES, rs -> new Named(rs.getString("code"), rs.getString("name"),
                    rs.getString("kind"), rs.getLong("village_id")), e.getKey()).orElseThrow();
            Sql.update(c, GridSql.INSERT_EDIT_GRID, id, e.getKey(), n.code(), n.name(), n.kind(), n.villageId(), null,
                    GridSql.wkb(e.getValue()), null, versions.get(e.getKey()));
        }
        for (Map<String, Object> f : facilities) {
            Sql.update(c, GridSql.INSERT_EDIT_FACILITY, id, ((Number) f.get("id")).longValue(), write(f.get("before")), write(f.get("after")));
        }
        for (Map<String, Object> s : staff) {
            if (!s.containsKey("before")) continue;
            Sql.update(c, GridSql.INSERT_EDIT_STAFF, id, ((Number) s.get("id")).longValue(), write(s.get("before")), write(s.get("after")));
        }
        if (plan.reverts != null) Sql.update(c, GridSql.MARK_REVERTED, id, plan.reverts);
        return id;
    }

    private static String write(Object o) {
        try {
            return o == null ? null : JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
