package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Gcj02Test {
    @Test
    void forwardMatchesTheWidelyPublishedReferenceValue() {
        // The example of the common coordtransform implementations: WGS84 (116.404, 39.915) in Beijing.
        double[] g = Gcj02.fromWgs84(116.404, 39.915);
        assertThat(g[0]).isCloseTo(116.41024449916938, within(1e-9));
        assertThat(g[1]).isCloseTo(39.91640428150164, within(1e-9));
    }

    @Test
    void inverseRoundTripsBelowOneTenMillionthOfADegree() {
        for (double lon = 106.30; lon <= 106.42; lon += 0.01) {
            for (double lat = 29.32; lat <= 29.41; lat += 0.01) {
                double[] w = Gcj02.toWgs84(lon, lat);
                double[] back = Gcj02.fromWgs84(w[0], w[1]);
                assertThat(back[0]).isCloseTo(lon, within(1e-7));
                assertThat(back[1]).isCloseTo(lat, within(1e-7));
            }
        }
    }

    @Test
    void offsetAroundTaojiaIsAFewHundredMetres() {
        double[] w = Gcj02.toWgs84(106.3467, 29.3610);
        double dx = (106.3467 - w[0]) * 111_320 * Math.cos(Math.toRadians(29.361));
        double dy = (29.3610 - w[1]) * 110_900;
        double metres = Math.hypot(dx, dy);
        assertThat(metres).isBetween(100.0, 900.0);
    }

    @Test
    void outsideChinaThereIsNoShift() {
        assertThat(Gcj02.fromWgs84(2.35, 48.85)).containsExactly(2.35, 48.85);
    }
}
