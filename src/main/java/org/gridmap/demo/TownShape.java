package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The town boundary in the town's metric plane, before the {@link Warp} bends it: an ellipse of the planned
 * elongation and direction with a few gentle lobes, scaled so that after warping it encloses exactly the
 * planned area.
 */
final class TownShape {
    static final int VERTICES = 180;
    /** Largest relative bulge or dent of the lobes, so towns stay inside their lattice cell. */
    static final double MAX_WOBBLE = 0.07;
    /** Vertex spacing of all final boundaries, metres: fine enough that the warp reads as a curve. */
    static final double DENSIFY_M = 50;

    private TownShape() {
    }

    static Polygon build(TownPlan plan, Rng rng, Warp warp, GeometryFactory gf) {
        double[] coef = new double[7];
        double[] phase = new double[7];
        for (int k = 2; k <= 6; k++) {
            coef[k] = rng.range(-0.035, 0.035) * 3 / k;
            phase[k] = rng.range(0, 2 * Math.PI);
        }
        double[] wobble = new double[VERTICES];
        double max = 0;
        for (int i = 0; i < VERTICES; i++) {
            double t = 2 * Math.PI * i / VERTICES;
            double w = 0;
            for (int k = 2; k <= 6; k++) w += coef[k] * StrictMath.cos(k * t + phase[k]);
            wobble[i] = w;
            max = Math.max(max, Math.abs(w));
        }
        double damp = max > MAX_WOBBLE ? MAX_WOBBLE / max : 1;
        double target = plan.areaKm2() * 1e6;
        double q = plan.elongation();
        double a = Math.sqrt(target * q / Math.PI);
        double b = Math.sqrt(target / (q * Math.PI));
        double rot = Math.toRadians(plan.rotationDeg());
        double scale = 1;
        Polygon shape = null;
        // The warp changes the area by a fraction of a percent; three rescaling rounds bring it to ~1e-6.
        for (int round = 0; round < 4; round++) {
            Coordinate[] ring = new Coordinate[VERTICES + 1];
            for (int i = 0; i < VERTICES; i++) {
                double t = 2 * Math.PI * i / VERTICES;
                double ex = a * StrictMath.cos(t);
                double ey = b * StrictMath.sin(t);
                double r = scale * (1 + damp * wobble[i]);
                double x = r * (ex * StrictMath.cos(rot) - ey * StrictMath.sin(rot));
                double y = r * (ex * StrictMath.sin(rot) + ey * StrictMath.cos(rot));
                ring[i] = new Coordinate(plan.shapeOffsetX() + x, plan.shapeOffsetY() + y);
            }
            ring[VERTICES] = ring[0].copy();
            shape = gf.createPolygon(ring);
            double area = Math.abs(Area.ofRingSigned(warpedRing(shape.getExteriorRing().getCoordinates(), warp)));
            scale *= Math.sqrt(target / area);
        }
        return shape;
    }

    /** Densifies a pre-warp line to {@link #DENSIFY_M} and warps every vertex. */
    static Coordinate[] warpedRing(Coordinate[] line, Warp warp) {
        List<Coordinate> out = new ArrayList<>();
        for (int i = 0; i + 1 < line.length; i++) {
            Coordinate p = line[i];
            Coordinate q = line[i + 1];
            int n = Math.max(1, (int) Math.ceil(p.distance(q) / DENSIFY_M));
            for (int j = 0; j < n; j++) {
                double t = (double) j / n;
                double[] w = warp.apply(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t);
                out.add(new Coordinate(w[0], w[1]));
            }
        }
        Coordinate last = line[line.length - 1];
        double[] w = warp.apply(last.x, last.y);
        out.add(new Coordinate(w[0], w[1]));
        return out.toArray(new Coordinate[0]);
    }
}
