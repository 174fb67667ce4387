package org.gridmap.bench.graphhopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import com.graphhopper.storage.index.Snap;
import org.gridmap.db.Database;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RingPolicy;
import org.gridmap.rings.graph.Nearest;
import org.gridmap.rings.graph.NearestFacilityTree;
import org.gridmap.rings.graph.Reach;
import org.gridmap.rings.graph.TravelMode;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * GraphHopper, loaded with the same Taojia roads and walking speeds, is the oracle: the engines must give the same
 * travel times (within 0.1 s) for 1,000 households, the same nearest service point, the same reach of an
 * isochrone, and again after roads close.
 */
class GraphHopperAgreementTest {
    static final double SECONDS = 0.1;
    static Database db;
    static RingEngine engine;
    static RingNetwork net;
    static TravelMode walk;
    static GhRouter gh;
    static List<double[]> origins;

    @BeforeAll
    static void load() throws Exception {
        db = new Database(TestPostgis.newDemoDatabase(), 4);
        engine = new RingEngine(db.dataSource(), RingPolicy.builtIn()).load();
        net = engine.network();
        walk = net.policy.mode(net.policy.ring(4));
        GhNetwork g = GhNetwork.build(net.graph, walk);
        g.prepareLandmarks();
        g.prepareCh();
        gh = new GhRouter(g);
        origins = new ArrayList<>();
        int n = net.town.householdCount(), stride = n / 1000;
        for (int i = 0; i < 1000; i++) origins.add(new double[] {net.town.householdLon[i * stride], net.town.householdLat[i * stride]});
    }

    @AfterAll
    static void close() {
        engine.close();
        db.close();
    }

    @Test
    void snappingFindsTheSamePointOnTheRoads() {
        int compared = 0;
        for (double[] o : origins) {
            org.gridmap.rings.graph.Snap ours = net.snapper.snap(o[0], o[1], 500, walk);
            Snap theirs = gh.network().snap(o[0], o[1], null);
            if (ours == null) {
                assertThat(theirs == null || theirs.getQueryDistance() > 499).isTrue();
                continue;
            }
            assertThat(theirs).isNotNull();
            assertThat(theirs.getQueryDistance()).as("snap distance at %s", o).isCloseTo(ours.distanceMeters(), within(0.05));
            compared++;
        }
        assertThat(compared).isGreaterThan(990);
    }

    @Test
    void nearestServicePointAndOneToOneTimesAgree() {
        org.gridmap.rings.graph.Snap[] points = new org.gridmap.rings.graph.Snap[net.pointFacility.length];
        for (int k = 0; k < points.length; k++) points[k] = net.facilitySnaps[net.pointFacility[k]];
        assertAgreement(null, pointSnapsGh(null), net.pointTree, points);
    }

    @Test
    void closingRoadsChangesBothEnginesAlike() {
        // the road at the nearest service point of every 20th origin, and every 97th road: many answers must change
        BitSet closed = new BitSet();
        for (int i = 0; i < origins.size(); i += 20) {
            org.gridmap.rings.graph.Snap s = net.snapper.snap(origins.get(i)[0], origins.get(i)[1], 500, walk);
            Nearest n = net.pointTree.nearest(s);
            closed.set(net.facilitySnaps[net.pointFacility[n.facility()]].edge());
        }
        for (int e = 0; e < net.graph.edgeCount(); e += 97) closed.set(e);
        double before = totalNearestSeconds(net.pointTree);
        try {
            for (int e = closed.nextSetBit(0); e >= 0; e = closed.nextSetBit(e + 1)) net.graph.setClosed(e, true);
            org.gridmap.rings.graph.Snap[] points = new org.gridmap.rings.graph.Snap[net.pointFacility.length];
            for (int k = 0; k < points.length; k++) {
                var f = net.town.facilities.get(net.pointFacility[k]);
                points[k] = net.snapper.snap(f.lon(), f.lat(), 500, walk);
            }
            NearestFacilityTree tree = NearestFacilityTree.build(net.graph, walk, points);
            assertThat(totalNearestSeconds(tree)).as("the closures lengthen walks").isGreaterThan(before + 60);
            assertAgreement(closed, pointSnapsGh(closed), tree, points);
        } finally {
            for (int e = closed.nextSetBit(0); e >= 0; e = closed.nextSetBit(e + 1)) net.graph.setClosed(e, false);
        }
    }

