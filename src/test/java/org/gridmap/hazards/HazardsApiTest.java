package org.gridmap.hazards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HazardsApiTest {
    static TestServer server;
    static Client api;
    /** A spot inside the town, in a grid, for hazards that do not care where they are. */
    static double[] spot;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        api = new Client(server);
        spot = api.row("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY id LIMIT 1 OFFSET 10) g");
    }

    @AfterAll
    static void stop() { server.close(); }

    static JsonNode create(String name, double radius) throws Exception { return api.landslide(name, radius, spot); }

    static JsonNode patch(JsonNode hazard, String fields, int expectStatus) throws Exception {
        return api.patch(hazard, fields, expectStatus);
    }

    @Test
    void aMonitorPinsAHazardWithACodeItsGridsAndTheirMonitors() throws Exception {
        JsonNode h = create("测试滑坡", 80);
        assertThat(h.get("code").asText()).matches("HZ500107109000[0-9]{2,}");
        assertThat(api.count("SELECT count(*) FROM hazards WHERE code = '" + h.get("code").asText() + "'")).isEqualTo(1);
        assertThat(h.get("status").asText()).isEqualTo("reported");
        assertThat(h.get("version").asInt()).isEqualTo(1);
        assertThat(h.get("radius_m").asDouble()).isEqualTo(80);
        assertThat(h.get("allowedNextStatuses").toString()).contains("verified", "closed");
        String gridCode = api.text(String.format(Locale.ROOT,
                "SELECT code FROM grids WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(%f, %f), 4326))", spot[0], spot[1]));
        assertThat(h.get("grids").size()).isEqualTo(1);
        assertThat(h.get("grids").get(0).get("code").asText()).isEqualTo(gridCode);
        assertThat(h.get("town").get("code").asText()).isEqualTo("500107109000");
        assertThat(h.get("lastChange").get("by").asText()).isEqualTo("mo");

        // the demo hazards' grids each have a hazard monitor, and the hazard names them
        JsonNode demo = api.getOk("/api/hazards/HZ50010710900002");
        JsonNode monitors = demo.get("grids").get(0).get("monitors");
        assertThat(monitors.size()).isPositive();
        long gridId = demo.get("grids").get(0).get("id").asLong();
        assertThat(api.text("SELECT string_agg(name, ',') FROM staff WHERE role = 'hazard_monitor' AND grid_id = " + gridId))
                .contains(monitors.get(0).get("name").asText());
        assertThat(api.getOk("/api/hazards/" + demo.get("id").asLong()).get("code").asText()).isEqualTo("HZ50010710900002");
        api.expect(404, "GET", "/api/hazards/999999", null, null);
    }

    @Test
    void anonymousStaffAndPlannersCannotWriteHazards() throws Exception {
        long before = api.count("SELECT count(*) FROM hazards");
        String body = Client.hazard("x", "collapse", 10, Client.point(spot[0], spot[1]), false);
        assertThat(api.expect(401, "POST", "/api/hazards", body, null).get("error").asText()).isEqualTo("unauthorized");
        assertThat(api.expect(403, "POST", "/api/hazards", body, api.staff).get("message").asText()).contains("staff");
        api.expect(403, "POST", "/api/hazards", body, api.planner);
        long id = api.ids("SELECT id FROM hazards ORDER BY id LIMIT 1").get(0);
        api.expect(401, "PATCH", "/api/hazards/" + id, "{\"version\":1,\"name\":\"x\"}", null);
        api.expect(403, "PATCH", "/api/hazards/" + id, "{\"version\":1,\"name\":\"x\"}", api.staff);
        api.expect(401, "POST", "/api/hazards/" + id + "/inspections", "{\"observation\":\"x\"}", null);
        api.expect(403, "POST", "/api/hazards/" + id + "/inspections", "{\"observation\":\"x\"}", api.planner);
        assertThat(api.count("SELECT count(*) FROM hazards")).isEqualTo(before);
        // an admin passes every check
        api.expect(201, "POST", "/api/hazards", body, api.admin);
        // reads are public
        assertThat(api.getOk("/api/hazards").get("hazards").size()).isPositive();
    }

    @Test
    void badInputIsRefusedWithAReasonAndChangesNothing() throws Exception {
        long hazards = api.count("SELECT count(*) FROM hazards");
        long versions = api.count("SELECT count(*) FROM hazard_versions");
        String inside = Client.point(spot[0], spot[1]);
        record Case(String body, int status, String error, String says) { }
        List<Case> cases = List.of(
                new Case(Client.hazard("far", "landslide", 50, Client.point(106.6, 29.6), false), 422, "outside_town", "outside the town"),
                new Case(Client.hazard("neg", "landslide", -5, inside, false), 422, "invalid_hazard", "radius_m"),
                new Case(Client.hazard("big", "landslide", 6000, inside, false), 422, "invalid_hazard", "5000"),
                new Case(Client.hazard("typo", "volcano", 50, inside, false), 422, "invalid_hazard", "debris_flow"),
                new Case(Client.hazard("bowtie", "subsidence", 10, String.format(Locale.ROOT,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[%1$f,%2$f],[%3$f,%4$f],[%3$f,%2$f],[%1$f,%4$f],[%1$f,%2$f]]]}",
                        spot[0], spot[1], spot[0] + 0.001, spot[1] + 0.001), false), 422, "invalid_geometry", "Self-intersection"),
                new Case(Client.hazard("open", "subsidence", 10, String.format(Locale.ROOT,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[%1$f,%2$f],[%3$f,%2$f],[%3$f,%4$f]]]}",
                        spot[0], spot[1], spot[0] + 0.001, spot[1] + 0.001), false), 422, "invalid_geometry", "geometry"),
                new Case(Client.hazard("line", "ground_fissure", 10, String.format(Locale.ROOT,
                        "{\"type\":\"LineString\",\"coordinates\":[[%f,%f],[%f,%f]]}", spot[0], spot[1], spot[0] + 0.001, spot[1]),
                        false), 422, "invalid_geometry", "Point or a Polygon"),
                new Case(Client.hazard("mercator", "landslide", 10, "{\"type\":\"Point\",\"coordinates\":[11838000,3418000],"
                        + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}}}", false), 422, "unsupported_crs", "EPSG:3857"),
                new Case(Client.hazard("swapped", "landslide", 10, Client.point(spot[1], spot[0]), false), 422, "invalid_geometry",
                        "longitude, latitude"),
                new Case("{\"name\":\"nogeom\",\"type\":\"landslide\",\"radius_m\":10}", 422, "invalid_geometry", "missing"),
                new Case("{\"name\":\"\",\"type\":\"landslide\",\"radius_m\":\"ten\",\"geometry\":" + inside + "}", 422,
                        "invalid_hazard", "radius_m must be a number"),
                new Case("{\"name\":\"done\",\"type\":\"landslide\",\"radius_m\":10,\"status\":\"closed\",\"geometry\":" + inside + "}",
                        422, "invalid_hazard", "starts as"),
                new Case("{\"name\":\"x\",", 400, "bad_json", "JSON"));
        for (Case c : cases) {
            JsonNode error = api.expect(c.status(), "POST", "/api/hazards", c.body(), api.monitor);
            assertThat(error.get("error").asText()).as(c.body()).isEqualTo(c.error());
            assertThat(error.get("message").asText()).as(c.body()).contains(c.says());
        }
        assertThat(api.count("SELECT count(*) FROM hazards")).isEqualTo(hazards);
        assertThat(api.count("SELECT count(*) FROM hazard_versions")).isEqualTo(versions);

        // CGCS2000 is accepted as it is (it agrees with WGS84 to centimetres)
        JsonNode cgcs = api.expect(201, "POST", "/api/hazards", "{\"name\":\"cgcs\",\"type\":\"collapse\",\"radius_m\":0,"
                + "\"crs\":\"EPSG:4490\",\"geometry\":" + inside + "}", api.monitor);
        assertThat(cgcs.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(Math.round(spot[0] * 1e7) / 1e7);
    }

    @Test
    void theLifecycleIsFollowedAndNonsenseIsRefusedLeavingTheDatabaseUnchanged() throws Exception {
        JsonNode h = create("生命周期", 30);
        for (String next : List.of("verified", "monitoring", "mitigated")) {
            JsonNode was = h;
            h = patch(h, "\"status\":\"" + next + "\"", 200);
            assertThat(h.get("status").asText()).isEqualTo(next);
            assertThat(h.get("version").asInt()).isEqualTo(was.get("version").asInt() + 1);
        }
        // mitigated → reported makes no sense
        JsonNode refused = patch(h, "\"status\":\"reported\"", 422);
        assertThat(refused.get("error").asText()).isEqualTo("invalid_transition");
        assertThat(refused.get("message").asText()).contains("mitigated").contains("closed, monitoring");
        h = patch(h, "\"status\":\"closed\"", 200);
        assertThat(h.get("open").asBoolean()).isFalse();
        assertThat(h.get("allowedNextStatuses").size()).isZero();
        for (String back : List.of("reported", "verified", "monitoring", "mitigated")) {
            JsonNode no = patch(h, "\"status\":\"" + back + "\"", 422);
            assertThat(no.get("message").asText()).contains("closed is final");
        }
        long id = h.get("id").asLong();
        assertThat(api.text("SELECT status || ' ' || version FROM hazards WHERE id = " + id)).isEqualTo("closed 5");
        assertThat(api.count("SELECT count(*) FROM hazard_versions WHERE hazard_id = " + id)).isEqualTo(5);

        // a report can be closed at once as a false alarm; verified cannot skip to closed
        JsonNode alarm = create("误报", 10);
        assertThat(patch(alarm, "\"status\":\"closed\"", 200).get("status").asText()).isEqualTo("closed");
        JsonNode verified = patch(create("已核实", 10), "\"status\":\"verified\"", 200);
        patch(verified, "\"status\":\"closed\"", 422);

        // the database holds the rule for every client, psql included
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE hazards SET status = 'reported' WHERE id = " + id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("cannot go from closed to reported");
        }
        assertThat(api.text("SELECT status FROM hazards WHERE id = " + id)).isEqualTo("closed");
    }

    @Test
    void theJavaLifecycleEqualsTheDatabaseRule() throws Exception {
        for (String from : HazardVocabulary.STATUSES.keySet()) {
            String db = api.text("SELECT array_to_string(gridmap_hazard_next_statuses('" + from + "'), ',')");
            assertThat(db).as(from).isEqualTo(String.join(",", HazardVocabulary.nextStatuses(from)));
        }
    }

    @Test
    void aStaleVersionIsAConflictWithTheCurrentVersion() throws Exception {
        JsonNode h = create("并发", 40);
        JsonNode v2 = patch(h, "\"radius_m\":60", 200);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        JsonNode conflict = patch(h, "\"radius_m\":90", 409);   // still holding version 1
        assertThat(conflict.get("error").asText()).isEqualTo("version_conflict");
        assertThat(conflict.get("stale")).hasSize(1);
        assertThat(conflict.get("stale").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(conflict.get("message").asText()).contains("version 1", "version 2");
        assertThat(api.row("SELECT radius_m, version FROM hazards WHERE id = " + h.get("id").asLong())).containsExactly(60, 2);
        // without a version a change is refused outright
        api.expect(422, "PATCH", "/api/hazards/" + h.get("id").asLong(), "{\"radius_m\":90}", api.monitor);
        // a change may clear the grade and move the pin; the code stays
        JsonNode v3 = patch(v2, "\"grade\":\"small\",\"geometry\":" + Client.point(spot[0] + 0.0002, spot[1]), 200);
        JsonNode v4 = patch(v3, "\"grade\":null", 200);
        assertThat(v4.get("grade").isNull()).isTrue();
        assertThat(v4.get("code").asText()).isEqualTo(h.get("code").asText());
        assertThat(v4.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(Math.round((spot[0] + 0.0002) * 1e7) / 1e7);
        // moving it out of the town is refused
        JsonNode out = patch(v4, "\"geometry\":" + Client.point(106.6, 29.6), 422);
        assertThat(out.get("error").asText()).isEqualTo("outside_town");
    }

    @Test
    void historyAndInspectionsKeepWhoWhenAndWhat() throws Exception {
        JsonNode h = create("巡查", 50);
        long id = h.get("id").asLong();
        h = patch(h, "\"name\":\"巡查点\",\"grade\":\"small\"", 200);
        JsonNode inspected = api.expect(201, "POST", "/api/hazards/" + id + "/inspections",
                "{\"observation\":\"裂缝宽度增加到3厘米\",\"status\":\"verified\"}", api.monitor);
        assertThat(inspected.get("inspection").get("by").asText()).isEqualTo("mo");
        assertThat(inspected.get("inspection").get("statusBefore").asText()).isEqualTo("reported");
        assertThat(inspected.get("inspection").get("statusAfter").asText()).isEqualTo("verified");
        assertThat(inspected.get("hazard").get("status").asText()).isEqualTo("verified");
        assertThat(inspected.get("hazard").get("version").asInt()).isEqualTo(3);
        api.expect(201, "POST", "/api/hazards/" + id + "/inspections",
                "{\"observation\":\"无明显变化\",\"inspected_at\":\"2024-06-01T09:30:00+08:00\"}", api.admin);
        // an inspection cannot make a nonsense status change, and then records nothing
        JsonNode refused = api.expect(422, "POST", "/api/hazards/" + id + "/inspections",
                "{\"observation\":\"退回\",\"status\":\"reported\"}", api.monitor);
        assertThat(refused.get("message").asText()).contains("monitoring, mitigated");
        api.expect(422, "POST", "/api/hazards/" + id + "/inspections", "{\"observation\":\"  \"}", api.monitor);
        assertThat(api.count("SELECT count(*) FROM hazard_inspections WHERE hazard_id = " + id)).isEqualTo(2);

        api.expect(401, "GET", "/api/hazards/" + id + "/inspections", null, null);
        JsonNode log = api.expect(200, "GET", "/api/hazards/" + id + "/inspections", null, api.staff).get("inspections");
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.get(0).get("by").asText()).isEqualTo("mo");       // newest first
        assertThat(log.get(1).get("by").asText()).isEqualTo("ada");
        assertThat(log.get(1).get("inspectedAt").asText()).startsWith("2024-06-01T01:30");

        JsonNode versions = api.expect(200, "GET", "/api/hazards/" + id + "/history", null, api.monitor).get("versions");
        assertThat(versions.size()).isEqualTo(3);
        JsonNode first = versions.get(2), second = versions.get(1), third = versions.get(0);
        assertThat(first.get("action").asText()).isEqualTo("create");
        assertThat(first.get("by").asText()).isEqualTo("mo");
        assertThat(first.get("before").isNull()).isTrue();
        assertThat(second.get("action").asText()).isEqualTo("update");
        assertThat(second.get("before").get("name").asText()).isEqualTo("巡查");
        assertThat(second.get("after").get("name").asText()).isEqualTo("巡查点");
        assertThat(second.get("changed").toString()).contains("name", "grade").doesNotContain("radius_m");
        assertThat(third.get("action").asText()).isEqualTo("inspection");
        assertThat(third.get("after").get("status").asText()).isEqualTo("verified");
        assertThat(api.text("SELECT username FROM hazard_versions WHERE hazard_id = " + id + " AND version = 3")).isEqualTo("mo");
    }

    /**
     * The impact counts households whose distance on the ellipsoid (geography) is within the radius; an independent
     * count in EPSG:4544 (Gauss-Krüger, scale about 1.0002 here) agrees up to households within centimetres of the edge.
     */
    @Test
    void impactNumbersEqualAnIndependentCountInTheMetricCrs() throws Exception {
        JsonNode impact = api.getOk("/api/hazards/HZ50010710900006/impact");
        String zone = "(SELECT geom::geography g, radius_m r FROM hazards WHERE code = 'HZ50010710900006') z";
        double[] expected = api.row("SELECT count(*), coalesce(sum(members), 0) FROM households h, " + zone
                + " WHERE ST_DWithin(h.geom::geography, z.g, z.r)");
        assertThat(expected[0]).isPositive();
        assertThat(impact.get("households").asLong()).isEqualTo((long) expected[0]);
        assertThat(impact.get("people").asLong()).isEqualTo((long) expected[1]);
        assertMetricCount("SELECT geom, radius_m FROM hazards WHERE code = 'HZ50010710900006'", impact.get("households").asLong());
        assertThat(impact.get("householdList").size()).isEqualTo((int) expected[0]);
        assertThat(ids(impact.get("householdList"))).containsExactlyInAnyOrderElementsOf(api.ids("SELECT h.id FROM households h, "
                + zone + " WHERE ST_DWithin(h.geom::geography, z.g, z.r)"));
        assertThat(ids(impact.get("roads"))).containsExactlyInAnyOrderElementsOf(api.ids("SELECT r.id FROM roads r, " + zone
                + " WHERE ST_DWithin(r.geom::geography, z.g, z.r)"));
        assertThat(ids(impact.get("facilities"))).containsExactlyInAnyOrderElementsOf(api.ids("SELECT f.id FROM facilities f, "
                + zone + " WHERE ST_DWithin(f.geom::geography, z.g, z.r)"));
        assertThat(ids(impact.get("grids"))).containsExactlyInAnyOrderElementsOf(api.ids("SELECT g.id FROM grids g, "
                + zone + " WHERE ST_DWithin(g.geom::geography, z.g, z.r)"));
        assertThat(impact.get("roads").size()).isPositive();
        assertThat(impact.get("suggestedGrade").asText()).isEqualTo(grade((long) expected[1]));
        assertThat(impact.get("grade").asText()).isEqualTo("medium");
        assertThat(impact.get("gradeMatches").asBoolean()).isEqualTo(grade((long) expected[1]).equals("medium"));
        long listedPeople = 0;
        for (JsonNode hh : impact.get("householdList")) listedPeople += hh.get("members").asLong();
        assertThat(listedPeople).isEqualTo((long) expected[1]);
        assertThat(impact.get("householdList").get(0).get("grid").asText()).hasSize(15);
        JsonNode grid = impact.get("grids").get(0);
        assertThat(grid.get("households").asLong()).isEqualTo(api.count("SELECT count(*) FROM households h, " + zone
                + " WHERE h.grid_id = " + grid.get("id").asLong() + " AND ST_DWithin(h.geom::geography, z.g, z.r)"));
        assertThat(impact.get("zone").get("geometry").get("type").asText()).isEqualTo("Polygon");
    }

    /** The count in EPSG:4544 with the radius 0.1 % smaller and larger brackets the impact's count. */
    static void assertMetricCount(String hazardSql, long households) throws Exception {
        String sql = "SELECT count(*) FILTER (WHERE ST_DWithin(ST_Transform(h.geom, 4544), ST_Transform(z.geom, 4544), z.radius_m * 0.999)), "
                + "count(*) FILTER (WHERE ST_DWithin(ST_Transform(h.geom, 4544), ST_Transform(z.geom, 4544), z.radius_m * 1.001)) "
                + "FROM households h, (" + hazardSql + ") z";
        double[] bracket = api.row(sql);
        assertThat(households).isBetween((long) bracket[0], (long) bracket[1]);
    }

    @Test
    void aDryRunShowsImpactAndSuggestedGradeOfAnUnsavedPolygonAndWritesNothing() throws Exception {
        // a polygon over the densest hamlet, buffered by 400 m: enough people for a higher grade
        double[] c = api.row("""
            SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Centroid(ST_Collect(geom)) c FROM households
              WHERE grid_id = (SELECT grid_id FROM households GROUP BY grid_id ORDER BY sum(members) DESC LIMIT 1)) x""");
        String polygon = String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%1$f,%2$f],[%3$f,%2$f],[%3$f,%4$f],[%1$f,%4$f],[%1$f,%2$f]]]}",
                c[0] - 0.0008, c[1] - 0.0006, c[0] + 0.0008, c[1] + 0.0006);
        long hazards = api.count("SELECT count(*) FROM hazards");
        JsonNode preview = api.expect(200, "POST", "/api/hazards/impact?households=5",
                Client.hazard("草稿", "debris_flow", 400, polygon, true), null);
        double[] expected = api.row("SELECT count(*), coalesce(sum(members), 0) FROM households h WHERE ST_DWithin("
                + "h.geom::geography, ST_GeomFromGeoJSON('" + polygon + "')::geography, 400)");
        assertMetricCount("SELECT ST_GeomFromGeoJSON('" + polygon + "') geom, 400 radius_m", preview.get("households").asLong());
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("households").asLong()).isEqualTo((long) expected[0]);
        assertThat(preview.get("people").asLong()).isEqualTo((long) expected[1]);
        assertThat(expected[1]).as("a dense place").isGreaterThanOrEqualTo(100);
        assertThat(preview.get("suggestedGrade").asText()).isEqualTo(grade((long) expected[1])).isNotEqualTo("small");
        assertThat(preview.get("householdList").size()).isEqualTo(5);
        assertThat(preview.get("householdListTruncated").asBoolean()).isTrue();
        assertThat(preview.get("closesRoads").asBoolean()).isTrue();
        assertThat(preview.get("roads").size()).isPositive();
        assertThat(api.count("SELECT count(*) FROM hazards")).isEqualTo(hazards);
        assertThat(api.expect(422, "POST", "/api/hazards/impact", Client.hazard("x", "landslide", -1, polygon, false), null)
                .get("message").asText()).contains("radius_m");
    }

    @Test
    void theListFiltersByStatusTypeAndGrid() throws Exception {
        JsonNode monitoring = api.getOk("/api/hazards?status=monitoring");
        assertThat(monitoring.get("hazards").size()).isPositive();
        for (JsonNode h : monitoring.get("hazards")) assertThat(h.get("status").asText()).isEqualTo("monitoring");
        assertThat(monitoring.get("numberMatched").asLong())
                .isEqualTo(api.count("SELECT count(*) FROM hazards WHERE status = 'monitoring'"));
        JsonNode landslides = api.getOk("/api/hazards?type=landslide,collapse&zones=true");
        for (JsonNode h : landslides.get("hazards")) {
            assertThat(h.get("type").asText()).isIn("landslide", "collapse");
            assertThat(h.get("zone").get("type").asText()).isEqualTo("Polygon");
        }
        String grid = api.text("SELECT g.code FROM grids g JOIN hazards h ON ST_Intersects(g.geom, h.geom) "
                + "WHERE h.code = 'HZ50010710900003'");
        JsonNode inGrid = api.getOk("/api/hazards?grid=" + grid);
        assertThat(inGrid.get("hazards").findValuesAsText("code")).contains("HZ50010710900003");
        for (JsonNode h : inGrid.get("hazards")) assertThat(h.get("grids").findValuesAsText("code")).contains(grid);
        assertThat(api.getOk("/api/hazards?limit=2").get("hazards").size()).isEqualTo(2);
        api.expect(400, "GET", "/api/hazards?type=volcano", null, null);
        api.expect(400, "GET", "/api/hazards?limit=0", null, null);
        JsonNode vocabulary = api.getOk("/api/hazards/vocabulary");
        assertThat(vocabulary.get("types").size()).isEqualTo(6);
        assertThat(vocabulary.get("statuses").get(4).get("next").size()).isZero();
    }

    @Test
    void aMonitorLinkedToAGridSeesTheHazardsOfThatGrid() throws Exception {
        String code = "HZ50010710900007";
        long staffId = (long) api.row("SELECT s.id FROM staff s JOIN grids g ON g.id = s.grid_id JOIN hazards h "
                + "ON ST_Intersects(g.geom, h.geom) WHERE h.code = '" + code + "' AND s.role = 'hazard_monitor' ORDER BY s.id LIMIT 1")[0];
        long monitorId = (long) api.row("SELECT id FROM users WHERE username = 'mo'")[0];
        api.expect(401, "GET", "/api/monitors/me/hazards", null, null);
        assertThat(api.expect(200, "GET", "/api/monitors/me/hazards", null, api.monitor).get("hazards").size()).isZero();
        api.expect(200, "PATCH", "/api/staff/" + staffId, "{\"user_id\":" + monitorId + "}", api.admin);
        JsonNode mine = api.expect(200, "GET", "/api/monitors/me/hazards", null, api.monitor);
        assertThat(mine.get("grids").size()).isEqualTo(1);
        List<String> codes = new java.util.ArrayList<>();
        for (JsonNode h : mine.get("hazards")) codes.add(h.get("code").asText());
        assertThat(codes).contains(code);
        long expected = api.count("SELECT count(*) FROM hazards h JOIN grids g ON g.id = (SELECT grid_id FROM staff WHERE id = "
                + staffId + ") WHERE h.status <> 'closed' AND ST_DWithin(ST_Transform(h.geom, 4544), ST_Transform(g.geom, 4544), h.radius_m)");
        assertThat(codes).hasSize((int) expected);
        assertThat(mine.get("hazards").get(0).get("myGrids").get(0).asText()).isEqualTo(mine.get("grids").get(0).get("code").asText());
    }

    @Test
    void aNewHazardIsOnTheMapAtOnceAndDocumentedInOpenApi() throws Exception {
        int z = 16, n = 1 << z;
        double[] here = {spot[0] + 0.0003, spot[1] - 0.0002};
        int x = (int) Math.floor((here[0] + 180) / 360 * n);
        double r = Math.toRadians(here[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        String tile = "/tiles/hazards/" + z + "/" + x + "/" + y + ".mvt";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(tile))).build();
        java.net.http.HttpResponse<byte[]> before = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(before.statusCode()).isIn(200, 204);   // rendered and cached now
        JsonNode h = api.expect(201, "POST", "/api/hazards", Client.hazard("瓦片", "subsidence", 20,
                Client.point(here[0], here[1]), false), api.monitor);
        java.net.http.HttpResponse<byte[]> after = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(after.statusCode()).isEqualTo(200);
        List<String> codes = new java.util.ArrayList<>();
        for (var f : org.gridmap.testing.MvtReader.read(after.body()).get("hazards").features()) {
            codes.add(String.valueOf(f.properties().get("code")));
        }
        assertThat(codes).contains(h.get("code").asText());

        JsonNode openApi = api.getOk("/api/openapi.json").get("paths");
        for (String path : List.of("/api/hazards", "/api/hazards/{id}", "/api/hazards/{id}/impact", "/api/hazards/impact",
                "/api/hazards/{id}/inspections", "/api/hazards/{id}/history", "/api/monitors/me/hazards", "/api/grids/at",
                "/api/grids/{id}/staff", "/api/staff", "/api/staff/{id}")) {
            assertThat(openApi.has(path)).as(path).isTrue();
        }
        assertThat(openApi.get("/api/hazards/{id}").has("patch")).isTrue();
    }

    static List<Long> ids(JsonNode array) {
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode n : array) out.add(n.get("id").asLong());
        return out;
    }

    static String grade(long people) {
        return people >= 1000 ? "huge" : people >= 500 ? "large" : people >= 100 ? "medium" : "small";
    }
}
