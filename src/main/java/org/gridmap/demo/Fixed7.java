package org.gridmap.demo;

import org.locationtech.jts.geom.PrecisionModel;

/**
 * The storage grid of all output coordinates: 1e-7 degree (about 1 cm). Every coordinate the generator emits is
 * a multiple of it, so the 7-decimal text written to the files parses back to exactly the same double, and
 * geometry that shares a vertex keeps sharing it after a round trip.
 */
public final class Fixed7 {
    public static final double SCALE = 1e7;
    public static final PrecisionModel PRECISION = new PrecisionModel(SCALE);

    private Fixed7() {
    }

    /** Integer units of 1e-7°. */
    public static long units(double degrees) {
        return Math.round(degrees * SCALE);
    }

    /** Rounds onto the grid; the result is the double nearest to a 7-decimal number. */
    public static double round(double degrees) {
        return units(degrees) / SCALE;
    }

    /** Exactly seven decimals, e.g. {@code 106.3467000}; parses back to {@link #round(double)}. */
    public static String format(double degrees) {
        long u = units(degrees);
        StringBuilder sb = new StringBuilder(16);
        if (u < 0) {
            sb.append('-');
            u = -u;
        }
        String frac = Long.toString(u % 10_000_000L);
        sb.append(u / 10_000_000L).append('.');
        for (int i = frac.length(); i < 7; i++) sb.append('0');
        return sb.append(frac).toString();
    }

    /** One key for a grid point, for hashing shared vertices. */
    public static long key(double lon, double lat) {
        return (units(lon) << 32) ^ (units(lat) & 0xffffffffL);
    }
}
