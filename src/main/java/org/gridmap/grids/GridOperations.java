package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.polygonize.Polygonizer;

/**
 * The planner's convenience operations, each turned into an {@link EditPlan} for the one editor: reshape a
 * grid against its neighbours, split a grid by a line, merge adjacent grids, move a facility.
 */
public final class GridOperations {
    private final DataSource db;

    public GridOperations(DataSource db) { this.db = db; }

    /**
     * The grid takes the new shape; neighbours of its village give up what it now covers and receive what it
     * gave up (each piece to the neighbour sharing most of its border). Territory outside the village is refused.
     */
    public EditPlan reshape(long gridId, long version, MultiPolygon wanted) throws SQLException {
        return Sql.read(db, c -> reshape(c, gridId, version, wanted));
    }

    private EditPlan reshape(Connection c, long gridId, long version, MultiPolygon wanted) throws SQLException {
        GridRow g = one(c, gridId);
        Map<Long, GridRow> neighbours = GridRow.neighbours(c, List.of(g.villageId()), List.of(gridId),
                wanted.getEnvelopeInternal().intersection(g.geom().getEnvelopeInternal()).isNull()
                        ? g.geom().getEnvelopeInternal() : union(wanted, g.geom()).getEnvelopeInternal());
        EditPlan plan = new EditPlan("reshape");
        plan.expectedVersions.put(gridId, version);
        MultiPolygon mine = GridEditor.round(wanted);
        plan.updated.put(gridId, mine);
        Geometry givenUp = OverlayNGRobust.overlay(g.geom(), mine, OverlayNG.DIFFERENCE);
        java.util.Map<Long, Geometry> result = new java.util.LinkedHashMap<>();
        for (GridRow n : neighbours.values()) {
            Geometry left = OverlayNGRobust.overlay(n.geom(), mine, OverlayNG.DIFFERENCE);
            result.put(n.id(), left);
        }
        for (int i = 0; i < givenUp.getNumGeometries(); i++) {
            Geometry piece = givenUp.getGeometryN(i);
            if (piece.getArea() < PlanChecker.AREA_TOLERANCE) continue;
            GridRow best = null;
            double bestShared = 0;
            for (GridRow n : neighbours.values()) {
                double shared = OverlayNGRobust.overlay(piece.getBoundary(), result.get(n.id()).buffer(1e-7), OverlayNG.INTERSECTION).getLength();
                if (shared > bestShared) {
                    bestShared = shared;
                    best = n;
                }
            }
            if (best == null) {
                var p = piece.getInteriorPoint();
                throw new ApiException(422, "invariant_broken", "The territory given up near " + GeoJsonGeometry.round(p.getX()) + ", "
                        + GeoJsonGeometry.round(p.getY()) + " touches no other grid of the village: it would become a gap. Nothing was changed.",
                        Map.of("problems", List.of(GeoJsonGeometry.problem("grid " + g.code(), "gives up territory no neighbour can take", p.getX(), p.getY()))))
                        .says("grids.reshape_gap", Map.of("lon", GeoJsonGeometry.round(p.getX()), "lat", GeoJsonGeometry.round(p.getY())));
            }
            result.put(best.id(), OverlayNGRobust.overlay(result.get(best.id()), piece, OverlayNG.UNION));
        }
        for (GridRow n : neighbours.values()) {
            Geometry r = result.get(n.id());
            if (r.equalsExact(n.geom())) continue;
            if (r.getArea() < PlanChecker.AREA_TOLERANCE) {
                throw new ApiException(422, "invariant_broken", "The new shape would swallow grid " + n.code()
                        + " entirely; merge the grids instead. Nothing was changed.")
                                .says("grids.reshape_swallows", Map.of("code", n.code()));
            }
            plan.updated.put(n.id(), GridEditor.clean(r));
            plan.expectedVersions.put(n.id(), n.version());
        }
        return plan;
    }

