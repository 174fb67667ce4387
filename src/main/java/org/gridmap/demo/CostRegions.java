package org.gridmap.demo;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Regions of a {@link PixelGrid} grown by travel cost, the way land is divided in hill country: walking is slower
 * up slopes and stepping onto (or across) a marked line — a stream, a ridge, a street — costs extra, so where two
 * regions meet their boundary settles on the line nearby instead of on a geometric bisector.
 *
 * <p>Moves are 8-connected; a diagonal move between the two pixels of a line's diagonal step counts as crossing
 * it, so no region slips through a line without paying.
 */
final class CostRegions {
    private static final int[] DI = {1, -1, 0, 0, 1, 1, -1, -1};
    private static final int[] DJ = {0, 0, 1, -1, 1, -1, 1, -1};

    private final PixelGrid g;
    /** Cost of a metre of walking per pixel (≥ some positive floor). */
    private final double[] mult;
    /** Extra cost (metres) of stepping onto or across a line. */
    private final double barrier;

    CostRegions(PixelGrid g, double[] mult, double barrier) {
        this.g = g;
        this.mult = mult;
        this.barrier = barrier;
    }

    /**
     * The {@code pixels} cheapest pixels to reach from {@code start} within {@code reach} metres of the origin
     * (both axes): one 8-connected region; holes and diagonal-only contacts are then filled.
     */
    BitSet grow(int start, int pixels, double reach) {
        BitSet in = new BitSet();
        int[] region = new int[g.size()];
        for (int p = 0; p < region.length; p++) {
            int i = p % g.nx;
            int j = p / g.nx;
            region[p] = Math.abs(g.cx(i)) <= reach && Math.abs(g.cy(j)) <= reach ? 0 : -1;
        }
        int[] label = new int[g.size()];
        run(region, 0, new int[] {start}, new int[] {0}, label, pixels, in);
        fill(in);
        return in;
    }

    /**
     * Labels every pixel p with {@code region[p] == id} by the seed it is cheapest to reach from:
     * {@code out[p] = seedLabels[k]}. Pixels of other regions are left alone.
     */
    void label(int[] region, int id, int[] seeds, int[] seedLabels, int[] out) {
        run(region, id, seeds, seedLabels, out, Integer.MAX_VALUE, null);
    }

    private void run(int[] region, int id, int[] seeds, int[] seedLabels, int[] out, int limit, BitSet settled) {
        double[] dist = new double[g.size()];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Heap heap = new Heap();
        for (int k = 0; k < seeds.length; k++) {
            dist[seeds[k]] = 0;
            out[seeds[k]] = seedLabels[k];
            heap.push(0, seeds[k]);
        }
        int count = 0;
        boolean[] done = new boolean[g.size()];
        while (heap.size > 0 && count < limit) {
            double d = heap.topKey();
            int p = heap.pop();
            if (done[p] || d > dist[p]) continue;
            done[p] = true;
            count++;
            if (settled != null) settled.set(p);
            int i = p % g.nx;
            int j = p / g.nx;
            for (int k = 0; k < 8; k++) {
                int a = i + DI[k];
                int b = j + DJ[k];
                if (a < 0 || b < 0 || a >= g.nx || b >= g.ny) continue;
                int q = b * g.nx + a;
                if (region[q] != id || done[q]) continue;
                double step = k < 4 ? g.h : g.h * Math.sqrt(2);
                double c = step * (mult[p] + mult[q]) / 2;
                boolean crosses = g.lines.get(q)
                        || (k >= 4 && g.lines.get(j * g.nx + a) && g.lines.get(b * g.nx + i));
                if (crosses) c += barrier;
                if (d + c < dist[q]) {
                    dist[q] = d + c;
                    out[q] = out[p];
                    heap.push(d + c, q);
                }
            }
        }
    }

