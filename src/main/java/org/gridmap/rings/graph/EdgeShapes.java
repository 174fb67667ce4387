package org.gridmap.rings.graph;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The interior vertices of every edge polyline (its end points are the nodes), packed in one double[] with
 * per-edge offsets: no object per edge. A geometry changed after build goes to a small side map, marked in a
 * byte per edge so the packed fast path pays one byte read.
 */
final class EdgeShapes {
    private static final double[] NONE = new double[0];

    private final double[] packed;
    private final int[] start; // interior of e: packed[start[e] .. start[e+1]) as lon,lat pairs
    private final byte[] replacedMark;
    private final ConcurrentHashMap<Integer, double[]> replaced = new ConcurrentHashMap<>();

    EdgeShapes(double[] packed, int[] start) {
        this.packed = packed;
        this.start = start;
        this.replacedMark = new byte[start.length - 1];
    }

    /** Interior lon,lat pairs of a full polyline lon,lat,... (end points dropped); null or 2 points → none. */
    static double[] interiorOf(double[] coords) {
        if (coords == null || coords.length < 6) {
            if (coords != null && (coords.length % 2 != 0)) throw new IllegalArgumentException("coords need lon,lat pairs");
            return NONE;
        }
        if (coords.length % 2 != 0) throw new IllegalArgumentException("coords need lon,lat pairs");
        double[] in = new double[coords.length - 4];
        System.arraycopy(coords, 2, in, 0, in.length);
        return in;
    }

    /**
     * The array holding the interior of e: the shared packed array or a replacement. A reader takes it once per
     * operation and derives offset and count from that same array, so a concurrent {@link #replace} can never hand
     * it a count of one shape and the vertices of another.
     */
    double[] arrayOf(int e) {
        if (replacedMark[e] != 0) {
            double[] r = replaced.get(e);
            if (r != null) return r;
        }
        return packed;
    }

    int offsetIn(double[] array, int e) {
        return array == packed ? start[e] : 0;
    }

    int pointsIn(double[] array, int e) {
        return (array == packed ? start[e + 1] - start[e] : array.length) >> 1;
    }

    /** Replacement arrays are never written again after this call. */
    void replace(int e, double[] interior) {
        replaced.put(e, interior);
        replacedMark[e] = 1;
    }

    long heapBytes() {
        return 8L * packed.length + 4L * start.length + replacedMark.length;
    }
}
