package org.gridmap.grids;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Snaps the vertices of an edited shape onto the stored vertices they stand for. Clients round coordinates
 * (GeoJSON at 7 decimals, float arithmetic in a browser), so a vertex the planner did not touch comes back a
 * few nanodegrees off; within {@link #TOLERANCE} (≈ 1 cm, far below the metres between real vertices) it is
 * the stored vertex, exactly, and shared edges stay shared.
 */
final class VertexSnapper {
    static final double TOLERANCE = 1e-7;
    private final Map<Long, Coordinate> cells = new HashMap<>();

    VertexSnapper(Collection<? extends Geometry> references) {
        for (Geometry g : references) {
            for (Coordinate c : g.getCoordinates()) cells.putIfAbsent(key(Math.floor(c.x / TOLERANCE), Math.floor(c.y / TOLERANCE)), c);
        }
    }

    MultiPolygon snap(MultiPolygon g) {
        MultiPolygon copy = (MultiPolygon) g.copy();
        boolean[] changed = {false};
        copy.apply(new CoordinateFilter() {
            @Override public void filter(Coordinate c) {
                Coordinate best = nearest(c);
                if (best != null && !best.equals2D(c)) {
                    c.setX(best.x);
                    c.setY(best.y);
                    changed[0] = true;
                }
            }
        });
        if (!changed[0]) return g;
        copy.geometryChanged();
        copy.setSRID(4326);
        return copy;
    }

    private Coordinate nearest(Coordinate c) {
        double cx = Math.floor(c.x / TOLERANCE), cy = Math.floor(c.y / TOLERANCE);
        Coordinate best = null;
        double bestD = TOLERANCE;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                Coordinate r = cells.get(key(cx + dx, cy + dy));
                if (r != null && r.distance(c) <= bestD) {
                    bestD = r.distance(c);
                    best = r;
                }
            }
        }
        return best;
    }

    private static long key(double x, double y) { return ((long) x) * 1_000_003L ^ (long) y; }

}
