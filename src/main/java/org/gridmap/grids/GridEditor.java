package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.gridmap.accounts.User;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.changes.DataChange;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.http.Conflicts;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingNetwork;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Applies an {@link EditPlan} in one transaction, all or nothing: locks the grids, checks versions (409),
 * checks the coverage invariant (422), writes grids, facilities, staff and households, lets the database's
 * own rules judge the result, computes the impact (households that change grid, facilities re-assigned,
 * ring compliance before → after in the towns the edit reaches, areas) and records the history. A dry run does all of it
 * and rolls back; a commit then recomputes the rings of those towns alone.
 */
public final class GridEditor {
    /** The data set's lattice (1e-7° ≈ 1 cm), used where new vertices are made (split lines). */
    static final PrecisionModel PRECISION = new PrecisionModel(1e7);
    /** About a metre: the database announces rows by boxes that may round outwards; the edit's area covers them. */
    static final double AREA_PAD = 1e-5;
    private final DataSource db;
    private final RingEngine rings;
    private final ChangeFeed changes;
    private final EditEchoes echoes;

    /** {@code echoes} stands between the feed and {@code rings}: this editor rebuilds the rings itself after a commit. */
    public GridEditor(DataSource db, RingEngine rings, ChangeFeed changes, EditEchoes echoes) {
        this.db = db;
        this.rings = rings;
        this.changes = changes;
        this.echoes = echoes;
    }

    /** Builds a plan from what the edit's own transaction reads (a revert reads the history it undoes there). */
    @FunctionalInterface
    public interface PlanSource {
        EditPlan plan(Connection c) throws SQLException;
    }

    public Map<String, Object> apply(EditPlan plan, User user, boolean dryRun) throws SQLException {
        return apply(c -> plan, user, dryRun);
    }

    /** Undoes edit set {@code editId}; its plan is read inside the edit's transaction, under the lock of that set's row. */
    public Map<String, Object> revert(long editId, boolean force, String message, User user, boolean dryRun) throws SQLException {
        return apply(c -> {
            EditPlan plan = EditHistory.revertPlan(c, editId, force);
            if (message != null) plan.message = message;
            return plan;
        }, user, dryRun);
    }

    public Map<String, Object> apply(PlanSource source, User user, boolean dryRun) throws SQLException {
        RingNetwork before = rings.network();
        Envelope touchedArea = new Envelope();
        if (dryRun) return Sql.rolledBack(db, c -> run(c, source.plan(c), user, true, before, touchedArea));
        boolean[] committing = {false};
        Map<String, Object> result;
        try {
            result = Sql.inTransaction(db, c -> {
                Map<String, Object> out = run(c, source.plan(c), user, false, before, touchedArea);
                GridSql.announceEdit(c, touchedArea);
                echoes.starting();
                committing[0] = true;
                return out;
            });
        } catch (SQLException | RuntimeException e) {
            if (committing[0]) echoes.abandoned();
            throw e;
        }
        try {
            rings.refreshTowns(touchedArea); // the towns the edit reached, not the city: rings never cross a town boundary
        } catch (SQLException | RuntimeException e) {
            echoes.rebuildFailed();
            throw e;
        }
        // tiles and extents drop what the edit changed now, not when the feed's announcement arrives
        for (String table : List.of("grids", "facilities", "households")) {
            changes.publish(new DataChange(table, EditEchoes.OWN_EDIT, touchedArea));
        }
        return result;
    }

