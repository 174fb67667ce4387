package org.gridmap.demo;

/**
 * Ellipsoidal transverse Mercator (Gauss-Krüger) on WGS84, Krüger series to fourth order in n.
 *
 * <p>The generator works in metres on a plane tangent to each town, and the tests measure areas and distances
 * the same way; within a few hundred kilometres of the central meridian the series is accurate to well under a
 * millimetre, so no external projection library is needed. Scale factor 1 on the central meridian, no false
 * easting/northing: x east, y north of the equator.
 */
public final class TransverseMercator {
    private static final double A = 6378137.0;
    private static final double F = 1 / 298.257223563;
    private static final double N = F / (2 - F);
    private static final double E = 2 * Math.sqrt(N) / (1 + N);
    private static final double RECT = A / (1 + N) * (1 + N * N / 4 + N * N * N * N / 64);
    private static final double[] ALPHA = {
        N / 2 - 2 * N * N / 3 + 5 * N * N * N / 16 + 41 * N * N * N * N / 180,
        13 * N * N / 48 - 3 * N * N * N / 5 + 557 * N * N * N * N / 1440,
        61 * N * N * N / 240 - 103 * N * N * N * N / 140,
        49561 * N * N * N * N / 161280};
    private static final double[] BETA = {
        N / 2 - 2 * N * N / 3 + 37 * N * N * N / 96 - N * N * N * N / 360,
        N * N / 48 + N * N * N / 15 - 437 * N * N * N * N / 1440,
        17 * N * N * N / 480 - 37 * N * N * N * N / 840,
        4397 * N * N * N * N / 161280};
    private static final double[] DELTA = {
        2 * N - 2 * N * N / 3 - 2 * N * N * N + 116 * N * N * N * N / 45,
        7 * N * N / 3 - 8 * N * N * N / 5 - 227 * N * N * N * N / 45,
        56 * N * N * N / 15 - 136 * N * N * N * N / 35,
        4279 * N * N * N * N / 630};

    private final double lon0;

    /** @param centralMeridian central meridian in degrees */
    public TransverseMercator(double centralMeridian) {
        this.lon0 = centralMeridian;
    }

    public double centralMeridian() {
        return lon0;
    }

    /** Geographic degrees → {x, y} metres. */
    public double[] forward(double lon, double lat) {
        double phi = Math.toRadians(lat);
        double lam = Math.toRadians(lon - lon0);
        double sinPhi = StrictMath.sin(phi);
        double t = StrictMath.sinh(atanh(sinPhi) - E * atanh(E * sinPhi));
        double xiP = StrictMath.atan2(t, StrictMath.cos(lam));
        double etaP = atanh(StrictMath.sin(lam) / StrictMath.sqrt(1 + t * t));
        double xi = xiP;
        double eta = etaP;
        for (int j = 1; j <= 4; j++) {
            xi += ALPHA[j - 1] * StrictMath.sin(2 * j * xiP) * StrictMath.cosh(2 * j * etaP);
            eta += ALPHA[j - 1] * StrictMath.cos(2 * j * xiP) * StrictMath.sinh(2 * j * etaP);
        }
        return new double[] {RECT * eta, RECT * xi};
    }

    /** {x, y} metres → geographic {lon, lat} degrees. */
    public double[] inverse(double x, double y) {
        double xi = y / RECT;
        double eta = x / RECT;
        double xiP = xi;
        double etaP = eta;
        for (int j = 1; j <= 4; j++) {
            xiP -= BETA[j - 1] * StrictMath.sin(2 * j * xi) * StrictMath.cosh(2 * j * eta);
            etaP -= BETA[j - 1] * StrictMath.cos(2 * j * xi) * StrictMath.sinh(2 * j * eta);
        }
        double chi = StrictMath.asin(StrictMath.sin(xiP) / StrictMath.cosh(etaP));
        double phi = chi;
        for (int j = 1; j <= 4; j++) phi += DELTA[j - 1] * StrictMath.sin(2 * j * chi);
        double lam = StrictMath.atan2(StrictMath.sinh(etaP), StrictMath.cos(xiP));
        return new double[] {lon0 + Math.toDegrees(lam), Math.toDegrees(phi)};
    }

    private static double atanh(double v) {
        return 0.5 * StrictMath.log((1 + v) / (1 - v));
    }
}
