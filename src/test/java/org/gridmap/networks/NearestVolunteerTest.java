package org.gridmap.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.TravelMode;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "The nearest volunteers who do X" over HTTP on the demo town, against two oracles: the engine's own time from the
 * place to every volunteer offering X (one pair search each, so the answer must be the k smallest, in order), and for
 * a sample pgRouting's times on the same open roads.
 */
class NearestVolunteerTest {
    /** The demo's roads less those its road-blocking hazard closes, as pgRouting sees them (seconds per edge on foot). */
    static final String OPEN_ROADS = "roads r WHERE r.source <> r.target AND r.id NOT IN (SELECT road_id FROM hazard_road_closures)";
    static final String EDGES = "SELECT id, source, target, length_m / (CASE class WHEN ''stairs'' THEN 3.15 ELSE 4.5 END / 3.6) AS cost, "
            + "length_m / (CASE class WHEN ''stairs'' THEN 3.15 ELSE 4.5 END / 3.6) AS reverse_cost FROM " + OPEN_ROADS.replace("'", "''");

    record Candidate(long volunteer, int facility, List<String> skills) { }

    record Place(double lon, double lat, String skill, int k, JsonNode answer) { }

    static TestServer server;
    static NetworksClient api;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        api = new NetworksClient(server);
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("nv", Role.ADMIN, "admin-password-1".toCharArray());
        admin = api.login("nv", "admin-password-1");
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void theAnswerIsTheKSmallestEngineTimesInOrderAndPgRoutingAgreesOnASample() throws Exception {
        RingNetwork net = server.app().rings().network();
        double kmh = net.policy.baseKmh(net.policy.ring(4));
        TravelMode walk = net.policy.mode(net.policy.ring(4));
        List<Candidate> candidates = candidates(net);
        Random rnd = new Random(12);
        List<Place> places = new ArrayList<>();
        List<Snap> origins = new ArrayList<>();
        int listed = 0;
        while (places.size() < 60) {
            int h = rnd.nextInt(net.town.householdCount());
            // to 7 decimals, as sent
            double lon = Math.round((net.town.householdLon[h] + (rnd.nextDouble() - 0.5) * 0.004) * 1e7) / 1e7;
            double lat = Math.round((net.town.householdLat[h] + (rnd.nextDouble() - 0.5) * 0.004) * 1e7) / 1e7;
            if (!net.town.insideATown(lon, lat)) continue;
            String skill = NetworkWords.SKILLS.ids().get(rnd.nextInt(NetworkWords.SKILLS.ids().size()));
            int k = 1 + rnd.nextInt(5);
            JsonNode a = api.get(String.format(Locale.ROOT, "/api/volunteers/nearest?lon=%.7f&lat=%.7f&skill=%s&k=%d", lon, lat, skill, k));
            Snap origin = net.snapper.snap(lon, lat, net.policy.maxSnapMeters(), walk);
            assertThat(origin).isNotNull();
            assertThat(a.get("snapped").get(0).asDouble()).isCloseTo(origin.lon(), within(1e-9));
            double off = origin.distanceMeters() / (kmh / 3.6);
            // the engine's time to every volunteer offering the skill, each by its own pair search
            List<double[]> times = new ArrayList<>();   // {seconds, volunteer id}
            for (Candidate c : candidates) {
                if (!c.skills().contains(skill)) continue;
                Snap target = net.facilitySnaps[c.facility()];
                double s = net.walkRouter.travelSeconds(origin, target);
                if (s < Double.POSITIVE_INFINITY) times.add(new double[] {s + target.distanceMeters() / (kmh / 3.6) + off, c.volunteer()});
            }
            times.sort((x, y) -> Double.compare(x[0], y[0]));
            Map<Long, Double> byId = new HashMap<>();
            for (double[] t : times) byId.put((long) t[1], t[0]);
            JsonNode vs = a.get("volunteers");
            assertThat(vs.size()).as("%s from %f,%f", skill, lon, lat).isEqualTo(Math.min(k, times.size()));
            double previous = 0;
            for (int j = 0; j < vs.size(); j++) {
                JsonNode v = vs.get(j);
                double seconds = v.get("travelSeconds").asDouble();
                assertThat(v.get("volunteer").get("skills").toString()).contains("\"" + skill + "\"");
                assertThat(seconds).as("the %d-th is the %d-th smallest", j, j).isCloseTo(times.get(j)[0], within(0.051));
                assertThat(seconds).as("its own engine time").isCloseTo(byId.get(v.get("volunteer").get("id").asLong()), within(0.051));
                assertThat(seconds).as("nearest first").isGreaterThanOrEqualTo(previous);
                previous = seconds;
                JsonNode coords = v.get("route").get("coordinates");
                JsonNode point = v.get("volunteer").get("point");
                assertThat(coords.get(0).get(0).asDouble()).isCloseTo(origin.lon(), within(1e-6));
                assertThat(coords.get(coords.size() - 1).get(0).asDouble()).isCloseTo(point.get("lon").asDouble(), within(1e-6));
                assertThat(coords.get(coords.size() - 1).get(1).asDouble()).isCloseTo(point.get("lat").asDouble(), within(1e-6));
                listed++;
            }
            places.add(new Place(lon, lat, skill, k, a));
            origins.add(origin);
        }
        assertThat(listed).isGreaterThan(100);
        checkAgainstPgRouting(net, candidates, places.subList(0, 12), origins.subList(0, 12), kmh);
    }