    private Map<String, Object> run(Connection c, EditPlan plan, User user, boolean dryRun, RingNetwork before,
                                    Envelope touchedArea) throws SQLException {
        Set<Long> ids = new LinkedHashSet<>(plan.updated.keySet());
        ids.addAll(plan.removed.keySet());
        ids.addAll(plan.removed.values());
        ids.addAll(plan.expectedVersions.keySet());
        for (EditPlan.NewGrid ng : plan.created) if (ng.id() != null) ids.remove(ng.id());
        Map<Long, GridRow> rows = GridRow.lock(c, ids);
        List<Long> unknown = ids.stream().filter(id -> !rows.containsKey(id)).toList();
        if (!unknown.isEmpty()) throw ApiException.notFound("No grid with id " + unknown).says("grids.no_grid", Map.of("id", unknown));
        checkVersions(plan, rows);
        Envelope places = new Envelope();
        Map<Long, Long> facilityVersions = FacilityRows.lockAndCheck(c, plan, places);

        // after-shapes as the plan wants them
        Map<Long, MultiPolygon> after = new LinkedHashMap<>();
        for (GridRow r : rows.values()) {
            if (plan.removed.containsKey(r.id())) continue;
            after.put(r.id(), plan.updated.containsKey(r.id()) ? round(plan.updated.get(r.id())) : r.geom());
        }
        plan.created.replaceAll(n -> new EditPlan.NewGrid(n.id(), n.code(), n.name(), n.kind(), n.villageId(), round(n.geom())));
        for (GridRow r : rows.values()) touchedArea.expandToInclude(r.geom().getEnvelopeInternal());
        plan.created.forEach(n -> touchedArea.expandToInclude(n.geom().getEnvelopeInternal()));
        Set<Long> exclude = new LinkedHashSet<>(rows.keySet());
        plan.created.stream().filter(n -> n.id() != null).forEach(n -> exclude.add(n.id()));
        Map<Long, GridRow> neighbours = GridRow.neighbours(c, null, exclude, touchedArea);
        snapToStoredVertices(plan, rows, after, neighbours);
        Set<Long> beforeMatching = new LinkedHashSet<>(rows.keySet());
        matchVertices(c, plan, rows, after, neighbours);
        Set<Long> edgeMatched = new LinkedHashSet<>(rows.keySet());
        edgeMatched.removeAll(beforeMatching);
        dropUnchanged(plan, rows, after);
        if (!plan.touchesGrids() && plan.facilities.isEmpty() && plan.restoreStaff.isEmpty()) {
            throw new ApiException(422, "no_change", "The edit set changes nothing: every grid and facility already is as sent. "
                    + "Nothing was saved and no version changed.").says("grids.no_change", Map.of());
        }

        Set<Long> villageIds = new LinkedHashSet<>();
        rows.values().forEach(r -> villageIds.add(r.villageId()));
        plan.created.forEach(n -> villageIds.add(n.villageId()));
        List<PlanChecker.Shape> shapes = new ArrayList<>();
        for (GridRow r : rows.values()) shapes.add(new PlanChecker.Shape("grid " + r.code(), r.villageId(), r.geom(), after.get(r.id())));
        for (EditPlan.NewGrid n : plan.created) {
            shapes.add(new PlanChecker.Shape("new grid " + (n.code() == null ? "" : n.code()), n.villageId(), null, n.geom()));
        }
        PlanChecker checker = new PlanChecker();
        checker.check(shapes, neighbours, GridRow.villageShapes(c, villageIds), GridRow.villageNames(c, villageIds));
        checker.throwIfAny();

        Map<Long, Long> householdsBefore = HouseholdMoves.snapshot(c, rows.keySet());
        Map<Long, Map<String, Object>> areaBefore = new LinkedHashMap<>();
        for (GridRow r : rows.values()) areaBefore.put(r.id(), Map.of("m2", GridWrites.areaM2(c, r.geom())));
        for (Map.Entry<Long, MultiPolygon> e : after.entrySet()) {
            if (plan.updated.containsKey(e.getKey())) GridWrites.updateGeometry(c, e.getKey(), e.getValue());
        }
        List<Map<String, Object>> createdOut = new ArrayList<>();
        Map<Long, MultiPolygon> createdShapes = new LinkedHashMap<>();
        for (EditPlan.NewGrid n : plan.created) {
            EditPlan.NewGrid placed = GridWrites.create(c, n, round(n.geom()));
            createdShapes.put(placed.id(), placed.geom());
            createdOut.add(Map.of("id", placed.id(), "code", placed.code(), "name", placed.name()));
        }
        Set<Long> survivors = new LinkedHashSet<>(after.keySet());
        survivors.addAll(createdShapes.keySet());
        List<Map<String, Object>> facilityChanges = GridWrites.facilities(c, plan, rows.keySet(), survivors, createdShapes.keySet());
        List<Map<String, Object>> staffChanges = GridWrites.staff(c, plan);
        Set<Long> inScope = new LinkedHashSet<>(rows.keySet());
        inScope.addAll(createdShapes.keySet());
        GridWrites.requireFacilitiesInside(c, inScope, checker);
        checker.throwIfAny();
        List<Map<String, Object>> householdChanges = HouseholdMoves.reassign(c, rows.keySet(), survivors, householdsBefore);
        Sql.one(c, GridSql.CASES_BY_PLACE, rs -> rs.getInt("moved"), GridSql.ids(survivors), GridSql.ids(rows.keySet()));
        for (Map.Entry<Long, Long> removed : plan.removed.entrySet()) {
            Sql.update(c, GridSql.MOVE_ERRANDS, removed.getValue(), removed.getKey());
            GridWrites.delete(c, removed.getKey());
        }
        GridSql.checkNow(c);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("kind", plan.kind);
        List<Map<String, Object>> gridsOut = new ArrayList<>();
        Map<Long, Long> newVersions = GridWrites.versions(c, survivors);
        for (GridRow r : rows.values()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", r.id());
            g.put("code", r.code());
            g.put("name", r.name());
            boolean gone = plan.removed.containsKey(r.id());
            g.put("status", gone ? "removed" : edgeMatched.contains(r.id()) ? "edge-matched"
                    : plan.updated.containsKey(r.id()) ? "changed" : "unchanged");
            g.put("versionBefore", r.version());
            g.put("version", gone ? null : newVersions.get(r.id()));
            g.put("areaBeforeM2", areaBefore.get(r.id()).get("m2"));
            g.put("areaAfterM2", gone ? 0 : GridWrites.areaM2(c, after.get(r.id())));
            if (!gone) g.put("geometry", GeoJsonGeometry.toJson(after.get(r.id())));
            if (gone) g.put("mergedInto", plan.removed.get(r.id()));
            gridsOut.add(g);
        }
        for (Map<String, Object> n : createdOut) {
            Map<String, Object> g = new LinkedHashMap<>(n);
            g.put("status", "created");
            g.put("version", newVersions.get((Long) n.get("id")));
            g.put("areaBeforeM2", 0);
            g.put("areaAfterM2", GridWrites.areaM2(c, createdShapes.get((Long) n.get("id"))));
            g.put("geometry", GeoJsonGeometry.toJson(createdShapes.get((Long) n.get("id"))));
            gridsOut.add(g);
        }
        out.put("grids", gridsOut);
        out.put("households", Map.of("changed", householdChanges.size(),
                "list", householdChanges.subList(0, Math.min(500, householdChanges.size()))));
        out.put("facilities", facilityChanges);
        out.put("staff", staffChanges);
        // what the edit reached: its grids and where its facilities stood and stand (a padding for the database's boxes)
        touchedArea.expandToInclude(places);
        touchedArea.expandBy(AREA_PAD);
        GridEditCompliance.Result compliance = GridEditCompliance.of(c, before, touchedArea);
        out.put("compliance", compliance.rings());
        out.put("complianceOf", compliance.of());
        out.put("warnings", plan.warnings);
        if (!dryRun) {
            long editId = EditRecorder.record(c, plan, user, rows, after, createdShapes, newVersions,
                    facilityChanges, staffChanges, out);
            out.put("editId", editId);
        } else {
            out.put("editId", null);
        }
        return out;
    }

