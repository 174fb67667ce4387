package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;

/**
 * Places Voronoi seeds evenly in a region by Lloyd relaxation (seeds move to the centroid of the part of the
 * region nearest to them, estimated from random samples). Even seeds give grids of similar size and shape,
 * like a planner's first cut; fixed seeds (published village centres, the town centre) stay where they are.
 */
final class SeedLayout {
    private SeedLayout() {
    }

    /** {@code n} uniform random points inside {@code region}. */
    static List<Coordinate> sample(Geometry region, int n, Rng rng) {
        IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(region);
        Envelope e = region.getEnvelopeInternal();
        List<Coordinate> out = new ArrayList<>(n);
        int guard = 0;
        while (out.size() < n && guard++ < n * 1000) {
            Coordinate c = new Coordinate(rng.range(e.getMinX(), e.getMaxX()), rng.range(e.getMinY(), e.getMaxY()));
            if (loc.locate(c) == Location.INTERIOR) out.add(c);
        }
        return out;
    }

    /** Relaxes {@code seeds} in place; {@code fixed[i]} seeds do not move. */
    static void relax(Geometry region, List<Coordinate> seeds, boolean[] fixed, int iterations, Rng rng) {
        int k = seeds.size();
        for (int it = 0; it < iterations; it++) {
            List<Coordinate> samples = sample(region, Math.max(200, 80 * k), rng);
            double[] sx = new double[k];
            double[] sy = new double[k];
            int[] cnt = new int[k];
            for (Coordinate s : samples) {
                int best = nearest(seeds, s);
                sx[best] += s.x;
                sy[best] += s.y;
                cnt[best]++;
            }
            for (int i = 0; i < k; i++) {
                if (fixed[i] || cnt[i] == 0) continue;
                seeds.get(i).x = sx[i] / cnt[i];
                seeds.get(i).y = sy[i] / cnt[i];
            }
        }
    }

    static int nearest(List<Coordinate> seeds, Coordinate p) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int i = 0; i < seeds.size(); i++) {
            Coordinate c = seeds.get(i);
            double d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y);
            if (d < bd) {
                bd = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * Splits {@code total} among items by weight with the largest-remainder method, at least {@code min} each.
     */
    static int[] apportion(double[] weights, int total, int min) {
        int n = weights.length;
        int[] out = new int[n];
        int left = total - min * n;
        if (left < 0) throw new IllegalArgumentException("cannot give " + min + " each of " + total);
        double sum = 0;
        for (double w : weights) sum += w;
        double[] rem = new double[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            double share = left * weights[i] / sum;
            out[i] = min + (int) Math.floor(share);
            rem[i] = share - Math.floor(share);
            given += out[i] - min;
        }
        while (given < left) {
            int best = 0;
            for (int i = 1; i < n; i++) if (rem[i] > rem[best]) best = i;
            out[best]++;
            rem[best] = -1;
            given++;
        }
        return out;
    }
}
