package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.staff.StaffRoles;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

/** What an edit set writes: grids, facilities, staff (statements in {@link GridSql}). Runs inside the editor's transaction. */
final class GridWrites {
    /** One of each per grid: the second of a role in a merged grid leaves the directory. */
    private static final Set<String> CORE_ROLES = Set.copyOf(StaffRoles.STANDING);
    private GridWrites() { }

    static void updateGeometry(Connection c, long id, MultiPolygon g) throws SQLException {
        Sql.update(c, GridSql.UPDATE_GEOMETRY, GridRow.bytes(g), id);
    }

    /** Inserts a new grid (next free code of its village) or restores a removed one under its old id and code. */
    static EditPlan.NewGrid create(Connection c, EditPlan.NewGrid n, MultiPolygon g) throws SQLException {
        String code = n.code() != null ? n.code() : nextCode(c, n.villageId());
        String name = n.name() != null ? n.name() : defaultName(c, n.villageId(), code);
        long id = n.id() == null
                ? Sql.one(c, GridSql.INSERT_GRID, ID, code, name, n.kind(), n.villageId(), GridRow.bytes(g)).orElseThrow()
                : Sql.one(c, GridSql.RESTORE_GRID, ID, n.id(), code, name, n.kind(), n.villageId(), GridRow.bytes(g)).orElseThrow();
        return new EditPlan.NewGrid(id, code, name, n.kind(), n.villageId(), g);
    }

    private static final Sql.Row<Long> ID = rs -> rs.getLong("id");

    /**
     * The village's next sequence number never used before (history included), so codes are never recycled.
     * Read under the village's code lock: two splits in one village committing together get distinct codes.
     */
    static String nextCode(Connection c, long villageId) throws SQLException {
        lockVillageCodes(c, villageId);
        Map.Entry<String, Integer> next = Sql.one(c, GridSql.NEXT_GRID_NUMBER,
                rs -> Map.entry(rs.getString("village_code"), rs.getInt("seq")), villageId).orElseThrow();
        if (next.getValue() > 999) {
            throw new ApiException(422, "invariant_broken", "The village has used all 999 grid codes")
                    .says("grids.codes_exhausted", Map.of());
        }
        return next.getKey() + String.format("%03d", next.getValue());
    }

    /**
     * Serialises handing out codes under one village until this transaction ends. NO KEY UPDATE, not UPDATE: it
     * does not block the key-share locks that inserting a grid or facility of the village takes.
     */
    private static void lockVillageCodes(Connection c, long villageId) throws SQLException {
        Sql.query(c, GridSql.LOCK_VILLAGE_CODES, ID, villageId);
    }

    /**
     * A service point moved into another village takes a code of its new grid (the grid's code, "P", the next
     * number): its old code would name a village it no longer serves. Within the village codes stay, as in a split.
     */
    private static void recodeIfVillageChanged(Connection c, long facilityId, Long oldGridId) throws SQLException {
        if (oldGridId == null) return;
        var moved = Sql.one(c, GridSql.POINT_CHANGED_VILLAGE, rs -> Map.entry(rs.getString("grid_code"), rs.getLong("village_id")),
                facilityId, oldGridId);
        if (moved.isEmpty()) return;
        lockVillageCodes(c, moved.get().getValue());
        Sql.update(c, GridSql.RECODE_POINT, moved.get().getKey(), moved.get().getKey(), facilityId);
    }

    private static String defaultName(Connection c, long villageId, String code) throws SQLException {
        return Sql.one(c, GridSql.VILLAGE_NAME, rs -> rs.getString("name"), villageId).orElseThrow() + "第" + code.substring(13) + "网格";
    }