    /** Client round-off is not an edit: vertices within a centimetre of a stored vertex become that vertex. */
    private static void snapToStoredVertices(EditPlan plan, Map<Long, GridRow> rows, Map<Long, MultiPolygon> after,
                                             Map<Long, GridRow> neighbours) {
        List<Geometry> stored = new ArrayList<>();
        rows.values().forEach(r -> stored.add(r.geom()));
        neighbours.values().forEach(n -> stored.add(n.geom()));
        VertexSnapper snapper = new VertexSnapper(stored);
        for (Map.Entry<Long, MultiPolygon> e : after.entrySet()) {
            if (!plan.updated.containsKey(e.getKey())) continue;
            MultiPolygon snapped = snapper.snap(e.getValue());
            if (snapped != e.getValue()) {
                GeoJsonGeometry.requireValid(snapped, "grid " + rows.get(e.getKey()).code());
                e.setValue(snapped);
                plan.updated.put(e.getKey(), snapped);
            }
        }
        plan.created.replaceAll(n -> new EditPlan.NewGrid(n.id(), n.code(), n.name(), n.kind(), n.villageId(), snapper.snap(n.geom())));
    }

    /**
     * Shared edges must carry the same vertices on both sides. A vertex of an edited shape lying on a neighbour's
     * edge is inserted there (the neighbour joins the edit, locked, its area unchanged), and vertices of
     * neighbours and of the other edited shapes lying on an edited shape's edges are inserted into it.
     */
    private static void matchVertices(Connection c, EditPlan plan, Map<Long, GridRow> rows, Map<Long, MultiPolygon> after,
                                      Map<Long, GridRow> neighbours) throws SQLException {
        List<Geometry> edited = new ArrayList<>(after.values());
        plan.created.forEach(n -> edited.add(n.geom()));
        for (GridRow n : new ArrayList<>(neighbours.values())) {
            if (VertexMatcher.insertVertices(n.geom(), edited) == n.geom()) continue;
            GridRow locked = GridRow.lock(c, List.of(n.id())).get(n.id());
            rows.put(n.id(), locked);
            after.put(n.id(), locked.geom());
            neighbours.remove(n.id());
        }
        List<Geometry> all = new ArrayList<>();
        neighbours.values().forEach(n -> all.add(n.geom()));
        all.addAll(after.values());
        plan.created.forEach(n -> all.add(n.geom()));
        for (Map.Entry<Long, MultiPolygon> e : after.entrySet()) {
            MultiPolygon matched = VertexMatcher.insertVertices(e.getValue(), all);
            if (matched != e.getValue()) {
                e.setValue(matched);
                plan.updated.put(e.getKey(), matched);
            }
        }
        plan.created.replaceAll(n -> new EditPlan.NewGrid(n.id(), n.code(), n.name(), n.kind(), n.villageId(),
                VertexMatcher.insertVertices(n.geom(), all)));
    }

