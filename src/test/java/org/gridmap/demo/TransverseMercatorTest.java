package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TransverseMercatorTest {
    private static final double A = 6378137.0;
    private static final double E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);

    @Test
    void northingOnTheCentralMeridianIsTheMeridianArc() {
        TransverseMercator tm = new TransverseMercator(105);
        for (double lat : new double[] {10, 29.36, 45, 60}) {
            assertThat(tm.forward(105, lat)[1]).as("lat " + lat).isCloseTo(meridianArc(lat), within(0.001));
            assertThat(tm.forward(105, lat)[0]).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void roundTripsAcrossAThreeDegreeZone() {
        TransverseMercator tm = new TransverseMercator(105);
        for (double lon = 103.5; lon <= 106.5; lon += 0.25) {
            for (double lat = 20; lat <= 40; lat += 2.5) {
                double[] xy = tm.forward(lon, lat);
                double[] back = tm.inverse(xy[0], xy[1]);
                assertThat(back[0]).isCloseTo(lon, within(1e-9));
                assertThat(back[1]).isCloseTo(lat, within(1e-9));
            }
        }
    }

    @Test
    void scaleNearTheCentralMeridianIsOne() {
        // A small step east at the central meridian spans N·cosφ·dλ on the ground (N: prime-vertical radius).
        TransverseMercator tm = new TransverseMercator(106.35);
        double lat = 29.36;
        double dLon = 1e-4;
        double[] a = tm.forward(106.35 - dLon / 2, lat);
        double[] b = tm.forward(106.35 + dLon / 2, lat);
        double phi = Math.toRadians(lat);
        double n = A / Math.sqrt(1 - E2 * Math.sin(phi) * Math.sin(phi));
        assertThat(b[0] - a[0]).isCloseTo(n * Math.cos(phi) * Math.toRadians(dLon), within(1e-6));
    }

    /** Meridian arc length from the equator by Simpson integration of the meridian radius of curvature. */
    private static double meridianArc(double latDeg) {
        int steps = 20_000;
        double h = Math.toRadians(latDeg) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double s = Math.sin(i * h);
            double m = A * (1 - E2) / Math.pow(1 - E2 * s * s, 1.5);
            sum += m * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }
}
