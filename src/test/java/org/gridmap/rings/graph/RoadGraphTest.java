package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmap.rings.graph.Checks.WALK;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RoadGraphTest {

    @Test
    void roadClassesParseFromTheDatabase() {
        assertThat(RoadClass.parse("main")).isEqualTo(RoadClass.MAIN);
        assertThat(RoadClass.parse(" Village ")).isEqualTo(RoadClass.VILLAGE);
        assertThat(RoadClass.parse("path")).isEqualTo(RoadClass.PATH);
        assertThat(RoadClass.parse("stairs")).isEqualTo(RoadClass.STAIRS);
        assertThatThrownBy(() -> RoadClass.parse("motorway")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void travelModes() {
        TravelMode walk = TravelMode.walk(4.5);
        assertThat(walk.kmh(RoadClass.MAIN)).isEqualTo(4.5);
        assertThat(walk.kmh(RoadClass.STAIRS)).isEqualTo(4.5 * TravelMode.STAIRS_FACTOR);
        assertThat(walk.respectsOneway()).isFalse();
        assertThat(walk.pedestrian()).isTrue();
        assertThat(new TravelMode("w", new double[] {1, 1, 1, 1}, false).pedestrian()).isTrue();
        assertThat(new TravelMode("c", new double[] {1, 1, 0, 0}, true).pedestrian()).isFalse();
        assertThat(walk).isEqualTo(TravelMode.walk(4.5)).hasSameHashCodeAs(TravelMode.walk(4.5));
        double[] speeds = walk.kmhByClass();
        speeds[0] = 99;
        assertThat(walk.kmh(RoadClass.MAIN)).isEqualTo(4.5);
        assertThatThrownBy(() -> new TravelMode("x", new double[] {1, 2}, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(walk.withSpeed(RoadClass.PATH, 3).kmh(RoadClass.PATH)).isEqualTo(3);
    }

    @Test
    void builderKeepsAttributesAndGeometry() {
        RoadGraph.Builder b = RoadGraph.builder(1, 1); // grows past the expected sizes
        int a = b.addNode(106.0, 29.0), c = b.addNode(106.001, 29.0), d = b.addNode(106.002, 29.001);
        int e0 = b.addEdge(77, a, c, 97.3, RoadClass.MAIN, false, Double.NaN, new double[] {106.0, 29.0, 106.0005, 29.0002, 106.001, 29.0});
        int e1 = b.addEdge(78, c, d, 150, RoadClass.STAIRS, true, 2.0, null);
        int e2 = b.addEdge(77, d, a, 250, RoadClass.PATH, false, Double.NaN, null);
        RoadGraph g = b.build();
        assertThat(g.nodeCount()).isEqualTo(3);
        assertThat(g.edgeCount()).isEqualTo(3);
        assertThat(g.edgeIndexOfRoad(78)).isEqualTo(e1);
        assertThat(g.edgeIndexOfRoad(77)).isEqualTo(e0).isNotEqualTo(e2);
        assertThat(g.edgeIndexOfRoad(5)).isEqualTo(-1);
        assertThat(g.edgeCoords(e0)).containsExactly(106.0, 29.0, 106.0005, 29.0002, 106.001, 29.0);
        assertThat(g.edgeCoords(e1)).containsExactly(106.001, 29.0, 106.002, 29.001);
        assertThat(g.isOneway(e1)).isTrue();
        assertThat(g.roadClass(e1)).isEqualTo(RoadClass.STAIRS);
        assertThat(g.walkKmhOverride(e1)).isEqualTo(2.0);
        assertThat(g.edgeLengthMeters(e0)).isEqualTo(97.3);
        long v = g.version();
        g.setClosed(e0, true);
        g.setClosed(e0, true);
        assertThat(g.version()).isEqualTo(v + 1);
        assertThat(g.isClosed(e0)).isTrue();
        g.setRoad(e1, 120, RoadClass.VILLAGE, false, Double.NaN, new double[] {106.001, 29.0, 106.0015, 29.0008, 106.002, 29.001});
        assertThat(g.edgeCoords(e1)).containsExactly(106.001, 29.0, 106.0015, 29.0008, 106.002, 29.001);
        assertThat(g.geometryVersion()).isEqualTo(1);
        assertThat(g.version()).isEqualTo(v + 2);
        assertThatThrownBy(() -> b.addEdge(1, a, c, 1, RoadClass.MAIN, false, Double.NaN, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void walkOverrideAppliesOnFootOnly() {
        RoadGraph.Builder b = RoadGraph.builder(2, 1);
        b.addNode(106, 29);
        b.addNode(106.001, 29);
        b.addEdge(1, 0, 1, 100, RoadClass.MAIN, false, 1.8, null);
        RoadGraph g = b.build();
        Snap s = Snap.atNode(g, 0), t = Snap.atNode(g, 1);
        assertThat(new Router(g, WALK).travelSeconds(s, t)).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(new Router(g, TravelMode.drive("car", 36, 36, 0, 0)).travelSeconds(s, t)).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void concurrentSearchesAgreeWithSequentialOnes() throws Exception {
        TestNetwork t = TestNetwork.random(21, 14, 12, false);
        Router router = new Router(t.graph, WALK);
        Random rnd = new Random(21);
        List<Snap[]> pairs = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Snap[] p = {t.randomSnap(rnd), t.randomSnap(rnd)};
            pairs.add(p);
            expected.add(router.travelSeconds(p[0], p[1]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int offset = w;
                futures.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < pairs.size(); i++) {
                        int k = (i * 7 + offset * 13) % pairs.size();
                        Path p = router.route(pairs.get(k)[0], pairs.get(k)[1]);
                        double s = p == null ? Double.POSITIVE_INFINITY : p.seconds();
                        if (Double.compare(s, expected.get(k)) != 0) wrong++;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> f : futures) assertThat(f.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