    /** Cuts a grid in two along a line drawn across it; the part with the hub keeps the code, the other gets the next one. */
    public EditPlan split(long gridId, long version, LineString line) throws SQLException {
        return Sql.read(db, c -> split(c, gridId, version, line));
    }

    private EditPlan split(Connection c, long gridId, long version, LineString line) throws SQLException {
        GridRow g = one(c, gridId);
        List<Polygon> parts = cut(g.geom(), line);
        if (parts.size() != 2) {
            throw new ApiException(422, "invalid_split", "The line must cross grid " + g.code() + " from one edge to another, "
                    + "dividing it into exactly two parts (it makes " + parts.size() + "). Nothing was changed.")
                    .says("grids.invalid_split", Map.of("code", g.code(), "parts", parts.size()));
        }
        Point hub = hub(c, gridId);
        parts.sort(Comparator.comparingDouble(Geometry::getArea).reversed());
        Polygon keep = parts.get(0), other = parts.get(1);
        if (hub != null && other.covers(hub)) {
            keep = parts.get(1);
            other = parts.get(0);
        }
        EditPlan plan = new EditPlan("split");
        plan.expectedVersions.put(gridId, version);
        plan.updated.put(gridId, GridEditor.round(GeoJsonGeometry.GF.createMultiPolygon(new Polygon[] {keep})));
        plan.created.add(new EditPlan.NewGrid(null, null, null, g.kind(), g.villageId(),
                GridEditor.round(GeoJsonGeometry.GF.createMultiPolygon(new Polygon[] {other}))));
        plan.reassignFacilitiesOf.add(gridId);
        if (countPoints(c, gridId, other) == 0) plan.warnings.add("the new grid has no service point yet");
        plan.warnings.add("the new grid has no hub and no staff yet: assign them in the staff directory");
        return plan;
    }

    /** Merges grids of one village that share a border into the one with the lowest code. */
    public EditPlan merge(Map<Long, Long> versions) throws SQLException {
        if (versions.size() < 2) throw ApiException.badRequest("Name at least two grids to merge").says("grids.merge_needs_two", Map.of());
        return Sql.read(db, c -> merge(c, versions));
    }

    private EditPlan merge(Connection c, Map<Long, Long> versions) throws SQLException {
        List<GridRow> rows = new ArrayList<>();
        for (Long id : versions.keySet()) rows.add(one(c, id));
        rows.sort(Comparator.comparing(GridRow::code));
        long village = rows.get(0).villageId();
        if (rows.stream().anyMatch(r -> r.villageId() != village)) {
            throw new ApiException(422, "invalid_merge", "Only grids of the same village can be merged. Nothing was changed.")
                    .says("grids.merge_villages", Map.of());
        }
        Geometry all = rows.get(0).geom();
        for (GridRow r : rows.subList(1, rows.size())) {
            double shared = OverlayNGRobust.overlay(all.getBoundary(), r.geom().buffer(1e-7), OverlayNG.INTERSECTION).getLength();
            if (shared <= 0) {
                throw new ApiException(422, "invalid_merge", "Grid " + r.code() + " shares no border with the others. Nothing was changed.")
                        .says("grids.merge_not_adjacent", Map.of("code", r.code()));
            }
            all = OverlayNGRobust.overlay(all, r.geom(), OverlayNG.UNION);
        }
        EditPlan plan = new EditPlan("merge");
        versions.forEach(plan.expectedVersions::put);
        GridRow kept = rows.get(0);
        plan.updated.put(kept.id(), GridEditor.clean(all));
        Point keptHub = hub(c, kept.id());
        int nextPoint = maxPointNumber(c, kept.code()) + 1;
        for (GridRow r : rows.subList(1, rows.size())) {
            plan.removed.put(r.id(), kept.id());
            Long otherHub = hubId(c, r.id());
            if (otherHub != null) {
                if (keptHub == null) {
                    keptHub = hub(c, r.id());
                } else {
                    // one grid, one hub: the other hub carries on as a service point of the merged grid
                    plan.facilities.put(otherHub, new EditPlan.FacilityChange(otherHub, null, "point",
                            kept.code() + "P" + String.format("%02d", nextPoint++), kept.id()));
                    plan.warnings.add("the hub of grid " + r.code() + " becomes a service point of grid " + kept.code());
                }
            }
        }
        return plan;
    }

