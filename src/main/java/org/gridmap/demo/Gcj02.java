package org.gridmap.demo;

/**
 * The GCJ-02 datum shift used by Chinese web maps, and its inverse.
 *
 * <p>Published village centres are GCJ-02 coordinates; gridmap stores WGS84, so they are converted once here.
 * The forward formula is the widely published one (Krasovsky ellipsoid); there is no closed-form inverse, so
 * {@link #toWgs84} iterates the forward shift, which is smooth and small (a few hundred metres).
 * {@link StrictMath} keeps the results identical on every JVM, so generated files are reproducible.
 */
public final class Gcj02 {
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double PI = StrictMath.PI;
    /** Iteration stops once a step moves the estimate by less than this (degrees), far below 1e-7°. */
    private static final double INVERSE_TOLERANCE = 1e-10;

    private Gcj02() {
    }

    /** True where the shift is applied: the formula's conventional rough box around China. */
    public static boolean inChina(double lon, double lat) {
        return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
    }

    /** WGS84 → GCJ-02, returns {lon, lat}. */
    public static double[] fromWgs84(double lon, double lat) {
        if (!inChina(lon, lat)) return new double[] {lon, lat};
        double dLat = shiftLat(lon - 105.0, lat - 35.0);
        double dLon = shiftLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * PI;
        double magic = StrictMath.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = StrictMath.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * StrictMath.cos(radLat) * PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    /** GCJ-02 → WGS84 by fixed-point iteration of the forward shift, returns {lon, lat}. */
    public static double[] toWgs84(double lon, double lat) {
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < 50; i++) {
            double[] g = fromWgs84(wLon, wLat);
            double nLon = wLon - (g[0] - lon);
            double nLat = wLat - (g[1] - lat);
            boolean done = Math.abs(nLon - wLon) < INVERSE_TOLERANCE && Math.abs(nLat - wLat) < INVERSE_TOLERANCE;
            wLon = nLon;
            wLat = nLat;
            if (done) break;
        }
        return new double[] {wLon, wLat};
    }

    private static double shiftLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * StrictMath.sqrt(Math.abs(x));
        r += (20.0 * StrictMath.sin(6.0 * x * PI) + 20.0 * StrictMath.sin(2.0 * x * PI)) * 2.0 / 3.0;
        r += (20.0 * StrictMath.sin(y * PI) + 40.0 * StrictMath.sin(y / 3.0 * PI)) * 2.0 / 3.0;
        r += (160.0 * StrictMath.sin(y / 12.0 * PI) + 320 * StrictMath.sin(y * PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double shiftLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * StrictMath.sqrt(Math.abs(x));
        r += (20.0 * StrictMath.sin(6.0 * x * PI) + 20.0 * StrictMath.sin(2.0 * x * PI)) * 2.0 / 3.0;
        r += (20.0 * StrictMath.sin(x * PI) + 40.0 * StrictMath.sin(x / 3.0 * PI)) * 2.0 / 3.0;
        r += (150.0 * StrictMath.sin(x / 12.0 * PI) + 300.0 * StrictMath.sin(x / 30.0 * PI)) * 2.0 / 3.0;
        return r;
    }
}