    @Test
    void isochronesReachTheSameRoadsAndCoverSimilarAreas() {
        GeometryFactory gf = new GeometryFactory();
        int[] facilities = {0, net.pointFacility.length / 3, 2 * net.pointFacility.length / 3};
        for (int k : facilities) {
            var f = net.town.facilities.get(net.pointFacility[k]);
            org.gridmap.rings.graph.Snap ours = net.snapper.snap(f.lon(), f.lat(), 500, walk);
            Snap theirs = gh.network().snap(f.lon(), f.lat(), null);
            for (int minutes : new int[] {5, 15, 30}) {
                double t = minutes * 60;
                Reach reach = net.walkRouter.reach(ours, t);
                Map<Integer, Double> ghReach = gh.reach(theirs, t, null);
                int[] nodes = reach.nodes();
                double[] secs = reach.seconds();
                for (int i = 0; i < nodes.length; i++) {
                    if (secs[i] > t - SECONDS) continue;
                    assertThat(ghReach.get(nodes[i])).as("node %d from facility %d", nodes[i], k).isNotNull();
                    assertThat(ghReach.get(nodes[i])).isCloseTo(secs[i], within(SECONDS));
                }
                for (Map.Entry<Integer, Double> e : ghReach.entrySet())
                    if (e.getValue() <= t - SECONDS) assertThat(reach.secondsTo(e.getKey())).isCloseTo(e.getValue(), within(SECONDS));
                Geometry mine = reach.isochrone(t, 30, gf);
                Geometry contour = gh.isochrone(theirs, t, null);
                AreaDifference d = AreaDifference.of(mine, contour);
                // the contour is drawn through a triangulation of the reached nodes, ours is the reached roads widened
                // by 30 m: the same reach, different shapes; `bin/gridmap bench` measured the contour at 1.1-2.7x ours
                assertThat(d.ratio()).as("area ratio %s, facility %d, %d min", d, k, minutes).isBetween(0.5, 3.0);
            }
        }
    }

    private static void assertAgreement(BitSet closed, Snap[] ghPoints, NearestFacilityTree tree, org.gridmap.rings.graph.Snap[] points) {
        int compared = 0, tiesOnOtherPoint = 0;
        GhRouter.Algorithm[] algorithms = closed == null ? GhRouter.Algorithm.values()
                : new GhRouter.Algorithm[] {GhRouter.Algorithm.DIJKSTRA, GhRouter.Algorithm.LM};
        for (int i = 0; i < origins.size(); i++) {
            double[] o = origins.get(i);
            org.gridmap.rings.graph.Snap ours = net.snapper.snap(o[0], o[1], 500, walk);
            Snap theirs = gh.network().snap(o[0], o[1], closed);
            if (ours == null) continue;
            Nearest mine = tree.nearest(ours);
            GhRouter.Nearest other = gh.nearest(theirs, ghPoints, closed);
            assertThat(other == null).as("reachability at origin %d", i).isEqualTo(mine == null);
            if (mine == null) continue;
            assertThat(other.route().seconds()).as("nearest point from origin %d", i).isCloseTo(mine.seconds(), within(SECONDS));
            if (other.target() != mine.facility()) {
                tiesOnOtherPoint++;
                double toTheirs = net.walkRouter.travelSeconds(ours, points[other.target()]);
                assertThat(toTheirs).as("a tie at origin %d", i).isCloseTo(mine.seconds(), within(SECONDS));
            }
            int k = (i * 37) % ghPoints.length;
            if (ghPoints[k] == null) continue;
            double oneToOne = net.walkRouter.travelSeconds(ours, points[k]);
            for (GhRouter.Algorithm a : algorithms) {
                GhRouter.Route r = gh.route(theirs, ghPoints[k], a, closed);
                if (oneToOne == Double.POSITIVE_INFINITY) assertThat(r).as("%s origin %d", a, i).isNull();
                else assertThat(r.seconds()).as("%s origin %d → point %d", a, i, k).isCloseTo(oneToOne, within(SECONDS));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(990);
        assertThat(tiesOnOtherPoint).isLessThan(compared / 10);
    }

    private static double totalNearestSeconds(NearestFacilityTree tree) {
        double sum = 0;
        for (double[] o : origins) {
            org.gridmap.rings.graph.Snap s = net.snapper.snap(o[0], o[1], 500, walk);
            Nearest n = s == null ? null : tree.nearest(s);
            if (n != null) sum += n.seconds();
        }
        return sum;
    }

    private static Snap[] pointSnapsGh(BitSet closed) {
        Snap[] out = new Snap[net.pointFacility.length];
        for (int k = 0; k < out.length; k++) {
            var f = net.town.facilities.get(net.pointFacility[k]);
            out[k] = gh.network().snap(f.lon(), f.lat(), closed);
        }
        return out;
    }
}