    /** Fills holes (pixels not reachable from the raster's edge) and 2×2 checkerboards, so the outline is one ring. */
    private void fill(BitSet in) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int j = 0; j + 1 < g.ny; j++) {
                for (int i = 0; i + 1 < g.nx; i++) {
                    int p = j * g.nx + i;
                    boolean a = in.get(p);
                    boolean b = in.get(p + 1);
                    boolean c = in.get(p + g.nx);
                    boolean d = in.get(p + g.nx + 1);
                    if (a == d && b == c && a != b) {
                        in.set(p);
                        in.set(p + 1);
                        in.set(p + g.nx);
                        in.set(p + g.nx + 1);
                        changed = true;
                    }
                }
            }
        }
        BitSet outside = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int p = 0; p < g.size(); p++) {
            int i = p % g.nx;
            int j = p / g.nx;
            boolean edge = i == 0 || j == 0 || i == g.nx - 1 || j == g.ny - 1;
            if (edge && !in.get(p)) {
                outside.set(p);
                queue.add(p);
            }
        }
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int i = p % g.nx;
            int j = p / g.nx;
            for (int k = 0; k < 4; k++) {
                int a = i + DI[k];
                int b = j + DJ[k];
                if (a < 0 || b < 0 || a >= g.nx || b >= g.ny) continue;
                int q = b * g.nx + a;
                if (!in.get(q) && !outside.get(q)) {
                    outside.set(q);
                    queue.add(q);
                }
            }
        }
        for (int p = 0; p < g.size(); p++) if (!outside.get(p)) in.set(p);
    }

    /**
     * {@code k} seed pixels spread evenly over the pixels of {@code region == id} by Lloyd's iterations on a
     * sample; {@code fixed} (a pixel or -1) is kept as seed 0.
     */
    static int[] spread(PixelGrid g, int[] region, int id, int k, int fixed, Rng rng) {
        int[] mine = new int[g.size()];
        int n = 0;
        for (int p = 0; p < region.length; p++) if (region[p] == id) mine[n++] = p;
        if (n < k) throw new Tiling.Failure("region " + id + " has fewer pixels than seeds");
        int sampleSize = Math.min(n, Math.max(400, 60 * k));
        double[] sx = new double[sampleSize];
        double[] sy = new double[sampleSize];
        for (int s = 0; s < sampleSize; s++) {
            int p = mine[rng.nextInt(n)];
            sx[s] = g.cx(p % g.nx);
            sy[s] = g.cy(p / g.nx);
        }
        double[] kx = new double[k];
        double[] ky = new double[k];
        for (int c = 0; c < k; c++) {
            int p = c == 0 && fixed >= 0 ? fixed : mine[rng.nextInt(n)];
            kx[c] = g.cx(p % g.nx);
            ky[c] = g.cy(p / g.nx);
        }
        for (int it = 0; it < 12; it++) {
            double[] ax = new double[k];
            double[] ay = new double[k];
            int[] cnt = new int[k];
            for (int s = 0; s < sampleSize; s++) {
                int best = 0;
                double bd = Double.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    double d = (kx[c] - sx[s]) * (kx[c] - sx[s]) + (ky[c] - sy[s]) * (ky[c] - sy[s]);
                    if (d < bd) {
                        bd = d;
                        best = c;
                    }
                }
                ax[best] += sx[s];
                ay[best] += sy[s];
                cnt[best]++;
            }
            for (int c = 0; c < k; c++) {
                if (cnt[c] == 0 || (c == 0 && fixed >= 0)) continue;
                kx[c] = ax[c] / cnt[c];
                ky[c] = ay[c] / cnt[c];
            }
        }
        // Snap each centre to the nearest pixel of the region (a centroid may fall outside a bent region).
        int[] out = new int[k];
        BitSet used = new BitSet();
        for (int c = 0; c < k; c++) {
            int best = -1;
            double bd = Double.MAX_VALUE;
            for (int t = 0; t < n; t++) {
                int p = mine[t];
                if (used.get(p)) continue;
                double d = Math.hypot(g.cx(p % g.nx) - kx[c], g.cy(p / g.nx) - ky[c]);
                if (d < bd) {
                    bd = d;
                    best = p;
                }
            }
            out[c] = best;
            used.set(best);
        }
        return out;
    }

    /** A binary min-heap of (cost, pixel) on primitive arrays; stale entries are skipped by the caller. */
    private static final class Heap {
        private double[] keys = new double[1024];
        private int[] vals = new int[1024];
        private int size;

        void push(double key, int val) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                vals = Arrays.copyOf(vals, size * 2);
            }
            int c = size++;
            while (c > 0) {
                int parent = (c - 1) / 2;
                if (keys[parent] <= key) break;
                keys[c] = keys[parent];
                vals[c] = vals[parent];
                c = parent;
            }
            keys[c] = key;
            vals[c] = val;
        }

        double topKey() {
            return keys[0];
        }

        int pop() {
            int top = vals[0];
            size--;
            double key = keys[size];
            int val = vals[size];
            int c = 0;
            while (true) {
                int l = 2 * c + 1;
                if (l >= size) break;
                int m = l + 1 < size && keys[l + 1] < keys[l] ? l + 1 : l;
                if (keys[m] >= key) break;
                keys[c] = keys[m];
                vals[c] = vals[m];
                c = m;
            }
            keys[c] = key;
            vals[c] = val;
            return top;
        }
    }
}
