package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapperTest {

    /** Brute force over every segment of every open edge, in an equirectangular frame centred on the query. */
    static double bruteForce(TestNetwork t, double lon, double lat, TravelMode mode) {
        double kx = LocalProjection.METERS_PER_DEGREE * Math.cos(Math.toRadians(lat)), ky = LocalProjection.METERS_PER_DEGREE;
        ReferenceRouter ref = mode == null ? null : new ReferenceRouter(t, mode);
        double best = Double.POSITIVE_INFINITY;
        for (int e = 0; e < t.edgeCount(); e++) {
            if (t.closed[e]) continue;
            if (ref != null && ref.edgeSeconds(e, false) == Double.POSITIVE_INFINITY
                    && ref.edgeSeconds(e, true) == Double.POSITIVE_INFINITY) continue;
            double[] c = t.coords.get(e);
            for (int i = 0; i + 3 < c.length; i += 2) {
                double ax = (c[i] - lon) * kx, ay = (c[i + 1] - lat) * ky, bx = (c[i + 2] - lon) * kx, by = (c[i + 3] - lat) * ky;
                double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
                double s = l2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2));
                best = Math.min(best, Math.hypot(ax + s * dx, ay + s * dy));
            }
        }
        return best;
    }

    @Test
    void snapsToTheNearestOpenEdgeLikeBruteForce() {
        for (int seed = 1; seed <= 12; seed++) {
            TestNetwork t = TestNetwork.random(seed, 12, 10, false);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.05);
            Snapper snapper = new Snapper(t.graph);
            for (int i = 0; i < 200; i++) {
                double lon = TestNetwork.LON0 + (rnd.nextDouble() * 1.4 - 0.2) * 0.012;
                double lat = TestNetwork.LAT0 + (rnd.nextDouble() * 1.4 - 0.2) * 0.008;
                double max = rnd.nextBoolean() ? 60 : 1e6;
                TravelMode mode = i % 3 == 0 ? Checks.DRIVE : null;
                Snap s = snapper.snap(lon, lat, max, mode);
                double expected = bruteForce(t, lon, lat, mode);
                if (expected > max) {
                    assertThat(s).isNull();
                    continue;
                }
                assertThat(s).isNotNull();
                assertThat(s.distanceMeters()).isCloseTo(expected, within(1e-6));
                assertThat(t.closed[s.edge()]).isFalse();
                double[] onEdge = EdgeGeometry.pointAt(t.graph, s.edge(), s.fraction());
                assertThat(TestNetwork.haversine(onEdge[0], onEdge[1], s.lon(), s.lat())).isLessThan(1e-3);
                assertThat(TestNetwork.haversine(lon, lat, s.lon(), s.lat())).isCloseTo(expected, within(1e-3 * expected + 1e-3));
            }
        }
    }

    @Test
    void followsGeometryChangesAndClosuresWithoutRebuild() {
        TestNetwork t = TestNetwork.random(5, 10, 10, false);
        Snapper snapper = new Snapper(t.graph);
        Random rnd = new Random(5);
        for (int round = 0; round < 30; round++) {
            int e = rnd.nextInt(t.edgeCount());
            int a = t.ends.get(e)[0], b = t.ends.get(e)[1];
            double[] pa = t.nodes.get(a), pb = t.nodes.get(b);
            double[] line = {pa[0], pa[1], (pa[0] + pb[0]) / 2 + 0.002 * (rnd.nextDouble() - 0.5),
                    (pa[1] + pb[1]) / 2 + 0.002 * (rnd.nextDouble() - 0.5), pb[0], pb[1]};
            t.setRoad(e, TestNetwork.meters(line), t.cls.get(e), false, Double.NaN, line);
            if (round % 4 == 0) t.close(rnd.nextInt(t.edgeCount()), true);
            for (int i = 0; i < 30; i++) {
                double lon = TestNetwork.LON0 + rnd.nextDouble() * 0.01, lat = TestNetwork.LAT0 + rnd.nextDouble() * 0.008;
                Snap s = snapper.snap(lon, lat, 1e6);
                assertThat(s.distanceMeters()).isCloseTo(bruteForce(t, lon, lat, null), within(1e-6));
            }
        }
        assertThat(snapper.staleEdges()).isGreaterThan(0);
        assertThat(new Snapper(t.graph).staleEdges()).isZero();
    }

    /**
     * The edges near a box are a superset of those whose polyline enters it (found edge by edge over
     * the whole network), and stay so as geometries move: an edge bent into the box after the index was built is
     * among them.
     */
    @Test
    void edgesNearABoxHoldEveryEdgeThatEntersIt() {
        TestNetwork t = TestNetwork.random(7, 10, 10, false);
        Snapper snapper = new Snapper(t.graph);
        Random rnd = new Random(7);
        for (int round = 0; round < 40; round++) {
            if (round % 2 == 1) {
                int e = rnd.nextInt(t.edgeCount());
                int a = t.ends.get(e)[0], b = t.ends.get(e)[1];
                double[] pa = t.nodes.get(a), pb = t.nodes.get(b);
                double[] line = {pa[0], pa[1], TestNetwork.LON0 + rnd.nextDouble() * 0.012, TestNetwork.LAT0 + rnd.nextDouble() * 0.008,
                        pb[0], pb[1]};
                t.setRoad(e, TestNetwork.meters(line), t.cls.get(e), false, Double.NaN, line);
            }
            double x0 = TestNetwork.LON0 + rnd.nextDouble() * 0.012, y0 = TestNetwork.LAT0 + rnd.nextDouble() * 0.008;
            double x1 = x0 + rnd.nextDouble() * 0.002, y1 = y0 + rnd.nextDouble() * 0.002;
            java.util.BitSet near = new java.util.BitSet();
            snapper.forEachEdgeNear(x0, y0, x1, y1, near::set);
            int meeting = 0;
            for (int e = 0; e < t.edgeCount(); e++) {
                double[] c = t.graph.edgeCoords(e);
                double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < c.length; i += 2) {
                    minX = Math.min(minX, c[i]);
                    maxX = Math.max(maxX, c[i]);
                    minY = Math.min(minY, c[i + 1]);
                    maxY = Math.max(maxY, c[i + 1]);
                }
                if (maxX < x0 || minX > x1 || maxY < y0 || minY > y1) continue;
                // a segment may cross the box's corner region without entering it; only those that enter must be listed
                if (!entersBox(c, x0, y0, x1, y1)) continue;
                meeting++;
                assertThat(near.get(e)).as("round %d, edge %d", round, e).isTrue();
            }
            if (round > 5) assertThat(near.cardinality()).isLessThan(t.edgeCount());
            assertThat(meeting).isLessThanOrEqualTo(near.cardinality());
        }
    }

    /** Whether a polyline has a point inside the box (sampled finely along each segment). */
    private static boolean entersBox(double[] c, double x0, double y0, double x1, double y1) {
        for (int i = 0; i + 3 < c.length; i += 2) {
            for (int k = 0; k <= 200; k++) {
                double x = c[i] + (c[i + 2] - c[i]) * k / 200, y = c[i + 1] + (c[i + 3] - c[i + 1]) * k / 200;
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return true;
            }
        }
        return false;
    }

    @Test
    void pointOnANodeSnapsWithZeroDistanceAndAnEndFraction() {
        TestNetwork t = TestNetwork.random(3, 6, 6, false);
        Snapper snapper = new Snapper(t.graph);
        for (int n = 0; n < t.graph.nodeCount(); n++) {
            Snap s = snapper.snap(t.graph.nodeLon(n), t.graph.nodeLat(n), 1);
            if (s == null) continue; // a node all of whose edges were removed
            assertThat(s.distanceMeters()).isLessThan(1e-6);
            int end = s.fraction() == 0 ? t.graph.edgeFrom(s.edge()) : t.graph.edgeTo(s.edge());
            assertThat(s.fraction() == 0 || s.fraction() == 1 || end == n).isTrue();
        }
    }

    @Test
    void emptyGraphSnapsNothing() {
        RoadGraph g = RoadGraph.builder(0, 0).build();
        assertThat(new Snapper(g).snap(106, 29, 1e9)).isNull();
    }
}
