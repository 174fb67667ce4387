package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Shared assertions for the graph tests. */
final class Checks {
    static final TravelMode WALK = TravelMode.walk(4.5);
    /** Respects one-way and cannot use paths or stairs. */
    static final TravelMode DRIVE = TravelMode.drive("car", 40, 25, 0, 0);
    /** Same speed everywhere, overrides ignored: seconds and metres are proportional. */
    static final TravelMode FLAT = new TravelMode("flat", new double[] {5, 5, 5, 5}, false, false);
    static final TravelMode FLAT_ONEWAY = new TravelMode("flat-oneway", new double[] {5, 5, 5, 5}, true, false);

    private Checks() { }

    static void assertSeconds(double actual, double expected, String what) {
        if (expected == Double.POSITIVE_INFINITY) {
            if (actual != Double.POSITIVE_INFINITY) fail(what + ": expected unreachable, got " + actual);
            return;
        }
        if (!(Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected))))
            fail(what + ": expected " + expected + " s, got " + actual);
    }

    /** A path starts and ends at its snaps and its drawn length agrees with its metres (exact-length networks). */
    static void assertPathDrawn(Path p, Snap from, Snap to) {
        double[] c = p.coords();
        assertThat(c.length).isGreaterThanOrEqualTo(4);
        assertThat(c[0]).isEqualTo(from.lon());
        assertThat(c[1]).isEqualTo(from.lat());
        assertThat(c[c.length - 2]).isEqualTo(to.lon());
        assertThat(c[c.length - 1]).isEqualTo(to.lat());
        double drawn = TestNetwork.meters(c);
        assertThat(Math.abs(drawn - p.meters())).as("drawn %s vs metres %s", drawn, p.meters())
                .isLessThanOrEqualTo(1e-3 * p.meters() + 0.05);
    }
}
