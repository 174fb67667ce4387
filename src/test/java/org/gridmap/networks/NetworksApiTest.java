package org.gridmap.networks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.MvtReader;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The networks over real HTTP on the demo town: the demo's posts, volunteers and firms, who may write where, what the
 * public reads of a volunteer, version conflicts, firms only in industrial-park grids, the word lists the database
 * holds, and the map layers following every write.
 */
class NetworksApiTest {
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    static TestServer server;
    static NetworksClient api;
    static long gridA, gridB, park, pointA, pointB;
    static String admin, staffA, staffB, staffPark, parkCode;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        api = new NetworksClient(server);
        long[] g = api.longs("SELECT min(g.id), max(g.id) FROM grids g WHERE g.kind = 'rural' AND EXISTS (SELECT 1 FROM facilities f "
                + "WHERE f.grid_id = g.id AND f.level = 'point') AND EXISTS (SELECT 1 FROM staff s WHERE s.grid_id = g.id)");
        gridA = g[0];
        gridB = g[1];
        park = api.one("SELECT min(id) FROM grids WHERE kind = 'park' AND EXISTS (SELECT 1 FROM staff s WHERE s.grid_id = grids.id)");
        parkCode = api.text("SELECT code FROM grids WHERE id = " + park);
        pointA = api.one("SELECT min(id) FROM facilities WHERE level = 'point' AND grid_id = " + gridA);
        pointB = api.one("SELECT min(id) FROM facilities WHERE level = 'point' AND grid_id = " + gridB);
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("na", Role.ADMIN, "admin-password-1".toCharArray());
        users.create("sa", Role.STAFF, "sa-password-1".toCharArray());
        users.create("sb", Role.STAFF, "sb-password-1".toCharArray());
        users.create("sp", Role.STAFF, "sp-password-1".toCharArray());
        users.create("pl", Role.PLANNER, "pl-password-1".toCharArray());
        link("sa", gridA);
        link("sb", gridB);
        link("sp", park);
        admin = api.login("na", "admin-password-1");
        staffA = api.login("sa", "sa-password-1");
        staffB = api.login("sb", "sb-password-1");
        staffPark = api.login("sp", "sp-password-1");
    }

    static void link(String user, long grid) throws Exception {
        api.exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = '" + user + "') WHERE id = "
                + "(SELECT min(id) FROM staff WHERE grid_id = " + grid + ")");
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void theDemoTownHasPostsVolunteersAndFirmsInItsParkGrids() throws Exception {
        long points = api.one("SELECT count(*) FROM facilities WHERE level = 'point'");
        long posts = api.one("SELECT count(*) FROM party_posts");
        long volunteers = api.one("SELECT count(*) FROM volunteers");
        assertThat(posts).isBetween(points / 8, points / 2);
        assertThat(volunteers).isBetween(points / 2, points * 2);
        assertThat(api.one("SELECT count(*) FROM party_posts p JOIN facilities f ON f.id = p.facility_id WHERE f.level <> 'point'")).isZero();
        // every firm stands in an industrial-park grid, four per park grid, each with at least one job
        long parks = api.one("SELECT count(*) FROM grids WHERE kind = 'park'");
        JsonNode firms = api.get("/api/firms").get("firms");
        assertThat(firms.size()).isEqualTo((int) api.one("SELECT count(*) FROM firms"));
        // (other tests here add firms named 测试…)
        assertThat(api.one("SELECT count(*) FROM firms WHERE name NOT LIKE '测试%'")).isEqualTo(4 * parks);
        for (JsonNode f : firms) {
            if (f.get("name").asText().startsWith("测试")) continue;
            assertThat(api.text("SELECT kind FROM grids WHERE code = '" + f.get("grid").asText() + "'")).isEqualTo("park");
            assertThat(f.get("offers").findValuesAsText("kind")).contains("job");
        }
        // skills of the demo's volunteers are words of the one list; most, not all, show their name
        JsonNode cards = api.get("/api/volunteers").get("volunteers");
        assertThat(cards.size()).isEqualTo((int) volunteers);
        int named = 0;
        for (JsonNode v : cards) {
            for (JsonNode s : v.get("skills")) assertThat(NetworkWords.SKILLS.contains(s.asText())).as(s.asText()).isTrue();
            if (!v.get("name").isNull()) named++;
            assertThat(v.has("phone")).isFalse();
            assertThat(v.has("surname")).isFalse();
        }
        assertThat(named).isBetween(cards.size() / 2, cards.size() - 1);
        JsonNode vocabulary = api.get("/api/vocabulary").get("lists");
        assertThat(vocabulary.get("volunteerSkills").findValuesAsText("id")).containsExactlyElementsOf(NetworkWords.SKILLS.ids());
        assertThat(vocabulary.get("offerKinds").findValuesAsText("id")).containsExactly("job", "training");
    }

    @Test
    void theDatabaseAcceptsExactlyTheJavaSkillsAndOfferKinds() throws Exception {
        Pattern word = Pattern.compile("'([a-z_]+)'::text");
        for (String[] check : new String[][] {{"volunteers", "skills"}, {"firm_offers", "kind"}}) {
            String def = api.text("SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
                    + "AND a.attnum = ANY (c.conkey) WHERE c.conrelid = '" + check[0] + "'::regclass AND c.contype = 'c' "
                    + "AND a.attname = '" + check[1] + "'");
            List<String> words = new ArrayList<>();
            Matcher m = word.matcher(def);
            while (m.find()) words.add(m.group(1));
            assertThat(words).as(def).containsExactlyElementsOf(
                    check[0].equals("volunteers") ? NetworkWords.SKILLS.ids() : NetworkWords.OFFER_KINDS.ids());
        }
    }

    @Test
    void staffWriteOnlyAtTheirGridsPointsAndThePublicSeesOnlyTheCard() throws Exception {
        String body = volunteer(pointA, "[\"tailoring\",\"planting\"]", false);
        assertThat(api.send("POST", "/api/volunteers", body, null, true).statusCode()).isEqualTo(401);
        api.expect(403, "POST", "/api/volunteers", body, api.login("pl", "pl-password-1"));
        JsonNode refused = api.expect(403, "POST", "/api/volunteers", body, staffB);
        assertThat(refused.get("error").asText()).isEqualTo("forbidden");
        JsonNode v = api.expect(201, "POST", "/api/volunteers", body, staffA);
        long id = v.get("id").asLong();
        assertThat(v.get("phone").asText()).isEqualTo("13800001111");
        assertThat(v.get("name").isNull()).as("no consent, no name").isTrue();
        assertThat(v.get("point").get("id").asLong()).isEqualTo(pointA);
        // the public card: skills and the service point, no name without consent, never the phone
        JsonNode card = find(api.get("/api/volunteers?skill=tailoring&grid=" + gridCode(gridA)).get("volunteers"), id);
        assertThat(card.get("name").isNull()).isTrue();
        assertThat(card.toString()).doesNotContain("13800001111").doesNotContain("测试");
        assertThat(card.get("skills").toString()).isEqualTo("[\"tailoring\",\"planting\"]");
        // the whole entry only for the grid's staff and admins
        long logged = api.longs("SELECT count(*) FROM volunteer_data_reads WHERE volunteer_id = " + id)[0];
        api.expect(403, "GET", "/api/volunteers/" + id, null, staffB);
        assertThat(api.expect(200, "GET", "/api/volunteers/" + id, null, admin).get("surname").asText()).isEqualTo("测试");
        // every read of the whole entry is logged, who and which; a refused one reads nothing and logs nothing
        assertThat(api.longs("SELECT count(*) FROM volunteer_data_reads WHERE volunteer_id = " + id)[0]).isEqualTo(logged + 1);
        assertThat(api.longs("SELECT (u.role = 'admin' AND r.purpose = 'volunteer entry')::int FROM volunteer_data_reads r JOIN users u "
                + "ON u.id = r.user_id WHERE r.volunteer_id = " + id + " ORDER BY r.id DESC LIMIT 1")[0]).isEqualTo(1);
        // consent shows given name and surname initial
        JsonNode changed = api.expect(200, "PATCH", "/api/volunteers/" + id,
                withVersion(volunteer(pointA, "[\"tailoring\"]", true), 1), staffA);
        assertThat(changed.get("version").asLong()).isEqualTo(2);
        assertThat(find(api.get("/api/volunteers").get("volunteers"), id).get("name").asText()).isEqualTo("志愿 测.");
        // moving the volunteer to another grid's point needs the right to write there too
        api.expect(403, "PATCH", "/api/volunteers/" + id, withVersion(volunteer(pointB, "[\"tailoring\"]", true), 2), staffA);
        api.expect(403, "DELETE", "/api/volunteers/" + id, null, staffB);
        api.expect(204, "DELETE", "/api/volunteers/" + id, null, staffA);
        api.expect(404, "GET", "/api/volunteers/" + id, null, admin);
        assertThat(api.one("SELECT count(*) FROM volunteers WHERE id = " + id)).isZero();
    }

    @Test
    void aStaleVersionIsAConflictNamingTheVolunteer() throws Exception {
        long id = api.expect(201, "POST", "/api/volunteers", volunteer(pointB, "[\"haircut\"]", true), admin).get("id").asLong();
        api.expect(200, "PATCH", "/api/volunteers/" + id, withVersion(volunteer(pointB, "[\"haircut\",\"tutoring\"]", true), 1), staffB);
        JsonNode stale = api.expect(409, "PATCH", "/api/volunteers/" + id, withVersion(volunteer(pointB, "[\"tutoring\"]", true), 1), admin);
        assertThat(stale.get("error").asText()).isEqualTo("version_conflict");
        JsonNode s = stale.get("stale").get(0);
        assertThat(s.get("type").asText()).isEqualTo("volunteer");
        assertThat(s.get("id").asLong()).isEqualTo(id);
        assertThat(s.get("version").asLong()).isEqualTo(2);
        assertThat(s.get("yourVersion").asLong()).isEqualTo(1);
        assertThat(api.text("SELECT array_to_string(skills, ',') FROM volunteers WHERE id = " + id)).isEqualTo("haircut,tutoring");
    }

    @Test
    void badInputIsA4xxListingEveryProblemInTheReadersLanguage() throws Exception {
        JsonNode bad = api.expect(422, "POST", "/api/volunteers",
                "{\"facility_id\":" + pointA + ",\"surname\":\"\",\"given_name\":\"x\",\"skills\":[\"juggling\"],\"phone\":\"call me\"}", admin);
        assertThat(bad.get("error").asText()).isEqualTo("invalid_input");
        assertThat(bad.get("problems").size()).isEqualTo(3);
        api.expect(422, "POST", "/api/volunteers", volunteer(999_999_999, "[\"haircut\"]", true), admin);
        api.expect(400, "GET", "/api/volunteers?skill=juggling", null, null);
        api.expect(400, "GET", "/api/volunteers?grid=12", null, null);
        api.expect(404, "GET", "/api/volunteers?village=999999999999", null, null);
        api.expect(400, "GET", "/api/volunteers/nearest?lon=106.6&lat=29.6", null, null);
        api.expect(400, "GET", "/api/volunteers/abc", null, admin);
        // without Accept-Language the reader gets Chinese, with the same error code
        HttpResponse<String> zh = server.get("/api/volunteers/nearest?lon=106.6&lat=29.6&skill=juggling");
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(zh).get("message").asText()).contains("必须是以下之一");
        HttpResponse<String> forbidden = api.send("POST", "/api/party-posts", post(pointA), staffB, false);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(forbidden).get("message").asText()).contains("网格员");
    }

    @Test
    void partyPostsAreWrittenByTheGridsStaffAndAppearOnTheMap() throws Exception {
        api.expect(403, "POST", "/api/party-posts", post(pointA), staffB);
        JsonNode p = api.expect(201, "POST", "/api/party-posts", post(pointA), staffA);
        assertThat(p.get("point").get("grid").asText()).isEqualTo(gridCode(gridA));
        long id = p.get("id").asLong();
        assertThat(api.get("/api/party-posts?grid=" + gridCode(gridA)).get("posts").findValuesAsText("title")).contains("测试先锋岗");
        JsonNode item = api.get("/ogc/collections/party-posts/items/" + id);
        assertThat(item.get("properties").get("title").asText()).isEqualTo("测试先锋岗");
        assertThat(item.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(p.get("point").get("lon").asDouble());
        // the tile holding the point shows the new post at once (the tile was cached before the write)
        double lon = p.get("point").get("lon").asDouble(), lat = p.get("point").get("lat").asDouble();
        String tile = tilePath("party-posts", lon, lat, 15);
        int before = featureCount(tile, "party-posts");
        long id2 = api.expect(201, "POST", "/api/party-posts", post(pointA), admin).get("id").asLong();
        waitForTile(tile, "party-posts", before + 1);
        api.expect(403, "DELETE", "/api/party-posts/" + id2, null, staffB);
        api.expect(204, "DELETE", "/api/party-posts/" + id2, null, staffA);
        api.expect(404, "DELETE", "/api/party-posts/" + id2, null, admin);
        waitForTile(tile, "party-posts", before);
    }

    @Test
    void firmsStandInIndustrialParkGridsAndTheirStaffKeepTheOffers() throws Exception {
        double[] inPark = place("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids WHERE id = " + park + ") x");
        double[] inRural = place("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids WHERE id = " + gridA + ") x");
        JsonNode notPark = api.expect(422, "POST", "/api/firms", firm(inRural), admin);
        assertThat(notPark.get("error").asText()).isEqualTo("not_in_a_park");
        api.expect(403, "POST", "/api/firms", firm(inPark), staffA);
        JsonNode f = api.expect(201, "POST", "/api/firms", firm(inPark), staffPark);
        assertThat(f.get("grid").asText()).isEqualTo(parkCode);
        long id = f.get("id").asLong();
        String offer = "{\"kind\":\"training\",\"title\":\"焊工培训\",\"openings\":12,\"until\":\"2027-01-31\"}";
        api.expect(403, "POST", "/api/firms/" + id + "/offers", offer, staffA);
        api.expect(422, "POST", "/api/firms/" + id + "/offers", "{\"kind\":\"gig\",\"title\":\"x\",\"openings\":0}", staffPark);
        long o = api.expect(201, "POST", "/api/firms/" + id + "/offers", offer, staffPark).get("id").asLong();
        JsonNode trainings = api.get("/api/firms?kind=training&grid=" + parkCode).get("firms");
        assertThat(find(trainings, id).get("offers").findValuesAsText("title")).containsExactly("焊工培训");
        assertThat(api.get("/ogc/collections/firms/items/" + id).get("properties").get("trainings").asInt()).isEqualTo(1);
        api.expect(204, "DELETE", "/api/firms/" + id + "/offers/" + o, null, staffPark);
        assertThat(api.get("/api/firms/" + id).get("offers").size()).isZero();
        api.expect(404, "DELETE", "/api/firms/" + id + "/offers/" + o, null, staffPark);
    }

    @Test
    void theLayersListEveryRowWithoutNames() throws Exception {
        assertThat(api.get("/ogc/collections/volunteers/items?limit=1").get("numberMatched").asLong())
                .isEqualTo(api.one("SELECT count(*) FROM volunteers"));
        assertThat(api.get("/ogc/collections/party-posts/items?limit=1").get("numberMatched").asLong())
                .isEqualTo(api.one("SELECT count(*) FROM party_posts"));
        JsonNode v = api.get("/ogc/collections/volunteers/items?limit=50");
        for (JsonNode f : v.get("features")) {
            assertThat(f.get("properties").fieldNames()).toIterable().containsExactlyInAnyOrder("skills", "point", "grid", "village");
        }
    }

    // ---- bodies and look-ups

    static String volunteer(long point, String skills, boolean consent) {
        return "{\"facility_id\":" + point + ",\"surname\":\"测试\",\"given_name\":\"志愿\",\"phone\":\"13800001111\",\"skills\":"
                + skills + ",\"public_name\":" + consent + "}";
    }

    static String withVersion(String body, long version) { return body.substring(0, body.length() - 1) + ",\"version\":" + version + "}"; }

    static String post(long point) {
        return "{\"facility_id\":" + point + ",\"title\":\"测试先锋岗\",\"party_group\":\"第一党小组\",\"member_name\":\"建国 王.\","
                + "\"hours\":\"每周二 9:00–11:30\"}";
    }

    static String firm(double[] p) {
        return "{\"name\":\"测试机械有限公司\",\"industry\":\"装备制造\",\"phone\":\"023-61234567\",\"position\":{\"lon\":" + p[0]
                + ",\"lat\":" + p[1] + "}}";
    }

    static String gridCode(long id) throws Exception { return api.text("SELECT code FROM grids WHERE id = " + id); }

    static double[] place(String sql) throws Exception {
        String[] xy = api.text("SELECT concat_ws(' ', x, y) FROM (" + sql.replaceFirst("SELECT ST_X\\(p\\), ST_Y\\(p\\)",
                "SELECT ST_X(p) AS x, ST_Y(p) AS y") + ") q").split(" ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    static JsonNode find(JsonNode list, long id) {
        for (JsonNode n : list) if (n.get("id").asLong() == id) return n;
        throw new AssertionError("no " + id + " in " + list);
    }

    static String tilePath(String set, double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return "/tiles/" + set + "/" + z + "/" + x + "/" + y + ".mvt";
    }

    static int featureCount(String tile, String layer) throws Exception {
        var r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(tile))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 204) return 0;
        assertThat(r.statusCode()).isEqualTo(200);
        var layers = MvtReader.read(r.body());
        return layers.containsKey(layer) ? layers.get(layer).features().size() : 0;
    }

    /** The change feed drops the tile after the commit; give it a moment. */
    static void waitForTile(String tile, String layer, int expected) throws Exception {
        int n = -1;
        for (int i = 0; i < 100 && n != expected; i++) {
            n = featureCount(tile, layer);
            if (n != expected) Thread.sleep(50);
        }
        assertThat(n).as(tile).isEqualTo(expected);
    }
}
