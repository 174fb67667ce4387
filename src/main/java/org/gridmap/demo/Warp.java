package org.gridmap.demo;

/**
 * A smooth displacement of the plane, p → p + D(p), that bends straight Voronoi edges into natural-looking
 * boundaries.
 *
 * <p>D is a sum of a few sine waves whose total slope stays below 0.9, so the map is a homeomorphism: it moves
 * lines but never makes them cross, and the tiling keeps its topology. The inverse is computed by fixed-point
 * iteration (a contraction for the same reason), which lets a face of the bent tiling be traced back to the
 * straight Voronoi cell it came from.
 */
final class Warp {
    private final double[] kx;
    private final double[] ky;
    private final double[] phase;
    private final double[] ux;
    private final double[] uy;

    private Warp(double[] kx, double[] ky, double[] phase, double[] ux, double[] uy) {
        this.kx = kx;
        this.ky = ky;
        this.phase = phase;
        this.ux = ux;
        this.uy = uy;
    }

    /** The identity: layouts whose lines are drawn where they belong need no bending. */
    static Warp none() {
        return new Warp(new double[0], new double[0], new double[0], new double[0], new double[0]);
    }

    /** Three long waves (1.1–1.8 km, up to 40 m) and two short ones (300–450 m, up to 5 m). */
    static Warp random(Rng rng) {
        int n = 5;
        double[] kx = new double[n];
        double[] ky = new double[n];
        double[] ph = new double[n];
        double[] ux = new double[n];
        double[] uy = new double[n];
        for (int i = 0; i < n; i++) {
            boolean longWave = i < 3;
            double lambda = longWave ? rng.range(1100, 1800) : rng.range(300, 450);
            double amp = longWave ? rng.range(25, 40) : rng.range(3, 5);
            double dir = rng.range(0, 2 * Math.PI);
            double disp = rng.range(0, 2 * Math.PI);
            kx[i] = 2 * Math.PI / lambda * StrictMath.cos(dir);
            ky[i] = 2 * Math.PI / lambda * StrictMath.sin(dir);
            ph[i] = rng.range(0, 2 * Math.PI);
            ux[i] = amp * StrictMath.cos(disp);
            uy[i] = amp * StrictMath.sin(disp);
        }
        return new Warp(kx, ky, ph, ux, uy);
    }

    double[] apply(double x, double y) {
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < kx.length; i++) {
            double s = StrictMath.sin(kx[i] * x + ky[i] * y + phase[i]);
            dx += ux[i] * s;
            dy += uy[i] * s;
        }
        return new double[] {x + dx, y + dy};
    }

    /** The point p with apply(p) == (x, y), to about a micrometre. */
    double[] invert(double x, double y) {
        double px = x;
        double py = y;
        for (int it = 0; it < 400; it++) {
            double[] w = apply(px, py);
            double ex = w[0] - x;
            double ey = w[1] - y;
            px -= ex;
            py -= ey;
            if (Math.abs(ex) < 1e-6 && Math.abs(ey) < 1e-6) break;
        }
        return new double[] {px, py};
    }
}