    /**
     * A grid sent back as it is stored (the same rings, whatever vertex they start at) is not edited: its version
     * stays, so nobody else's copy of it turns stale for nothing.
     */
    private static void dropUnchanged(EditPlan plan, Map<Long, GridRow> rows, Map<Long, MultiPolygon> after) {
        for (Long id : new ArrayList<>(plan.updated.keySet())) {
            GridRow r = rows.get(id);
            if (r != null && after.get(id).norm().equalsExact(r.geom().norm())) {
                plan.updated.remove(id);
                after.put(id, r.geom());
            }
        }
    }

    private static void checkVersions(EditPlan plan, Map<Long, GridRow> rows) {
        List<Conflicts.Stale> stale = new ArrayList<>();
        plan.expectedVersions.forEach((id, v) -> {
            GridRow r = rows.get(id);
            if (v == null || r.version() != v) stale.add(new Conflicts.Stale("grid", id, r.code(), r.version(), v));
        });
        if (!stale.isEmpty()) throw Conflicts.staleVersions(stale);
    }

    /** Validates an edited shape. Coordinates are kept exactly: rounding would move vertices neighbours share. */
    static MultiPolygon round(MultiPolygon g) {
        g.setSRID(4326);
        GeoJsonGeometry.requireValid(g, "edited grid");
        return g;
    }

    static MultiPolygon clean(Geometry g) {
        return round(GridRow.multi(OverlayNGRobust.union(g)));
    }
}
