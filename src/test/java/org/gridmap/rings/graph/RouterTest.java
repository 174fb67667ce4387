package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmap.rings.graph.Checks.DRIVE;
import static org.gridmap.rings.graph.Checks.FLAT;
import static org.gridmap.rings.graph.Checks.FLAT_ONEWAY;
import static org.gridmap.rings.graph.Checks.WALK;
import static org.gridmap.rings.graph.Checks.assertPathDrawn;
import static org.gridmap.rings.graph.Checks.assertSeconds;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void travelSecondsEqualTheReferenceOnRandomNetworks() {
        int compared = 0, unreachable = 0;
        for (int seed = 1; seed <= 24; seed++) {
            TestNetwork t = TestNetwork.random(seed, 6 + seed % 7, 5 + seed % 5, false);
            Random rnd = new Random(seed * 31L);
            t.closeRandom(rnd, 0.05);
            for (TravelMode mode : new TravelMode[] {WALK, DRIVE}) {
                Router router = new Router(t.graph, mode);
                ReferenceRouter ref = new ReferenceRouter(t, mode);
                for (int i = 0; i < 25; i++) {
                    Snap a = t.randomSnap(rnd), b = rnd.nextInt(10) == 0 ? sameEdge(t, a, rnd) : t.randomSnap(rnd);
                    double expected = ref.seconds(a, b);
                    assertSeconds(router.travelSeconds(a, b), expected, "seed " + seed + " " + mode.name() + " " + a + "→" + b);
                    compared++;
                    if (expected == Double.POSITIVE_INFINITY) unreachable++;
                }
            }
        }
        assertThat(compared).isEqualTo(24 * 2 * 25);
        assertThat(unreachable).as("the sample must include unreachable pairs").isGreaterThan(10);
    }

    @Test
    void routesHaveTheSameSecondsAndFollowTheEdges() {
        for (int seed = 100; seed < 112; seed++) {
            TestNetwork t = TestNetwork.random(seed, 9, 7, true);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.03);
            for (TravelMode mode : new TravelMode[] {FLAT, FLAT_ONEWAY}) {
                Router router = new Router(t.graph, mode);
                ReferenceRouter ref = new ReferenceRouter(t, mode);
                for (int i = 0; i < 25; i++) {
                    Snap a = t.randomSnap(rnd), b = rnd.nextInt(8) == 0 ? sameEdge(t, a, rnd) : t.randomSnap(rnd);
                    double expected = ref.seconds(a, b);
                    Path p = router.route(a, b);
                    if (expected == Double.POSITIVE_INFINITY) {
                        assertThat(p).isNull();
                        continue;
                    }
                    assertThat(p).isNotNull();
                    assertSeconds(p.seconds(), expected, "route seconds");
                    assertThat(p.meters()).isCloseTo(p.seconds() * 5 / 3.6, org.assertj.core.data.Offset.offset(1e-6 * (1 + p.meters())));
                    assertPathDrawn(p, a, b);
                }
            }
        }
    }

    @Test
    void oneToManyAndManyToOneEqualTheReference() {
        for (int seed = 200; seed < 210; seed++) {
            TestNetwork t = TestNetwork.random(seed, 10, 8, false);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.04);
            for (TravelMode mode : new TravelMode[] {WALK, DRIVE}) {
                Router router = new Router(t.graph, mode);
                ReferenceRouter ref = new ReferenceRouter(t, mode);
                Snap hub = t.randomSnap(rnd);
                Snap[] others = new Snap[30];
                for (int i = 0; i < others.length; i++) others[i] = i == 3 ? null : i == 4 ? sameEdge(t, hub, rnd) : t.randomSnap(rnd);
                double[] toMany = router.travelSecondsToMany(hub, others, Double.POSITIVE_INFINITY);
                double[] expectedTo = ref.secondsToAll(hub, others);
                double[] fromMany = router.travelSecondsFromMany(others, hub, Double.POSITIVE_INFINITY);
                double limit = 200;
                double[] limited = router.travelSecondsFromMany(others, hub, limit);
                for (int i = 0; i < others.length; i++) {
                    assertSeconds(toMany[i], expectedTo[i], "to many #" + i);
                    double expectedFrom = others[i] == null ? Double.POSITIVE_INFINITY : ref.seconds(others[i], hub);
                    assertSeconds(fromMany[i], expectedFrom, "from many #" + i);
                    assertSeconds(limited[i], expectedFrom <= limit ? expectedFrom : Double.POSITIVE_INFINITY, "limited #" + i);
                }
            }
        }
    }

    @Test
    void edgeCases() {
        // a straight street 0-1-2 (100 m each) with a dead end 1-3 and an island 4-5
        RoadGraph.Builder b = RoadGraph.builder(6, 4);
        double d = 100 / 111_195.0;
        for (double[] xy : new double[][] {{0, 0}, {d, 0}, {2 * d, 0}, {d, d}, {10 * d, 0}, {11 * d, 0}})
            b.addNode(106 + xy[0], 29 + xy[1]);
        b.addEdge(1, 0, 1, 100, RoadClass.MAIN, false, Double.NaN, null);
        b.addEdge(2, 1, 2, 100, RoadClass.MAIN, true, Double.NaN, null);
        b.addEdge(3, 1, 3, 100, RoadClass.PATH, false, Double.NaN, null);
        b.addEdge(4, 4, 5, 100, RoadClass.MAIN, false, Double.NaN, null);
        RoadGraph g = b.build();
        Router walk = new Router(g, TravelMode.walkFlat(3.6)); // 1 m/s
        Router drive = new Router(g, TravelMode.drive("car", 3.6, 3.6, 0, 0));
        Snap atNode0 = Snap.atNode(g, 0), atNode2 = Snap.atNode(g, 2);
        Snap deadEnd = new Snap(2, 1, 0, 0, 0), mid01 = new Snap(0, 0.5, 0, 0, 0), island = new Snap(3, 0.5, 0, 0, 0);
        assertSeconds(walk.travelSeconds(atNode0, atNode2), 200, "node to node");
        assertSeconds(walk.travelSeconds(atNode2, atNode0), 200, "walking ignores one-way");
        assertSeconds(drive.travelSeconds(atNode2, atNode0), Double.POSITIVE_INFINITY, "against one-way");
        assertSeconds(walk.travelSeconds(deadEnd, atNode2), 200, "from a dead end");
        assertSeconds(drive.travelSeconds(deadEnd, atNode2), Double.POSITIVE_INFINITY, "cars cannot use the path");
        assertSeconds(walk.travelSeconds(mid01, island), Double.POSITIVE_INFINITY, "island");
        assertThat(walk.route(mid01, island)).isNull();
        assertSeconds(walk.travelSeconds(mid01, mid01), 0, "same point");
        assertSeconds(walk.travelSeconds(mid01, new Snap(0, 0.25, 0, 0, 0)), 25, "same edge backwards");
        Path same = walk.route(mid01, new Snap(0, 0.9, 0, 0, 0));
        assertThat(same.seconds()).isEqualTo(40, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(same.meters()).isEqualTo(40, org.assertj.core.data.Offset.offset(1e-9));
        // on a one-way edge a car behind its target drives round; here there is no way round
        assertSeconds(drive.travelSeconds(new Snap(1, 0.8, 0, 0, 0), new Snap(1, 0.2, 0, 0, 0)), Double.POSITIVE_INFINITY, "behind on one-way");
        assertSeconds(drive.travelSeconds(new Snap(1, 0.2, 0, 0, 0), new Snap(1, 0.8, 0, 0, 0)), 60, "ahead on one-way");
    }

    @Test
    void closingAnEdgeChangesTheAnswerAndReopeningRestoresIt() {
        TestNetwork t = TestNetwork.random(7, 8, 8, false);
        Router router = new Router(t.graph, WALK);
        ReferenceRouter ref = new ReferenceRouter(t, WALK);
        Random rnd = new Random(7);
        int changed = 0;
        for (int i = 0; i < 40; i++) {
            Snap a = t.randomSnap(rnd), b = t.randomSnap(rnd);
            Path p = router.route(a, b);
            if (p == null || p.pointCount() < 3) continue;
            int e = t.graph.edgeIndexOfRoad(1000 + firstWholeEdge(t, a, b, router));
            if (e < 0 || e == a.edge() || e == b.edge()) continue;
            long v = t.graph.version();
            double before = p.seconds();
            t.close(e, true);
            assertThat(t.graph.version()).isGreaterThan(v);
            double closed = router.travelSeconds(a, b);
            assertSeconds(closed, ref.seconds(a, b), "closed");
            if (closed > before + 1e-9) changed++;
            t.close(e, false);
            assertSeconds(router.travelSeconds(a, b), before, "reopened");
        }
        assertThat(changed).isGreaterThan(5);
    }

    @Test
    void setRoadChangesCosts() {
        TestNetwork t = TestNetwork.random(8, 8, 8, false);
        Router router = new Router(t.graph, WALK);
        Router drive = new Router(t.graph, DRIVE);
        ReferenceRouter ref = new ReferenceRouter(t, WALK), refDrive = new ReferenceRouter(t, DRIVE);
        Random rnd = new Random(8);
        for (int i = 0; i < 60; i++) {
            int e = rnd.nextInt(t.edgeCount());
            double[] line = rnd.nextBoolean() ? null : t.coords.get(e);
            t.setRoad(e, t.length.get(e) * (0.2 + 3 * rnd.nextDouble()), RoadClass.values()[rnd.nextInt(4)], rnd.nextBoolean(),
                    rnd.nextInt(4) == 0 ? 1 + rnd.nextDouble() : Double.NaN, line);
            Snap a = t.randomSnap(rnd), b = t.randomSnap(rnd);
            assertSeconds(router.travelSeconds(a, b), ref.seconds(a, b), "after setRoad");
            assertSeconds(drive.travelSeconds(a, b), refDrive.seconds(a, b), "after setRoad (drive)");
        }
    }

    /** A snap on the same edge as another. */
    static Snap sameEdge(TestNetwork t, Snap a, Random rnd) {
        double f = rnd.nextInt(5) == 0 ? a.fraction() : rnd.nextDouble();
        double[] p = EdgeGeometry.pointAt(t.graph, a.edge(), f);
        return new Snap(a.edge(), f, p[0], p[1], 0);
    }

    /** Road id (minus 1000) of some edge the route uses in full: the one whose midpoint is nearest the path's middle vertex. */
    private static int firstWholeEdge(TestNetwork t, Snap a, Snap b, Router router) {
        Path p = router.route(a, b);
        double[] c = p.coords();
        int mid = c.length / 4 * 2;
        double lon = c[mid], lat = c[mid + 1];
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        for (int e = 0; e < t.edgeCount(); e++) {
            double[] line = t.coords.get(e);
            for (int i = 0; i < line.length; i += 2) {
                double dd = TestNetwork.haversine(lon, lat, line[i], line[i + 1]);
                if (dd < bd && !t.closed[e]) { bd = dd; best = e; }
            }
        }
        return best;
    }
}
