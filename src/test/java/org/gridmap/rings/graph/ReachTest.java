package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmap.rings.graph.Checks.DRIVE;
import static org.gridmap.rings.graph.Checks.WALK;
import static org.gridmap.rings.graph.Checks.assertSeconds;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;

class ReachTest {
    private final GeometryFactory gf = new GeometryFactory();

    @Test
    void reachedNodesAndSecondsEqualTheReference() {
        for (int seed = 1; seed <= 12; seed++) {
            TestNetwork t = TestNetwork.random(seed, 10, 9, false);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.05);
            for (TravelMode mode : new TravelMode[] {WALK, DRIVE}) {
                Router router = new Router(t.graph, mode);
                ReferenceRouter ref = new ReferenceRouter(t, mode);
                for (int i = 0; i < 6; i++) {
                    Snap o = t.randomSnap(rnd);
                    double limit = mode == WALK ? 100 + 300 * rnd.nextDouble() : 20 + 60 * rnd.nextDouble();
                    Reach reach = router.reach(o, limit);
                    double[] expected = ref.secondsToNodes(o);
                    int within = 0;
                    for (int n = 0; n < expected.length; n++) {
                        double want = expected[n] <= limit ? expected[n] : Double.POSITIVE_INFINITY;
                        assertSeconds(reach.secondsTo(n), want, "node " + n);
                        if (want < Double.POSITIVE_INFINITY) within++;
                    }
                    assertThat(reach.reachedCount()).isEqualTo(within);
                    double[] s = reach.seconds();
                    for (int k = 1; k < s.length; k++) assertThat(s[k]).isGreaterThanOrEqualTo(s[k - 1]);
                }
            }
        }
    }

    @Test
    void isochroneCoversReachedNodesAndStopsAtTheFrontier() {
        // one straight 2 km street of 20 edges heading east, walked at 3.6 km/h (1 m/s)
        RoadGraph.Builder b = RoadGraph.builder(21, 20);
        double step = 100 / (111_195 * Math.cos(Math.toRadians(29)));
        for (int i = 0; i <= 20; i++) b.addNode(106 + i * step, 29);
        for (int i = 0; i < 20; i++) b.addEdge(i, i, i + 1, 100, RoadClass.VILLAGE, false, Double.NaN, null);
        RoadGraph g = b.build();
        Router router = new Router(g, TravelMode.walkFlat(3.6));
        Snap origin = new Snap(2, 0.5, 106 + 2.5 * step, 29, 0); // 250 m from the west end
        Reach reach = router.reach(origin, 1000);
        Geometry iso = reach.isochrone(600, 20, gf);
        assertThat(iso).isInstanceOf(Polygonal.class);
        assertThat(iso.isValid()).isTrue();
        // covers the west end (250 m away) and east up to 850 m; 600 s reach 850 m, not 1000 m
        assertThat(iso.contains(point(106, 29))).isTrue();
        assertThat(iso.contains(point(106 + 8.3 * step, 29))).isTrue();
        assertThat(iso.contains(point(106 + 9.0 * step, 29))).isFalse();
        assertThat(iso.contains(point(106 + 4 * step, 29 + 30 / 111_195.0))).as("buffer is 20 m").isFalse();
        Geometry lines = reach.isochrone(600, 0, gf);
        assertThat(lines.getDimension()).isEqualTo(1);
    }

    @Test
    void isochroneOnRandomNetworksContainsEveryReachedNode() {
        for (int seed = 30; seed < 36; seed++) {
            TestNetwork t = TestNetwork.random(seed, 12, 10, false);
            Random rnd = new Random(seed);
            Router router = new Router(t.graph, WALK);
            Snap o = t.randomSnap(rnd);
            Reach reach = router.reach(o, 400);
            Geometry iso = reach.isochrone(300, 10, gf);
            assertThat(iso.isValid()).isTrue();
            assertThat(iso.contains(point(o.lon(), o.lat()))).isTrue();
            for (int n : reach.nodes())
                if (reach.secondsTo(n) <= 300) assertThat(iso.contains(point(t.graph.nodeLon(n), t.graph.nodeLat(n)))).isTrue();
        }
    }

    private org.locationtech.jts.geom.Point point(double lon, double lat) {
        return gf.createPoint(new Coordinate(lon, lat));
    }
}
