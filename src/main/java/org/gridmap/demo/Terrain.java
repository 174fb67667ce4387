package org.gridmap.demo;

/**
 * Synthetic hills: an elevation field (metres) made of a few long waves. Taojia is hilly; the field decides
 * where paths become stairs, where service points prefer to sit (lower ground) and where hazard sites lie
 * (steep slopes).
 */
final class Terrain {
    private final double[] kx;
    private final double[] ky;
    private final double[] phase;
    private final double[] amp;

    private Terrain(double[] kx, double[] ky, double[] phase, double[] amp) {
        this.kx = kx;
        this.ky = ky;
        this.phase = phase;
        this.amp = amp;
    }

    static Terrain random(Rng rng) {
        int n = 5;
        double[] kx = new double[n];
        double[] ky = new double[n];
        double[] ph = new double[n];
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = rng.range(900, 3500);
            double dir = rng.range(0, Math.PI);
            kx[i] = 2 * Math.PI / lambda * StrictMath.cos(dir);
            ky[i] = 2 * Math.PI / lambda * StrictMath.sin(dir);
            ph[i] = rng.range(0, 2 * Math.PI);
            a[i] = rng.range(20, 60);
        }
        return new Terrain(kx, ky, ph, a);
    }

    double elevation(double x, double y) {
        double z = 350;
        for (int i = 0; i < kx.length; i++) z += amp[i] * StrictMath.cos(kx[i] * x + ky[i] * y + phase[i]);
        return z;
    }

    /** Gradient {dz/dx, dz/dy}; its length is the slope (rise over run). */
    double[] gradient(double x, double y) {
        double gx = 0;
        double gy = 0;
        for (int i = 0; i < kx.length; i++) {
            double s = -amp[i] * StrictMath.sin(kx[i] * x + ky[i] * y + phase[i]);
            gx += s * kx[i];
            gy += s * ky[i];
        }
        return new double[] {gx, gy};
    }

    double slope(double x, double y) {
        double[] g = gradient(x, y);
        return Math.hypot(g[0], g[1]);
    }
}
