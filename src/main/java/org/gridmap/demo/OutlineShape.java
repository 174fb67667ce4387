package org.gridmap.demo;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.util.GeometricShapeFactory;

/**
 * How far a town outline (metres) is from an ellipse: the share of its area by which it differs from the ellipse
 * of the same centroid and second moments (the ellipse a uniform region with those moments would be). An
 * ellipse scores 0; Taojia's wobbled ellipse a few per cent.
 */
final class OutlineShape {
    private static final int SAMPLES = 160;

    private OutlineShape() {
    }

    static double ellipseMisfit(Polygon p) {
        var env = p.getEnvelopeInternal();
        IndexedPointInAreaLocator in = new IndexedPointInAreaLocator(p);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < SAMPLES; i++) {
            for (int j = 0; j < SAMPLES; j++) {
                double x = env.getMinX() + (i + 0.5) * env.getWidth() / SAMPLES;
                double y = env.getMinY() + (j + 0.5) * env.getHeight() / SAMPLES;
                if (in.locate(new Coordinate(x, y)) == Location.EXTERIOR) continue;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
                n++;
            }
        }
        double mx = sx / n;
        double my = sy / n;
        double vxx = sxx / n - mx * mx;
        double vyy = syy / n - my * my;
        double vxy = sxy / n - mx * my;
        double tr = (vxx + vyy) / 2;
        double det = Math.sqrt(Math.max(0, tr * tr - (vxx * vyy - vxy * vxy)));
        double a = 2 * Math.sqrt(tr + det);
        double b = 2 * Math.sqrt(Math.max(0, tr - det));
        double angle = 0.5 * Math.atan2(2 * vxy, vxx - vyy);
        GeometricShapeFactory f = new GeometricShapeFactory(p.getFactory());
        f.setNumPoints(256);
        f.setCentre(new Coordinate(mx, my));
        f.setWidth(2 * a);
        f.setHeight(2 * b);
        f.setRotation(angle);
        Polygon ellipse = f.createEllipse();
        return p.symDifference(ellipse).getArea() / p.getArea();
    }
}
