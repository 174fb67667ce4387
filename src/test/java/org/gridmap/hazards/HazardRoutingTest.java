package org.gridmap.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.TownModel;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hazards that block roads change routing at once, survive reloads of the road network, and reopen. */
class HazardRoutingTest {
    static TestServer server;
    static Client api;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        api = new Client(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    /** A road that is the only link between a small part of the network (its side) and the rest. */
    record Cut(long road, int edge, Set<Integer> sideEdges, double lon, double lat) { }

    /** Bridges of the open network whose far side has at most {@code limit} nodes, in edge order. */
    static List<Cut> smallSideBridges(RoadGraph g, int limit) {
        List<List<Integer>> incident = new ArrayList<>();
        for (int n = 0; n < g.nodeCount(); n++) incident.add(new ArrayList<>());
        for (int e = 0; e < g.edgeCount(); e++) {
            if (g.isClosed(e)) continue;
            incident.get(g.edgeFrom(e)).add(e);
            incident.get(g.edgeTo(e)).add(e);
        }
        List<Cut> out = new ArrayList<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            if (g.isClosed(e)) continue;
            for (int start : new int[] {g.edgeFrom(e), g.edgeTo(e)}) {
                int other = start == g.edgeFrom(e) ? g.edgeTo(e) : g.edgeFrom(e);
                Set<Integer> nodes = side(incident, g, e, start, other, limit);
                if (nodes == null) continue;
                Set<Integer> edges = new HashSet<>();
                for (int n : nodes) for (int x : incident.get(n)) if (x != e) edges.add(x);
                if (edges.isEmpty()) continue;
                out.add(new Cut(g.roadId(e), e, edges, Double.NaN, Double.NaN));
                break;
            }
        }
        return out;
    }

    /** The cut with the place of a hazard on its road (its midpoint), or null when a hazard there would reach other roads. */
    static Cut located(Cut c) throws Exception {
        double[] mid = api.row("SELECT ST_X(p), ST_Y(p), (SELECT count(*) FROM roads o WHERE ST_DWithin(o.geom::geography, "
                + "p::geography, 3)) FROM (SELECT ST_LineInterpolatePoint(geom, 0.5) p FROM roads WHERE id = " + c.road() + ") x");
        return mid[2] == 1 ? new Cut(c.road(), c.edge(), c.sideEdges(), mid[0], mid[1]) : null;
    }

