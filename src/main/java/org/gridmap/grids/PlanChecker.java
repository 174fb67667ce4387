package org.gridmap.grids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.overlayng.CoverageUnion;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The coverage invariant, checked on an edit set before anything is written: per village, the
 * edited grids must cover exactly the territory they covered before (it may only move between them, so no
 * gap can open), no two grids may overlap, edges must match their neighbours' (JTS coverage validation),
 * and no grid may leave its village. Every problem is reported with where it is.
 */
final class PlanChecker {
    /** ≈ 1 m² at 30°N, in square degrees: below this, a difference is floating-point noise. */
    static final double AREA_TOLERANCE = 1e-10;

    private final List<Map<String, Object>> problems = new ArrayList<>();

    record Shape(String label, long villageId, MultiPolygon before, MultiPolygon after) { }

    void check(List<Shape> touched, Map<Long, GridRow> neighbours, Map<Long, Geometry> villages, Map<Long, String> villageNames) {
        Map<Long, List<Shape>> byVillage = new LinkedHashMap<>();
        for (Shape s : touched) byVillage.computeIfAbsent(s.villageId(), k -> new ArrayList<>()).add(s);
        for (Map.Entry<Long, List<Shape>> e : byVillage.entrySet()) {
            Geometry village = villages.get(e.getKey());
            List<Geometry> before = new ArrayList<>(), after = new ArrayList<>();
            for (Shape s : e.getValue()) {
                if (s.before() != null) before.add(s.before());
                if (s.after() != null) {
                    after.add(s.after());
                    Geometry outside = OverlayNGRobust.overlay(s.after(), village, org.locationtech.jts.operation.overlayng.OverlayNG.DIFFERENCE);
                    if (outside.getArea() > AREA_TOLERANCE) {
                        add(s.label(), "extends outside its village by about " + m2(outside.getArea()) + " m²", outside);
                    }
                }
            }
            Geometry beforeUnion = union(before), afterUnion = union(after);
            Geometry gap = OverlayNGRobust.overlay(beforeUnion, afterUnion, org.locationtech.jts.operation.overlayng.OverlayNG.DIFFERENCE);
            Geometry spill = OverlayNGRobust.overlay(afterUnion, beforeUnion, org.locationtech.jts.operation.overlayng.OverlayNG.DIFFERENCE);
            if (gap.getArea() > AREA_TOLERANCE) {
                add("village " + villageNames.getOrDefault(e.getKey(), "#" + e.getKey()), "the edited grids no longer cover about " + m2(gap.getArea())
                        + " m² they covered before: that would be a gap (territory may only move between the edited grids)", gap);
            }
            if (spill.getArea() > AREA_TOLERANCE) {
                add("village " + villageNames.getOrDefault(e.getKey(), "#" + e.getKey()), "the edited grids now cover about " + m2(spill.getArea())
                        + " m² that belongs to grids outside the edit: that would be an overlap", spill);
            }
            for (int i = 0; i < e.getValue().size(); i++) {
                for (int j = i + 1; j < e.getValue().size(); j++) {
                    Shape a = e.getValue().get(i), b = e.getValue().get(j);
                    if (a.after() == null || b.after() == null || !a.after().getEnvelopeInternal().intersects(b.after().getEnvelopeInternal())) continue;
                    Geometry both = OverlayNGRobust.overlay(a.after(), b.after(), org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION);
                    if (both.getArea() > AREA_TOLERANCE) add(a.label() + " and " + b.label(), "overlap by about " + m2(both.getArea()) + " m²", both);
                }
            }
        }
        if (!problems.isEmpty()) return;   // edge matching only means something on a gap- and overlap-free set
        List<Geometry> cover = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Shape s : touched) {
            if (s.after() != null) {
                cover.add(s.after());
                labels.add(s.label());
            }
        }
        int edited = cover.size();
        for (GridRow n : neighbours.values()) {
            cover.add(n.geom());
            labels.add("grid " + n.code());
        }
        Geometry[] bad = CoverageValidator.validate(cover.toArray(Geometry[]::new), 0);
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] != null && i < edited) {
                add(labels.get(i), "its edges do not meet its neighbours' edges vertex for vertex", bad[i]);
            }
        }
    }

    void add(String what, String reason, Geometry where) {
        var p = where.isEmpty() ? where.getCoordinate() : where.getInteriorPoint().getCoordinate();
        problems.add(GeoJsonGeometry.problem(what, reason, p == null ? 0 : p.x, p == null ? 0 : p.y));
    }

    void add(String what, String reason, double lon, double lat) { problems.add(GeoJsonGeometry.problem(what, reason, lon, lat)); }

    List<Map<String, Object>> problems() { return problems; }

    void throwIfAny() {
        if (problems.isEmpty()) return;
        Map<String, Object> first = problems.get(0);
        throw new ApiException(422, "invariant_broken", "The edit set was refused: " + first.get("what") + " " + first.get("reason")
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "") + ". Nothing was changed.",
                Map.of("problems", problems));
    }

    static Geometry union(List<Geometry> gs) {
        if (gs.isEmpty()) return GeoJsonGeometry.GF.createMultiPolygon();
        try {
            return CoverageUnion.union(GeoJsonGeometry.GF.buildGeometry(gs));
        } catch (RuntimeException e) {
            // not a clean coverage (e.g. overlapping input): the robust union still tells the area
            return OverlayNGRobust.union(GeoJsonGeometry.GF.buildGeometry(gs));
        }
    }

    static long m2(double squareDegrees) { return Math.max(1, Math.round(squareDegrees * 1.08e10)); }
}
