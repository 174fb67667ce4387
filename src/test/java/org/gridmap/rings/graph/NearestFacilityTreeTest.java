package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gridmap.rings.graph.Checks.DRIVE;
import static org.gridmap.rings.graph.Checks.FLAT;
import static org.gridmap.rings.graph.Checks.FLAT_ONEWAY;
import static org.gridmap.rings.graph.Checks.WALK;
import static org.gridmap.rings.graph.Checks.assertPathDrawn;
import static org.gridmap.rings.graph.Checks.assertSeconds;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class NearestFacilityTreeTest {

    private static Snap[] facilities(TestNetwork t, Random rnd, int count) {
        Snap[] f = new Snap[count];
        for (int i = 0; i < count; i++) f[i] = i == 1 ? null : t.randomSnap(rnd);
        f[count - 1] = f[0] == null ? null : RouterTest.sameEdge(t, f[0], rnd); // two facilities on one edge
        return f;
    }

    @Test
    void nearestEqualsBruteForceOverTheReference() {
        int reachable = 0, none = 0;
        for (int seed = 1; seed <= 16; seed++) {
            TestNetwork t = TestNetwork.random(seed, 10, 8, false);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.05);
            for (TravelMode mode : new TravelMode[] {WALK, DRIVE}) {
                Snap[] fac = facilities(t, rnd, 3 + rnd.nextInt(10));
                NearestFacilityTree tree = NearestFacilityTree.build(t.graph, mode, fac);
                ReferenceRouter ref = new ReferenceRouter(t, mode);
                for (int i = 0; i < 30; i++) {
                    Snap o = i < 3 && fac[0] != null ? (i == 0 ? fac[0] : RouterTest.sameEdge(t, fac[0], rnd)) : t.randomSnap(rnd);
                    double[] times = ref.secondsToAll(o, fac);
                    double min = Arrays.stream(times).min().getAsDouble();
                    Nearest n = tree.nearest(o);
                    if (min == Double.POSITIVE_INFINITY) {
                        assertThat(n).isNull();
                        assertThat(tree.routeToNearest(o)).isNull();
                        none++;
                        continue;
                    }
                    reachable++;
                    assertThat(n).as("seed %d %s", seed, mode.name()).isNotNull();
                    assertSeconds(n.seconds(), min, "nearest seconds");
                    assertSeconds(times[n.facility()], min, "the chosen facility is a nearest one");
                    Path p = tree.routeToNearest(o);
                    assertSeconds(p.seconds(), min, "route seconds");
                    assertThat(p.meters()).isCloseTo(n.meters(), within(1e-6 * (1 + n.meters())));
                    if (o == fac[0]) assertThat(n.seconds()).isZero();
                }
            }
        }
        assertThat(reachable).isGreaterThan(500);
        assertThat(none).isGreaterThan(0);
    }

    @Test
    void metresAndDrawnRoutesAgreeOnExactNetworks() {
        for (int seed = 40; seed < 48; seed++) {
            TestNetwork t = TestNetwork.random(seed, 9, 9, true);
            Random rnd = new Random(seed);
            for (TravelMode mode : new TravelMode[] {FLAT, FLAT_ONEWAY}) {
                Snap[] fac = facilities(t, rnd, 8);
                NearestFacilityTree tree = NearestFacilityTree.build(t.graph, mode, fac);
                Router router = new Router(t.graph, mode);
                for (int i = 0; i < 40; i++) {
                    Snap o = t.randomSnap(rnd);
                    Nearest n = tree.nearest(o);
                    if (n == null) continue;
                    assertThat(n.meters()).isCloseTo(n.seconds() * 5 / 3.6, within(1e-6 * (1 + n.meters())));
                    Path p = tree.routeToNearest(o);
                    assertPathDrawn(p, o, fac[n.facility()]);
                    for (Nearest k : tree.kNearest(o, 4, router))
                        assertThat(k.meters()).isCloseTo(k.seconds() * 5 / 3.6, within(1e-6 * (1 + k.meters())));
                }
            }
        }
    }

    @Test
    void kNearestListsTheKSmallestReferenceTimesInOrder() {
        for (int seed = 60; seed < 72; seed++) {
            TestNetwork t = TestNetwork.random(seed, 10, 9, false);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.04);
            for (TravelMode mode : new TravelMode[] {WALK, DRIVE}) {
                Snap[] fac = facilities(t, rnd, 12);
                NearestFacilityTree tree = NearestFacilityTree.build(t.graph, mode, fac);
                Router router = new Router(t.graph, mode);
                ReferenceRouter ref = new ReferenceRouter(t, mode);
                for (int i = 0; i < 20; i++) {
                    Snap o = i == 0 && fac[0] != null ? fac[0] : t.randomSnap(rnd);
                    double[] times = ref.secondsToAll(o, fac);
                    double[] sorted = Arrays.stream(times).filter(x -> x < Double.POSITIVE_INFINITY).sorted().toArray();
                    int k = 1 + rnd.nextInt(6);
                    List<Nearest> got = tree.kNearest(o, k, router);
                    assertThat(got).hasSize(Math.min(k, sorted.length));
                    for (int j = 0; j < got.size(); j++) {
                        assertSeconds(got.get(j).seconds(), sorted[j], "k-th seconds");
                        assertSeconds(times[got.get(j).facility()], sorted[j], "k-th facility");
                    }
                    assertThat(got.stream().mapToInt(Nearest::facility).distinct().count()).isEqualTo(got.size());
                }
            }
        }
    }

    @Test
    void aFacilityOffTheRoadIsRankedWithItsWalkFromTheRoad() {
        double kmh = 4.5;
        int checked = 0;
        for (int seed = 80; seed < 90; seed++) {
            TestNetwork t = TestNetwork.random(seed, 10, 9, false);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.04);
            Snap[] fac = facilities(t, rnd, 10);
            double[] door = new double[fac.length];
            for (int k = 0; k < fac.length; k++) {
                if (fac[k] == null) continue;
                Snap f = fac[k];
                door[k] = rnd.nextBoolean() ? 0 : 150 * rnd.nextDouble(); // metres from its road to the facility
                fac[k] = new Snap(f.edge(), f.fraction(), f.lon(), f.lat(), door[k]);
            }
            NearestFacilityTree tree = NearestFacilityTree.build(t.graph, WALK, fac, kmh);
            Router router = new Router(t.graph, WALK);
            ReferenceRouter ref = new ReferenceRouter(t, WALK);
            for (int i = 0; i < 30; i++) {
                Snap o = t.randomSnap(rnd);
                double[] network = ref.secondsToAll(o, fac), total = new double[fac.length];
                for (int k = 0; k < fac.length; k++) total[k] = network[k] + door[k] / (kmh / 3.6);
                double[] sorted = Arrays.stream(total).filter(x -> x < Double.POSITIVE_INFINITY).sorted().toArray();
                Nearest n = tree.nearest(o);
                if (sorted.length == 0) {
                    assertThat(n).isNull();
                    continue;
                }
                assertSeconds(n.seconds(), sorted[0], "nearest with the walk to the door");
                assertSeconds(total[n.facility()], sorted[0], "the chosen facility is a nearest one");
                // the drawn path ends on the road: its time is the network part alone
                assertSeconds(tree.routeToNearest(o).seconds(), network[n.facility()], "route seconds");
                List<Nearest> got = tree.kNearest(o, 4, router);
                assertThat(got).hasSize(Math.min(4, sorted.length));
                for (int j = 0; j < got.size(); j++) assertSeconds(got.get(j).seconds(), sorted[j], "k-th with the door walk");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void staleAfterAnEditAndRightAfterARebuild() {
        TestNetwork t = TestNetwork.random(9, 8, 8, false);
        Random rnd = new Random(9);
        Snap[] fac = facilities(t, rnd, 5);
        NearestFacilityTree tree = NearestFacilityTree.build(t.graph, WALK, fac);
        assertThat(tree.graphVersion()).isEqualTo(t.graph.version());
        t.closeRandom(rnd, 0.2);
        assertThat(tree.graphVersion()).isLessThan(t.graph.version());
        NearestFacilityTree rebuilt = NearestFacilityTree.build(t.graph, WALK, fac);
        ReferenceRouter ref = new ReferenceRouter(t, WALK);
        for (int i = 0; i < 50; i++) {
            Snap o = t.randomSnap(rnd);
            double min = Arrays.stream(ref.secondsToAll(o, fac)).min().getAsDouble();
            Nearest n = rebuilt.nearest(o);
            assertSeconds(n == null ? Double.POSITIVE_INFINITY : n.seconds(), min, "after rebuild");
        }
    }

    @Test
    void coverageContainsEveryNodeWithinTheLimit() {
        TestNetwork t = TestNetwork.random(11, 12, 10, false);
        Random rnd = new Random(11);
        Snap[] fac = facilities(t, rnd, 4);
        NearestFacilityTree tree = NearestFacilityTree.build(t.graph, WALK, fac);
        GeometryFactory gf = new GeometryFactory();
        Geometry cover = tree.coverage(90, 15, gf);
        assertThat(cover.isValid()).isTrue();
        for (int n = 0; n < t.graph.nodeCount(); n++) {
            if (tree.secondsAtNode(n) <= 90)
                assertThat(cover.contains(gf.createPoint(new org.locationtech.jts.geom.Coordinate(t.graph.nodeLon(n), t.graph.nodeLat(n)))))
                        .as("node %d at %s s", n, tree.secondsAtNode(n)).isTrue();
        }
    }
}
