package org.gridmap.demo;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A square raster over part of a town's metric plane: pixel (i, j) has its centre at
 * (x0 + (i + ½)·h, y0 + (j + ½)·h). Holds the terrain's elevation per pixel and marks the lines a boundary may
 * follow: streams and ridges (from the terrain's drainage) and, where a town has them, planned streets.
 *
 * <p>Streams are where much land drains (D8 flow accumulation over a threshold); ridges are the streams of the
 * upside-down terrain — the lines that divide catchments. Both are 8-connected chains of pixels.
 */
final class PixelGrid {
    /** Land draining through a pixel (km²) that makes it a stream; the same on the inverted terrain for ridges. */
    static final double LINE_CATCHMENT_KM2 = 0.05;

    final double x0;
    final double y0;
    final double h;
    final int nx;
    final int ny;
    final double[] z;
    /** Streams and ridges. */
    final BitSet terrainLines = new BitSet();
    /** Terrain lines and planned streets: the lines grid boundaries are drawn to. */
    final BitSet lines = new BitSet();

    PixelGrid(Terrain terrain, double half, double h) {
        this.h = h;
        // An even count puts the origin on a pixel corner, so rasters of one town with the same pixel size align
        // and find the same streams and ridges.
        this.nx = 2 * (int) Math.ceil(half / h);
        this.ny = nx;
        this.x0 = -nx * h / 2;
        this.y0 = -ny * h / 2;
        this.z = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) z[j * nx + i] = terrain.elevation(cx(i), cy(j));
        }
        int[] order = byElevation();
        markDrainage(order, 1);
        markDrainage(order, -1);
        lines.or(terrainLines);
    }

    int size() {
        return nx * ny;
    }

    double cx(int i) {
        return x0 + (i + 0.5) * h;
    }

    double cy(int j) {
        return y0 + (j + 0.5) * h;
    }

    /** Pixel index of a metric point, or -1 outside the raster. */
    int at(double x, double y) {
        int i = (int) Math.floor((x - x0) / h);
        int j = (int) Math.floor((y - y0) / h);
        return i < 0 || j < 0 || i >= nx || j >= ny ? -1 : j * nx + i;
    }

    /** Marks a metric polyline's pixels as a line (sampled finely enough to leave an 8-connected chain). */
    void drawLine(double[][] line) {
        for (int k = 0; k + 1 < line.length; k++) {
            double len = Math.hypot(line[k + 1][0] - line[k][0], line[k + 1][1] - line[k][1]);
            int n = Math.max(1, (int) Math.ceil(len / (h / 3)));
            for (int s = 0; s <= n; s++) {
                double t = (double) s / n;
                int p = at(line[k][0] + (line[k + 1][0] - line[k][0]) * t, line[k][1] + (line[k + 1][1] - line[k][1]) * t);
                if (p >= 0) lines.set(p);
            }
        }
    }

    /** True when a pixel centre within {@code d} metres of (x, y) is marked in {@code mask}. */
    boolean near(BitSet mask, double x, double y, double d) {
        int r = (int) Math.ceil(d / h) + 1;
        int ci = (int) Math.floor((x - x0) / h);
        int cj = (int) Math.floor((y - y0) / h);
        for (int j = Math.max(0, cj - r); j <= Math.min(ny - 1, cj + r); j++) {
            for (int i = Math.max(0, ci - r); i <= Math.min(nx - 1, ci + r); i++) {
                if (mask.get(j * nx + i) && Math.hypot(cx(i) - x, cy(j) - y) <= d) return true;
            }
        }
        return false;
    }

    /**
     * Pixels from the lowest to the highest, sorted as primitive keys (elevation quantized far below a
     * micrometre in the high bits, the pixel in the low bits), which is several times faster than boxed sorting.
     */
    private int[] byElevation() {
        int n = size();
        int indexBits = 32 - Integer.numberOfLeadingZeros(n);
        double scale = Math.scalb(1.0, 63 - indexBits - 13); // elevations + 4096 m stay below 2^13 m
        long[] keys = new long[n];
        for (int p = 0; p < n; p++) keys[p] = ((long) ((z[p] + 4096) * scale) << indexBits) | p;
        Arrays.sort(keys);
        int[] out = new int[n];
        long mask = (1L << indexBits) - 1;
        for (int k = 0; k < n; k++) out[k] = (int) (keys[k] & mask);
        return out;
    }

    /**
     * D8 flow accumulation: every pixel passes what drains through it to its steepest-descent neighbour, from
     * the highest pixel down; {@code sign = -1} runs it on the inverted terrain.
     */
    private void markDrainage(int[] lowToHigh, int sign) {
        int n = size();
        double[] acc = new double[n];
        Arrays.fill(acc, h * h / 1e6);
        for (int k = 0; k < n; k++) {
            int p = sign > 0 ? lowToHigh[n - 1 - k] : lowToHigh[k];
            int i = p % nx;
            int j = p / nx;
            int best = -1;
            double drop = 0;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int a = i + di;
                    int b = j + dj;
                    if ((di == 0 && dj == 0) || a < 0 || b < 0 || a >= nx || b >= ny) continue;
                    double d = sign * (z[p] - z[b * nx + a]) / Math.hypot(di, dj);
                    if (d > drop) {
                        drop = d;
                        best = b * nx + a;
                    }
                }
            }
            if (best >= 0) acc[best] += acc[p];
        }
        for (int p = 0; p < n; p++) if (acc[p] >= LINE_CATCHMENT_KM2) terrainLines.set(p);
    }
}