    /** Moves a facility; a service point that lands in another grid belongs to it from then on. */
    public EditPlan move(long facilityId, Long version, Point to) {
        EditPlan plan = new EditPlan("move");
        plan.facilities.put(facilityId, new EditPlan.FacilityChange(facilityId, to, null, null, null));
        if (version != null) plan.facilityVersions.put(facilityId, version);
        return plan;
    }

    static List<Polygon> cut(MultiPolygon grid, LineString line) {
        // node the grid's rings with the line, then rebuild faces
        List<org.locationtech.jts.noding.SegmentString> segs = new ArrayList<>();
        Geometry boundaryAndLine = GeoJsonGeometry.GF.createGeometryCollection(new Geometry[] {grid.getBoundary(), line});
        for (int i = 0; i < boundaryAndLine.getNumGeometries(); i++) {
            Geometry part = boundaryAndLine.getGeometryN(i);
            for (int k = 0; k < part.getNumGeometries(); k++) {
                segs.add(new org.locationtech.jts.noding.NodedSegmentString(part.getGeometryN(k).getCoordinates(), null));
            }
        }
        // floating-point noding: the new vertices lie on the old edges (to ~1e-15), so neighbours can take them exactly
        org.locationtech.jts.noding.MCIndexNoder noder = new org.locationtech.jts.noding.MCIndexNoder(
                new org.locationtech.jts.noding.IntersectionAdder(new org.locationtech.jts.algorithm.RobustLineIntersector()));
        noder.computeNodes(segs);
        Polygonizer pz = new Polygonizer();
        for (Object o : noder.getNodedSubstrings()) {
            var ss = (org.locationtech.jts.noding.SegmentString) o;
            pz.add(GeoJsonGeometry.GF.createLineString(ss.getCoordinates()));
        }
        List<Polygon> parts = new ArrayList<>();
        for (Object o : pz.getPolygons()) {
            Polygon p = (Polygon) o;
            if (p.getArea() > PlanChecker.AREA_TOLERANCE && grid.covers(p.getInteriorPoint())) parts.add(p);
        }
        // faces of the same side (the line may cross twice) are joined back; a clean split leaves two groups
        return parts;
    }

    private static GridRow one(Connection c, long id) throws SQLException {
        GridRow g = GridSql.grids(c, GridSql.GRIDS, (Object) new Long[] {id}).get(id);
        if (g == null) throw ApiException.notFound("No grid with id " + id).says("grids.no_grid", Map.of("id", id));
        return g;
    }

    private record Hub(long id, Point at) { }

    private static Optional<Hub> hubOf(Connection c, long gridId) throws SQLException {
        return Sql.one(c, GridSql.HUB, rs -> new Hub(rs.getLong("id"), (Point) GridRow.wkb(rs.getBytes("wkb"))), gridId);
    }

    private static Point hub(Connection c, long gridId) throws SQLException {
        return hubOf(c, gridId).map(Hub::at).orElse(null);
    }

    private static Long hubId(Connection c, long gridId) throws SQLException {
        return hubOf(c, gridId).map(Hub::id).orElse(null);
    }

    private static int maxPointNumber(Connection c, String gridCode) throws SQLException {
        return Sql.one(c, GridSql.MAX_POINT_NUMBER, rs -> rs.getInt("n"), gridCode).orElseThrow();
    }

    private static int countPoints(Connection c, long gridId, Polygon part) throws SQLException {
        return Sql.one(c, GridSql.POINTS_IN_PART, rs -> rs.getInt("n"), gridId, GridRow.bytes(part)).orElseThrow();
    }

    private static Geometry union(Geometry a, Geometry b) { return OverlayNGRobust.overlay(a, b, OverlayNG.UNION); }
}
