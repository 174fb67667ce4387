package org.gridmap.importer;

import java.util.List;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;

/**
 * Checks that parts tile their whole: no overlap, no gap, edges that match (JTS coverage validation),
 * and the parts' union equal to the whole. Reports each offending part with where it goes wrong.
 */
final class TilingCheck {
    /** Area difference (1e-10 deg² ≈ 1 m² at 30°N) above which a gap or spill is reported: about 1 m². */
    private static final double AREA_TOLERANCE = 1e-10;

    private TilingCheck() { }

    static void check(String file, Unit whole, List<Unit> parts, Problems problems) {
        if (parts.isEmpty()) return;
        Geometry[] geoms = parts.stream().map(u -> u.geom).toArray(Geometry[]::new);
        Geometry[] invalid = CoverageValidator.validate(geoms, 1e-9);
        boolean coverageOk = true;
        for (int i = 0; i < invalid.length; i++) {
            if (invalid[i] != null) {
                coverageOk = false;
                problems.add(file, parts.get(i).featureId, "overlaps or does not match the edges of its neighbours in "
                        + whole.code + " near " + invalid[i].getCoordinate() + " (" + invalid[i].getNumPoints() + " bad vertices)");
            }
        }
        if (!coverageOk) return;
        Geometry union = CoverageUnion.union(geoms);
        double gap = whole.geom.difference(union).getArea();
        double spill = union.difference(whole.geom).getArea();
        if (gap > AREA_TOLERANCE) {
            Geometry where = whole.geom.difference(union);
            problems.add(file, null, "the parts of " + whole.code + " (" + whole.name + ") leave a gap of about "
                    + Math.round(gap * 1.08e10) + " m² near " + where.getInteriorPoint().getCoordinate());
        }
        if (spill > AREA_TOLERANCE) {
            problems.add(file, null, "the parts of " + whole.code + " (" + whole.name + ") spill outside it by about "
                    + Math.round(spill * 1.08e10) + " m²");
        }
    }
}