    /** Applies the plan's facility changes and the re-assignments it implies; returns what changed. */
    static List<Map<String, Object>> facilities(Connection c, EditPlan plan, Collection<Long> touched, Collection<Long> survivors,
                                         Collection<Long> created) throws SQLException {
        Set<Long> scope = new LinkedHashSet<>(touched);
        Map<Long, Map<String, Object>> before = snapshot(c, scope, plan.facilities.keySet());
        for (EditPlan.FacilityChange f : plan.facilities.values()) {
            Sql.update(c, GridSql.UPDATE_FACILITY, GridSql.wkb(f.geom()), f.level(), f.code(), f.gridId(), f.id());
            if (f.geom() != null && f.gridId() == null) {
                Sql.update(c, GridSql.POINT_TO_ITS_GRID, f.id());
                Map<String, Object> was = before.get(f.id());
                recodeIfVillageChanged(c, f.id(), was == null ? null : (Long) was.get("gridId"));
            }
        }
        for (Map.Entry<Long, Long> r : plan.removed.entrySet()) Sql.update(c, GridSql.FACILITIES_TO_GRID, r.getValue(), r.getKey());
        if (!plan.reassignFacilitiesOf.isEmpty()) {
            Sql.update(c, GridSql.POINTS_BY_LOCATION, GridSql.ids(survivors), GridSql.ids(plan.reassignFacilitiesOf));
        }
        Set<Long> scopeAfter = new LinkedHashSet<>(scope);
        scopeAfter.addAll(created);
        Map<Long, Map<String, Object>> after = snapshot(c, scopeAfter, before.keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Object>> e : before.entrySet()) {
            Map<String, Object> b = e.getValue(), a = after.get(e.getKey());
            if (a == null) {
                throw new ApiException(422, "invariant_broken", "Facility " + b.get("code") + " would belong to no grid. Nothing was changed.")
                        .says("grids.facility_orphaned", Map.of("code", b.get("code")));
            }
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

    private static Map<Long, Map<String, Object>> snapshot(Connection c, Collection<Long> grids, Collection<Long> alsoFacilities) throws SQLException {
        Map<Long, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, Object>> e : Sql.query(c, GridSql.FACILITY_SNAPSHOT,
                rs -> Map.entry(rs.getLong("id"), GridSql.FACILITY_STATE.map(rs)), GridSql.ids(grids), GridSql.ids(alsoFacilities))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Moves the staff of removed grids to the grid that absorbs them, and restores staff rows for a revert. */
    static List<Map<String, Object>> staff(Connection c, EditPlan plan) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Long, Long> r : plan.removed.entrySet()) {
            Set<String> taken = new LinkedHashSet<>();
            for (Map<String, Object> s : Sql.query(c, GridSql.STAFF_OF_GRID, GridSql.STAFF_ROW, r.getValue())) taken.add((String) s.get("role"));
            for (Map<String, Object> s : Sql.query(c, GridSql.STAFF_OF_GRID, GridSql.STAFF_ROW, r.getKey())) {
                long id = (Long) s.get("id");
                String role = (String) s.get("role");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", id);
                m.put("before", s);
                if (CORE_ROLES.contains(role) && taken.contains(role)) {
                    Sql.update(c, GridSql.DELETE_STAFF, id);
                    m.put("after", null);
                    plan.warnings.add(s.get("name") + " (" + role + ") was the second " + role + " of the merged grid and "
                            + "was taken off the directory; a revert restores them");
                } else {
                    Sql.update(c, GridSql.MOVE_STAFF, r.getValue(), id);
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
            Sql.update(c, GridSql.RESTORE_STAFF, e.getKey(), ((Number) s.get("grid_id")).longValue(), s.get("role"), s.get("name"),
                    s.get("phone"), s.get("duties"));
            out.add(Map.of("id", e.getKey(), "restored", s));
        }
        return out;
    }

    /** Facilities of the edited grids must stand inside their (new) grid; each one that does not is a problem. */
    static void requireFacilitiesInside(Connection c, Collection<Long> touched, PlanChecker checker) throws SQLException {
        Sql.query(c, GridSql.FACILITIES_OUTSIDE, rs -> {
            checker.add("facility " + rs.getString("code") + " (" + rs.getString("name") + ")", "would lie outside its grid "
                    + rs.getString("grid_code") + "; move it too, or move the boundary around it", rs.getDouble("lon"), rs.getDouble("lat"));
            return null;
        }, (Object) GridSql.ids(touched));
    }

    static void delete(Connection c, long gridId) throws SQLException { Sql.update(c, GridSql.DELETE_GRID, gridId); }

    static Map<Long, Long> versions(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Long> e : Sql.query(c, GridSql.GRID_VERSIONS, rs -> Map.entry(rs.getLong("id"), rs.getLong("version")),
                (Object) GridSql.ids(ids))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    static long areaM2(Connection c, Geometry g) throws SQLException {
        return Math.round(Sql.one(c, GridSql.AREA_M2, rs -> rs.getDouble("m2"), GridRow.bytes(g)).orElseThrow());
    }
}
