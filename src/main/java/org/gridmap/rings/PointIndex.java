package org.gridmap.rings;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Points (households) by square cells of lon/lat, so the households near a road are found without a pass over the
 * city: a closure re-snaps the households within reach of the roads it closed or reopened and nobody else. Sorted
 * arrays, about 12 bytes per point; immutable.
 */
final class PointIndex {
    /** At most this many cells across, whatever the extent (a stray point far away must not make the grid huge). */
    private static final int MAX_CELLS_ACROSS = 4096;
    private final double minLon, minLat, cell;
    private final int across, down;
    /** Distinct occupied cell ids (x * down + y), ascending; the points of cellIds[c] are members[start[c] .. start[c+1]-1]. */
    private final int[] cellIds, start, members;

    PointIndex(double[] lon, double[] lat) {
        int n = lon.length;
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x0 = Math.min(x0, lon[i]);
            x1 = Math.max(x1, lon[i]);
            y0 = Math.min(y0, lat[i]);
            y1 = Math.max(y1, lat[i]);
        }
        if (n == 0) x0 = y0 = x1 = y1 = 0;
        minLon = x0;
        minLat = y0;
        // ~1 km cells: a road's reach (a few hundred metres) spans a handful of them
        cell = Math.max(0.01, Math.max(x1 - x0, y1 - y0) / MAX_CELLS_ACROSS);
        across = (int) ((x1 - x0) / cell) + 1;
        down = (int) ((y1 - y0) / cell) + 1;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) keyed[i] = (long) cellOf(lon[i], lat[i]) << 32 | i;
        Arrays.sort(keyed);
        members = new int[n];
        int cells = 0;
        for (int i = 0; i < n; i++) if (i == 0 || (keyed[i] >>> 32) != (keyed[i - 1] >>> 32)) cells++;
        cellIds = new int[cells];
        start = new int[cells + 1];
        for (int i = 0, c = -1; i < n; i++) {
            int id = (int) (keyed[i] >>> 32);
            if (c < 0 || cellIds[c] != id) {
                cellIds[++c] = id;
                start[c] = i;
            }
            members[i] = (int) keyed[i];
        }
        start[cells] = n;
    }

    private int cellOf(double lon, double lat) {
        int x = (int) ((lon - minLon) / cell), y = (int) ((lat - minLat) / cell);
        return x * down + y;
    }

    /** Every point whose cell meets the box (a superset of the points in it: callers test each). */
    void near(double west, double south, double east, double north, IntConsumer each) {
        int xa = Math.max(0, (int) Math.floor((west - minLon) / cell)), xb = Math.min(across - 1, (int) Math.floor((east - minLon) / cell));
        int ya = Math.max(0, (int) Math.floor((south - minLat) / cell)), yb = Math.min(down - 1, (int) Math.floor((north - minLat) / cell));
        for (int x = xa; x <= xb; x++) {
            for (int y = ya; y <= yb; y++) {
                int c = Arrays.binarySearch(cellIds, x * down + y);
                if (c < 0) continue;
                for (int k = start[c]; k < start[c + 1]; k++) each.accept(members[k]);
            }
        }
    }
}