    /** The nodes reachable from start without edge e, or null when that is more than limit or reaches other. */
    private static Set<Integer> side(List<List<Integer>> incident, RoadGraph g, int e, int start, int other, int limit) {
        Set<Integer> seen = new HashSet<>(List.of(start));
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            int n = queue.poll();
            for (int x : incident.get(n)) {
                if (x == e) continue;
                int m = g.edgeFrom(x) == n ? g.edgeTo(x) : g.edgeFrom(x);
                if (m == other) return null;
                if (seen.add(m)) {
                    if (seen.size() > limit) return null;
                    queue.add(m);
                }
            }
        }
        return seen;
    }

    static Snap snapOf(RingNetwork net, TownModel t, int household) {
        return net.snapper.snap(t.householdLon[household], t.householdLat[household], net.policy.maxSnapMeters(),
                net.policy.mode(net.policy.ring(4)));
    }

    static JsonNode pin(Cut cut, String name) throws Exception {
        return api.expect(201, "POST", "/api/hazards", Client.hazard(name, "collapse", 1,
                Client.point(cut.lon(), cut.lat()), true), api.monitor);
    }

    static JsonNode setStatus(JsonNode hazard, String status) throws Exception {
        return api.expect(200, "PATCH", "/api/hazards/" + hazard.get("id").asLong(), "{\"version\":"
                + hazard.get("version").asInt() + ",\"status\":\"" + status + "\"}", api.monitor);
    }

    static JsonNode nearestOf(TownModel t, int household) throws Exception {
        return api.nearest(t.householdLon[household], t.householdLat[household]);
    }

    /**
     * A hazard written while the engine is held (as by a reload of a whole city, a minute at 1,000 towns, which every
     * node does after a failover) is answered at once with its routing effect pending, and the engine closes its road
     * as soon as it is free: the writer does not wait for the reload.
     */
    @Test
    void aHazardWrittenWhileTheEngineReloadsIsAnsweredAtOnceAndAppliedAfter() throws Exception {
        RingNetwork net = server.app().rings().network();
        List<Cut> cuts = smallSideBridges(net.graph, 400);
        Cut cut = null;
        for (int i = cuts.size() - 1; i >= 0 && cut == null; i--) cut = located(cuts.get(i));
        assertThat(cut).isNotNull();
        Cut pinned = cut;
        var writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            JsonNode hazard = server.app().rings().exclusively(() -> {
                long t0 = System.nanoTime();
                JsonNode h = writer.submit(() -> pin(pinned, "路基下沉")).get(20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat((System.nanoTime() - t0) / 1e9).as("seconds to answer").isLessThan(10);
                assertThat(server.app().rings().network().graph.isClosed(pinned.edge())).as("not applied while held").isFalse();
                return h;
            });
            assertThat(hazard.get("routing").get("pending").asBoolean()).isTrue();
            long until = System.currentTimeMillis() + 15_000;
            while (!server.app().rings().network().graph.isClosed(pinned.edge()) && System.currentTimeMillis() < until) Thread.sleep(50);
            assertThat(server.app().rings().network().graph.isClosed(pinned.edge())).as("applied once the engine is free").isTrue();
            setStatus(hazard, "mitigated");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void blockingTheOnlyRoadToAHamletCutsItOffAndReopeningRestoresTheAnswer() throws Exception {
        RingNetwork net = server.app().rings().network();
        TownModel t = net.town;
        Set<Integer> pointEdges = new HashSet<>();
        for (int p : net.pointFacility) if (net.facilitySnaps[p] != null) pointEdges.add(net.facilitySnaps[p].edge());
        java.util.Map<Integer, List<Integer>> homesByEdge = new java.util.HashMap<>();
        for (int i = 0; i < t.householdCount(); i++) {
            Snap hs = snapOf(net, t, i);
            if (hs != null && Double.isFinite(net.householdSeconds(i))) homesByEdge.computeIfAbsent(hs.edge(), k -> new ArrayList<>()).add(i);
        }
        Cut cut = null;
        List<Integer> cutOff = new ArrayList<>();
        for (Cut c : smallSideBridges(net.graph, 400)) {
            if (pointEdges.contains(c.edge()) || c.sideEdges().stream().anyMatch(pointEdges::contains)) continue;
            List<Integer> homes = new ArrayList<>();
            for (int e : c.sideEdges()) homes.addAll(homesByEdge.getOrDefault(e, List.of()));
            // a place whose households (some within the 5-minute promise today) have no other way out
            if (homes.stream().anyMatch(i -> net.householdSeconds(i) <= 300) && located(c) != null) {
                cut = located(c);
                cutOff = homes;
                break;
            }
        }
        assertThat(cut).as("the demo town has a hamlet behind a single road").isNotNull();
        int h = cutOff.get(0);
        JsonNode before = nearestOf(t, h);
        assertThat(before.get("reachable").asBoolean()).isTrue();
        long lostExpected = cutOff.stream().filter(i -> net.householdSeconds(i) <= 300).count();
        assertThat(lostExpected).isPositive();

        JsonNode hazard = pin(cut, "路基崩塌");
        JsonNode routing = hazard.get("routing");
        assertThat(Client.longs(routing.get("roadsClosedByThisHazard"))).containsExactly(cut.road());
        assertThat(Client.longs(routing.get("roadsClosedNow"))).contains(cut.road());
        assertThat(hazard.get("closesRoads").asBoolean()).isTrue();
        assertThat(routing.get("householdsCutOff").asLong()).isGreaterThanOrEqualTo(cutOff.size());
        assertThat(routing.get("householdsLost").asLong()).isGreaterThanOrEqualTo(lostExpected);
        JsonNode ring4 = routing.get("rings").get(0);
        assertThat(ring4.get("ring").asInt()).isEqualTo(4);
        assertThat(ring4.get("withinChange").asLong())
                .isEqualTo(routing.get("householdsRegained").asLong() - routing.get("householdsLost").asLong());
        assertThat(ring4.get("after").get("within").asLong())
                .isEqualTo(ring4.get("before").get("within").asLong() + ring4.get("withinChange").asLong());
        assertThat(routing.get("householdsLostSample").size()).isPositive();
        assertThat(routing.get("peopleLost").asLong()).isPositive();
        assertThat(ring4.get("after").get("within").asLong()).isLessThan(ring4.get("before").get("within").asLong());
        assertThat(server.app().rings().graph().isClosed(cut.edge())).isTrue();

        JsonNode during = nearestOf(t, h);
        assertThat(during.get("reachable").asBoolean()).isFalse();
        assertThat(during.get("message").asText()).contains("cut off");
        for (int i : cutOff) assertThat(server.app().rings().network().householdSeconds(i)).isInfinite();

        // the hazard is mitigated: the road reopens and the answer is the original one again
        JsonNode mitigated = setStatus(hazard, "mitigated");
        assertThat(Client.longs(mitigated.get("routing").get("roadsReopenedNow"))).contains(cut.road());
        assertThat(mitigated.get("routing").get("householdsRegained").asLong()).isGreaterThanOrEqualTo(lostExpected);
        assertThat(mitigated.get("closesRoads").asBoolean()).isFalse();
        assertThat(server.app().rings().graph().isClosed(cut.edge())).isFalse();
        JsonNode after = nearestOf(t, h);
        assertThat(after.get("reachable").asBoolean()).isTrue();
        assertThat(after.get("point").get("id").asLong()).isEqualTo(before.get("point").get("id").asLong());
        assertThat(after.get("travelSeconds").asDouble()).isEqualTo(before.get("travelSeconds").asDouble());
    }

    @Test
    void blockingTheRoadToAServicePointSendsOthersToAnotherPoint() throws Exception {
        RingNetwork net = server.app().rings().network();
        TownModel t = net.town;
        Cut cut = null;
        int household = -1;
        long point = -1;
        for (Cut c : smallSideBridges(net.graph, 400)) {
            for (int k = 0; k < net.pointFacility.length && cut == null; k++) {
                int p = net.pointFacility[k];
                Snap ps = net.facilitySnaps[p];
                if (ps == null || ps.edge() == c.edge() || !c.sideEdges().contains(ps.edge())) continue;
                for (int i = 0; i < t.householdCount(); i++) {
                    if (net.householdPoint(i) != p) continue;
                    Snap hs = snapOf(net, t, i);
                    if (hs == null || hs.edge() == c.edge() || c.sideEdges().contains(hs.edge())) continue;
                    cut = located(c);
                    if (cut == null) break;
                    household = i;
                    point = t.facilities.get(p).id();
                    break;
                }
            }
            if (cut != null) break;
        }
        assertThat(cut).as("a service point behind a single road, serving households on the other side").isNotNull();
        JsonNode before = nearestOf(t, household);
        assertThat(before.get("point").get("id").asLong()).isEqualTo(point);

        // the only way to the point runs along the road: the route today covers it from end to end
        assertThat(metersAlong(before.get("route"), cut.road())).isGreaterThan(0.9 * innerLength(cut.road()));

        JsonNode hazard = pin(cut, "滑坡阻断道路");
        JsonNode during = nearestOf(t, household);
        assertThat(during.get("reachable").asBoolean()).isTrue();
        assertThat(during.get("point").get("id").asLong()).isNotEqualTo(point);
        // the new route does not run along the closed road (measured on the geometries, not inferred from times)
        assertThat(metersAlong(during.get("route"), cut.road())).as("metres of the route along the closed road").isLessThan(0.5);

        // clearing blocks_roads reopens it as well
        JsonNode cleared = api.expect(200, "PATCH", "/api/hazards/" + hazard.get("id").asLong(),
                "{\"version\":" + hazard.get("version").asInt() + ",\"blocks_roads\":false}", api.monitor);
        assertThat(Client.longs(cleared.get("routing").get("roadsReopenedNow"))).contains(cut.road());
        JsonNode after = nearestOf(t, household);
        assertThat(after.get("point").get("id").asLong()).isEqualTo(point);
        assertThat(after.get("travelSeconds").asDouble()).isEqualTo(before.get("travelSeconds").asDouble());
    }

    /** The middle 80 % of a road, so that routes merely passing one of its ends do not count as running along it. */
    static final String INNER = "ST_LineSubstring(geom, 0.1, 0.9)";

    /** Metres of the route (GeoJSON) that lie within 1 m of the road's middle part, by PostGIS on the ellipsoid. */
    static double metersAlong(JsonNode route, long road) throws Exception {
        return api.row("SELECT coalesce(ST_Length(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON('" + route + "'), 4326), "
                + "ST_Buffer(" + INNER + "::geography, 1)::geometry)::geography), 0) FROM roads WHERE id = " + road)[0];
    }

    static double innerLength(long road) throws Exception {
        return api.row("SELECT ST_Length(" + INNER + "::geography) FROM roads WHERE id = " + road)[0];
    }

    /**
     * Waits for the engine to publish a network that passes the check. The published network is the signal: the
     * engine swaps it in only once everything it is built on (graph, closures, town) is in place.
     */
    static RingNetwork awaitNetwork(java.util.function.Predicate<RingNetwork> check) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        RingNetwork n = server.app().rings().network();
        while (!check.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            n = server.app().rings().network();
        }
        assertThat(check.test(n)).as("the engine published the expected network within 15 s").isTrue();
        return n;
    }

    @Test
    void closuresComeFromTheDatabaseAtStartAndSurviveAReloadOfTheRoads() throws Exception {
        // the demo town has a blocking hazard under monitoring: its roads are closed from the start
        List<Long> expected = api.ids("SELECT DISTINCT road_id FROM hazard_road_closures ORDER BY 1");
        assertThat(expected).isNotEmpty();
        assertThat(closedRoads(server.app().rings().graph())).containsExactlyElementsOf(expected);
        List<Long> demo = api.ids("SELECT r.id FROM roads r JOIN hazards h ON ST_DWithin(ST_Transform(r.geom, 4544), "
                + "ST_Transform(h.geom, 4544), h.radius_m) WHERE h.blocks_roads AND h.status = 'monitoring' ORDER BY 1");
        assertThat(expected).containsExactlyElementsOf(demo);

        // a road edit that gives a road other ends (here the same road drawn the other way: the same walks) reloads
        // the road network from the database; the closures are applied again, before anyone can see the new graph:
        // watch the engine's graph closely while it reloads
        RoadGraph old = server.app().rings().graph();
        api.exec("UPDATE roads SET source = target, target = source, geom = ST_Reverse(geom) WHERE id = (SELECT max(id) FROM roads)");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (server.app().rings().network().graph == old && System.nanoTime() < deadline) {
            RoadGraph seen = server.app().rings().graph();
            if (seen != old) assertThat(closedRoads(seen)).as("a reloaded graph as the engine shows it").containsExactlyElementsOf(expected);
            Thread.onSpinWait();
        }
        RingNetwork reloaded = server.app().rings().network();
        assertThat(reloaded.graph).as("the engine reloaded the roads").isNotSameAs(old);
        assertThat(server.app().rings().graph()).isSameAs(reloaded.graph);
        assertThat(closedRoads(reloaded.graph)).containsExactlyElementsOf(expected);

        // a hazard changed behind the application's back (psql) is picked up from the change feed
        api.exec("UPDATE hazards SET blocks_roads = false WHERE blocks_roads AND status = 'monitoring'");
        RingNetwork opened = awaitNetwork(n -> n != reloaded && closedRoads(n.graph).isEmpty());
        api.exec("UPDATE hazards SET blocks_roads = true WHERE code = 'HZ50010710900001'");
        RingNetwork closedAgain = awaitNetwork(n -> n != opened && !closedRoads(n.graph).isEmpty());
        assertThat(closedRoads(closedAgain.graph)).containsExactlyElementsOf(expected);
    }

    static Set<Long> closedRoads(RoadGraph g) {
        Set<Long> out = new TreeSet<>();
        for (int e = 0; e < g.edgeCount(); e++) if (g.isClosed(e)) out.add(g.roadId(e));
        return out;
    }
}