    /** pgRouting from each sampled place's snap to every volunteer's service point, on the open roads. */
    static void checkAgainstPgRouting(RingNetwork net, List<Candidate> candidates, List<Place> places, List<Snap> origins,
                                      double kmh) throws Exception {
        int[] facilities = candidates.stream().mapToInt(Candidate::facility).distinct().toArray();
        Map<Integer, Integer> pidOf = new HashMap<>();
        StringBuilder points = new StringBuilder();
        int n = places.size();
        for (int i = 0; i < n + facilities.length; i++) {
            Snap s = i < n ? origins.get(i) : net.facilitySnaps[facilities[i - n]];
            if (i >= n) pidOf.put(facilities[i - n], i + 1);
            if (i > 0) points.append(',');
            // pgRouting merges a point at fraction 0 or 1 into the vertex, so keep them a hair inside the edge
            points.append(String.format(Locale.ROOT, "(%d,%d,%.12f::float8)", i + 1, net.graph.roadId(s.edge()),
                    Math.min(1 - 1e-9, Math.max(1e-9, s.fraction()))));
        }
        double[][] pg = new double[n][n + facilities.length + 1];
        for (double[] row : pg) Arrays.fill(row, Double.POSITIVE_INFINITY);
        String starts = String.join(",", java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "-" + i).toList());
        String ends = String.join(",", java.util.stream.IntStream.rangeClosed(n + 1, n + facilities.length).mapToObj(i -> "-" + i).toList());
        try (Connection c = server.database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost('" + EDGES + "', "
                     + "'SELECT * FROM (VALUES " + points + ") AS p(pid, edge_id, fraction)', ARRAY[" + starts + "], ARRAY["
                     + ends + "], directed => false)")) {
            while (rs.next()) pg[(int) -rs.getLong(1) - 1][(int) -rs.getLong(2)] = rs.getDouble(3);
        }
        Map<Long, Integer> facilityOfVolunteer = new HashMap<>();
        for (Candidate c : candidates) facilityOfVolunteer.put(c.volunteer(), c.facility());
        int compared = 0;
        for (int i = 0; i < n; i++) {
            Place p = places.get(i);
            double off = origins.get(i).distanceMeters() / (kmh / 3.6);
            double best = Double.POSITIVE_INFINITY;
            for (Candidate c : candidates) {
                if (!c.skills().contains(p.skill())) continue;
                best = Math.min(best, pg[i][pidOf.get(c.facility())] + door(net, c.facility(), kmh) + off);
            }
            JsonNode vs = p.answer().get("volunteers");
            if (vs.isEmpty()) continue;
            assertThat(vs.get(0).get("travelSeconds").asDouble()).as("place %d: the nearest by pgRouting", i).isCloseTo(best, within(0.1));
            for (JsonNode v : vs) {
                int f = facilityOfVolunteer.get(v.get("volunteer").get("id").asLong());
                assertThat(v.get("travelSeconds").asDouble()).as("place %d, volunteer %s", i, v.get("volunteer").get("id"))
                        .isCloseTo(pg[i][pidOf.get(f)] + door(net, f, kmh) + off, within(0.1));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(15);
    }

    @Test
    void aVolunteerAddedAtAPointIsFoundFromThatPointAndGoneWhenRemoved() throws Exception {
        RingNetwork net = server.app().rings().network();
        long point = api.one("SELECT min(f.id) FROM facilities f WHERE f.level = 'point' AND NOT EXISTS (SELECT 1 FROM volunteers v "
                + "WHERE v.facility_id = f.id AND 'legal_advice' = ANY (v.skills))");
        double[] at = {Double.parseDouble(api.text("SELECT ST_X(geom) FROM facilities WHERE id = " + point)),
                Double.parseDouble(api.text("SELECT ST_Y(geom) FROM facilities WHERE id = " + point))};
        String ask = String.format(Locale.ROOT, "/api/volunteers/nearest?lon=%.7f&lat=%.7f&skill=legal_advice&k=1", at[0], at[1]);
        assertThat(api.get(ask).get("volunteers").get(0).get("volunteer").get("point").get("id").asLong()).isNotEqualTo(point);
        long id = api.expect(201, "POST", "/api/volunteers", "{\"facility_id\":" + point + ",\"surname\":\"赵\",\"given_name\":\"律明\","
                + "\"skills\":[\"legal_advice\"],\"public_name\":true}", admin).get("id").asLong();
        JsonNode first = api.get(ask).get("volunteers").get(0);
        assertThat(first.get("volunteer").get("id").asLong()).isEqualTo(id);
        assertThat(first.get("volunteer").get("name").asText()).isEqualTo("律明 赵.");
        // from the point itself: only the walks between the point and its road
        Integer f = null;
        for (int i = 0; i < net.town.facilities.size(); i++) if (net.town.facilities.get(i).id() == point) f = i;
        double kmh = net.policy.baseKmh(net.policy.ring(4));
        assertThat(first.get("travelSeconds").asDouble()).isCloseTo(2 * door(net, f, kmh), within(0.5));
        api.expect(204, "DELETE", "/api/volunteers/" + id, null, admin);
        assertThat(api.get(ask).get("volunteers").get(0).get("volunteer").get("id").asLong()).isNotEqualTo(id);
    }

    @Test
    void outsideTheTownIsA422AndASkillNobodyOffersIsAnEmptyList() throws Exception {
        JsonNode outside = api.expect(422, "GET", "/api/volunteers/nearest?lon=100&lat=30&skill=haircut", null, null);
        assertThat(outside.get("error").asText()).isEqualTo("outside_town");
        api.exec("DELETE FROM volunteers WHERE 'appliance_repair' = ANY (skills)");
        RingNetwork net = server.app().rings().network();
        double lon = net.town.householdLon[0], lat = net.town.householdLat[0];
        // the change feed tells the search (no write of ours went through the API)
        JsonNode a = null;
        for (int i = 0; i < 100; i++) {
            a = api.get(String.format(Locale.ROOT, "/api/volunteers/nearest?lon=%.7f&lat=%.7f&skill=appliance_repair", lon, lat));
            if (a.get("volunteers").isEmpty()) break;
            Thread.sleep(50);
        }
        assertThat(a.get("volunteers").size()).isZero();
        assertThat(a.get("reachable").asBoolean()).isTrue();
        assertThat(a.get("skill").get("name").asText()).isEqualTo("appliance repair");
        assertThat(TestServer.json(server.get(String.format(Locale.ROOT, "/api/volunteers/nearest?lon=%.7f&lat=%.7f&skill=appliance_repair",
                lon, lat))).get("skill").get("name").asText()).isEqualTo("家电维修");
    }

    static double door(RingNetwork net, int facility, double kmh) { return net.facilitySnaps[facility].distanceMeters() / (kmh / 3.6); }

    static List<Candidate> candidates(RingNetwork net) throws Exception {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < net.town.facilities.size(); i++) index.put(net.town.facilities.get(i).id(), i);
        List<Candidate> out = new ArrayList<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, facility_id, skills FROM volunteers")) {
            while (rs.next()) {
                out.add(new Candidate(rs.getLong("id"), index.get(rs.getLong("facility_id")),
                        Arrays.asList((String[]) rs.getArray("skills").getArray())));
            }
        }
        assertThat(out).hasSizeGreaterThan(100);
        return out;
    }
}
