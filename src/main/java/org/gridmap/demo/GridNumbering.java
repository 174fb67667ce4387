package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Orders the grids of one unit for their 3-digit sequence: north→south in rows, west→east within a row.
 *
 * <p>Row banding (documented in docs/data-format.md): a unit with k grids has round(√k) rows (at least 1), equal
 * bands of latitude spanning the unit polygon's bounding box from north to south. A grid belongs to the band
 * that holds the latitude of its centroid (planar centroid of the lon/lat polygon); within a band grids are
 * ordered by the centroid's longitude.
 */
final class GridNumbering {
    private GridNumbering() {
    }

    /** Indices into {@code grids} in sequence order (first = sequence 001). */
    static List<Integer> order(Polygon unit, List<Polygon> grids) {
        int k = grids.size();
        int rows = Math.max(1, (int) Math.round(Math.sqrt(k)));
        Envelope e = unit.getEnvelopeInternal();
        double band = (e.getMaxY() - e.getMinY()) / rows;
        int[] row = new int[k];
        double[] lon = new double[k];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Point c = grids.get(i).getCentroid();
            row[i] = Math.min(rows - 1, Math.max(0, (int) Math.floor((e.getMaxY() - c.getY()) / band)));
            lon[i] = c.getX();
            idx.add(i);
        }
        idx.sort(Comparator.comparingInt((Integer i) -> row[i]).thenComparingDouble(i -> lon[i]));
        return idx;
    }
}
