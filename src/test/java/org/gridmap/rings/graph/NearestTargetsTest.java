package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmap.rings.graph.Checks.DRIVE;
import static org.gridmap.rings.graph.Checks.WALK;
import static org.gridmap.rings.graph.Checks.assertSeconds;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** "The k nearest targets that pass a filter": against brute force over the reference router, on closed roads too. */
class NearestTargetsTest {

    @Test
    void theKNearestAcceptedTargetsAreTheKSmallestReferenceTimesInOrder() {
        int answered = 0, filteredOut = 0;
        for (int seed = 100; seed < 112; seed++) {
            TestNetwork t = TestNetwork.random(seed, 10, 9, false);
            Random rnd = new Random(seed);
            t.closeRandom(rnd, 0.04);
            for (TravelMode mode : new TravelMode[] {WALK, DRIVE}) {
                Snap[] targets = new Snap[16];
                for (int i = 0; i < targets.length; i++) targets[i] = i == 3 ? null : t.randomSnap(rnd);
                targets[15] = RouterTest.sameEdge(t, targets[0], rnd);   // two on one edge
                targets[14] = targets[2];                                // two at one place (volunteers of one point)
                Router router = new Router(t.graph, mode);
                NearestTargets set = new NearestTargets(router, targets, Double.NaN);
                ReferenceRouter ref = new ReferenceRouter(t, mode);
                for (int i = 0; i < 25; i++) {
                    Snap o = i == 0 ? targets[0] : t.randomSnap(rnd);
                    BitSet accepted = new BitSet();
                    for (int k = 0; k < targets.length; k++) if (rnd.nextDouble() < 0.4) accepted.set(k);
                    double[] times = ref.secondsToAll(o, targets);
                    List<Double> wanted = new ArrayList<>();
                    for (int k = 0; k < targets.length; k++) {
                        if (!accepted.get(k)) continue;
                        if (times[k] < Double.POSITIVE_INFINITY) wanted.add(times[k]);
                    }
                    wanted.sort(Double::compare);
                    int k = 1 + rnd.nextInt(5);
                    List<Nearest> got = set.kNearest(o, k, accepted::get, Double.POSITIVE_INFINITY);
                    assertThat(got).hasSize(Math.min(k, wanted.size()));
                    for (int j = 0; j < got.size(); j++) {
                        Nearest n = got.get(j);
                        assertThat(accepted.get(n.facility())).as("only accepted targets").isTrue();
                        assertSeconds(n.seconds(), wanted.get(j), "k-th seconds");
                        assertSeconds(times[n.facility()], wanted.get(j), "k-th target's own time");
                        Path p = set.route(o, n.facility());
                        assertSeconds(p.seconds(), n.seconds(), "the route takes the time listed");
                    }
                    assertThat(got.stream().mapToInt(Nearest::facility).distinct().count()).isEqualTo(got.size());
                    answered += got.size();
                    filteredOut += targets.length - accepted.cardinality();
                    // a limit keeps exactly those within it (set half-way between two distinct times)
                    int m = wanted.size() / 2;
                    if (m + 1 < wanted.size() && wanted.get(m + 1) - wanted.get(m) > 0.01) {
                        double limit = (wanted.get(m) + wanted.get(m + 1)) / 2;
                        List<Nearest> within = set.kNearest(o, targets.length, accepted::get, limit);
                        assertThat(within).hasSize((int) wanted.stream().filter(x -> x <= limit).count());
                    }
                }
            }
        }
        assertThat(answered).isGreaterThan(300);
        assertThat(filteredOut).isGreaterThan(1000);
    }

    @Test
    void aTargetOffTheRoadIsRankedWithItsWalkFromTheRoad() {
        double kmh = 4.5;
        TestNetwork t = TestNetwork.random(7, 10, 9, false);
        Random rnd = new Random(7);
        Snap near = t.randomSnap(rnd);
        // the same place twice: one on the road, one 100 m off it; the one on the road must come first
        Snap off = new Snap(near.edge(), near.fraction(), near.lon(), near.lat(), 100);
        Router router = new Router(t.graph, WALK);
        NearestTargets set = new NearestTargets(router, new Snap[] {off, near}, kmh);
        List<Nearest> got = set.kNearest(near, 2, x -> true, Double.POSITIVE_INFINITY);
        assertThat(got).extracting(Nearest::facility).containsExactly(1, 0);
        assertSeconds(got.get(1).seconds() - got.get(0).seconds(), 100 / (kmh / 3.6), "the walk from the road");
        assertThat(set.kNearest(near, 2, x -> x == 0, Double.POSITIVE_INFINITY)).extracting(Nearest::facility).containsExactly(0);
    }
}
