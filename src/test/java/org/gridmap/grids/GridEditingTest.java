package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridmap.rings.RingEngine;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

class GridEditingTest {
    static TestServer server;
    static GridEditFixture f;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        f = new GridEditFixture(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    static long village(String code) throws Exception { return f.scalar("SELECT id FROM villages WHERE code = '" + code + "'"); }

    @Test
    void randomSharedVertexMovesKeepTheTilingAndHouseholdAssignmentExact() throws Exception {
        Random rnd = new Random(3);
        String[] villages = {"500107109204", "500107109201", "500107109207"};
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = f.moveSharedVertex(rnd, village(villages[i % villages.length]));
            boolean dry = i % 3 == 0;
            body.put("dryRun", dry);
            String before = f.fingerprint();
            HttpResponse<String> r = f.post(f.planner, "/api/grids/edits", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(dry ? 200 : 201);
            JsonNode out = GridEditFixture.json(r);
            assertThat(out.get("grids").size()).isGreaterThanOrEqualTo(2);
            assertThat(out.get("compliance").size()).isEqualTo(4);
            if (dry) assertThat(f.fingerprint()).as("a dry run changes nothing").isEqualTo(before);
            else assertThat(out.get("editId").asLong()).isPositive();
            f.assertInvariants();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientRoundOffIsNotAnEdit() throws Exception {
        Map<String, Object> body = f.moveSharedVertex(new Random(77), village("500107109205"));
        // what a browser sends back: every coordinate a few nanodegrees off (7-decimal GeoJSON, float maths)
        Random noise = new Random(1);
        Map<String, double[]> jitter = new java.util.HashMap<>();   // the same vertex gets the same round-off everywhere
        for (Map<String, Object> e : (List<Map<String, Object>>) body.get("edits")) {
            Geometry g = new org.locationtech.jts.io.geojson.GeoJsonReader().read(e.get("geometry").toString());
            g.apply(new org.locationtech.jts.geom.CoordinateFilter() {
                @Override public void filter(Coordinate c) {
                    double[] d = jitter.computeIfAbsent(c.x + "," + c.y,
                            k -> new double[] {(noise.nextDouble() - 0.5) * 6e-8, (noise.nextDouble() - 0.5) * 6e-8});
                    c.x += d[0];
                    c.y += d[1];
                }
            });
            g.geometryChanged();
            org.locationtech.jts.io.geojson.GeoJsonWriter w = new org.locationtech.jts.io.geojson.GeoJsonWriter(12);
            w.setEncodeCRS(false);
            e.put("geometry", GridEditFixture.JSON.readTree(w.write(g)));
        }
        HttpResponse<String> r = f.post(f.planner, "/api/grids/edits", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        f.assertInvariants();
        // untouched vertices are stored exactly as before: every vertex of the edited grids is on the data's lattice
        // except none (the moved vertex was random, so allow exactly one off-lattice vertex per grid)
        for (JsonNode g : GridEditFixture.json(r).get("grids")) {
            GridEditFixture.Grid stored = f.grid(g.get("id").asLong());
            long off = java.util.Arrays.stream(stored.geom().getCoordinates())
                    .filter(c -> Math.abs(c.x * 1e7 - Math.rint(c.x * 1e7)) > 1e-3 || Math.abs(c.y * 1e7 - Math.rint(c.y * 1e7)) > 1e-3)
                    .map(c -> c.x + "," + c.y).distinct().count();
            assertThat(off).as("grid " + g.get("code").asText()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void splitKeepsTheCodeOnOnePartAndGivesTheNextSequenceToTheOther() throws Exception {
        GridEditFixture.Grid g = f.grids("code = '500107109205003'").get(0);
        long max = f.scalar("SELECT max(substr(code, 13)::int) FROM grids WHERE code LIKE '500107109205%'");
        Envelope e = g.geom().getEnvelopeInternal();
        Coordinate c = g.geom().getInteriorPoint().getCoordinate();
        Geometry line = GeoJsonGeometry.GF.createLineString(new Coordinate[] {
            new Coordinate(e.getMinX() - 0.001, c.y), new Coordinate(e.getMaxX() + 0.001, c.y + 0.0002)});
        HttpResponse<String> r = f.post(f.planner, "/api/grids/" + g.id() + "/split",
                Map.of("version", g.version(), "line", GeoJsonGeometry.toJson(line), "message", "split for the new estate"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode out = GridEditFixture.json(r);
        String newCode = null;
        for (JsonNode gr : out.get("grids")) if (gr.get("status").asText().equals("created")) newCode = gr.get("code").asText();
        assertThat(newCode).isEqualTo("500107109205" + String.format("%03d", max + 1));
        assertThat(f.scalar("SELECT count(*) FROM grids WHERE code = '500107109205003'")).isEqualTo(1);
        assertThat(f.scalar("SELECT count(*) FROM grids")).isEqualTo(118);
        f.assertInvariants();
        // and the split can be reverted exactly
        long editId = out.get("editId").asLong();
        HttpResponse<String> back = f.post(f.planner, "/api/edits/" + editId + "/revert", Map.of());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
        assertThat(f.scalar("SELECT count(*) FROM grids")).isEqualTo(117);
        assertThat(f.grid(g.id()).geom().equalsExact(g.geom())).isTrue();
        f.assertInvariants();
    }

    @Test
    void mergeThenRevertRestoresBothGridsExactly() throws Exception {
        List<GridEditFixture.Grid> gs = f.grids("village_id = (SELECT id FROM villages WHERE code = '500107109206')");
        GridEditFixture.Grid a = gs.get(0), b = null;
        for (GridEditFixture.Grid o : gs) {
            if (o.id() != a.id() && a.geom().intersection(o.geom()).getLength() > 0) {
                b = o;
                break;
            }
        }
        assertThat(b).isNotNull();
        String before = f.fingerprint();
        long errandsOfA = f.scalar("SELECT count(*) FROM errands WHERE grid_id = " + a.id());
        long errandsOfB = f.scalar("SELECT count(*) FROM errands WHERE grid_id = " + b.id());
        assertThat(errandsOfB).as("the demo year's errands, closed ones among them").isPositive();
        HttpResponse<String> r = f.post(f.planner, "/api/grids/merge",
                Map.of("grids", List.of(Map.of("id", a.id(), "version", a.version()), Map.of("id", b.id(), "version", b.version()))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(f.scalar("SELECT count(*) FROM grids WHERE id = " + b.id())).isZero();
        // the removed grid's errands, closed ones included, now belong to the grid that took its territory
        assertThat(f.scalar("SELECT count(*) FROM errands WHERE grid_id = " + a.id())).isEqualTo(errandsOfA + errandsOfB);
        f.assertInvariants();
        long editId = GridEditFixture.json(r).get("editId").asLong();
        HttpResponse<String> back = f.post(f.planner, "/api/edits/" + editId + "/revert", Map.of("message", "undo"));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
        assertThat(f.grid(a.id()).geom().equalsExact(a.geom())).isTrue();
        assertThat(f.grid(b.id()).geom().equalsExact(b.geom())).isTrue();
        assertThat(f.scalar("SELECT count(*) FROM grids WHERE id = " + b.id() + " AND code = '" + b.code() + "'")).isEqualTo(1);
        f.assertInvariants();
        // grids, facilities, households and staff are as before; only the versions moved on
        assertThat(f.scalar("SELECT count(*) FROM facilities WHERE grid_id = " + b.id())).isPositive();
        assertThat(f.scalar("SELECT count(*) FROM staff WHERE grid_id = " + b.id())).isGreaterThanOrEqualTo(5);
        assertThat(before).isNotEqualTo(f.fingerprint());
    }

    @Test
    void reshapeTakesTerritoryFromTheNeighbours() throws Exception {
        GridEditFixture.Grid g = f.grids("code = '500107109202004'").get(0);
        MultiPolygon bigger = GridRow.multi(g.geom().buffer(0.0004).intersection(villageGeom(g.villageId())));
        // keep the facilities of neighbours out of the grown part by growing only slightly
        HttpResponse<String> r = f.post(f.planner, "/api/grids/" + g.id() + "/reshape",
                Map.of("version", g.version(), "geometry", GeoJsonGeometry.toJson(bigger), "dryRun", true));
        if (r.statusCode() == 422) {
            // a neighbour's facility lies in the grown strip: the refusal must say so, and nothing changed
            assertThat(r.body()).contains("facility");
            return;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = GridEditFixture.json(r);
        assertThat(out.get("grids").size()).isGreaterThan(1);
        long grown = 0;
        for (JsonNode gr : out.get("grids")) {
            if (gr.get("id").asLong() == g.id()) grown = gr.get("areaAfterM2").asLong() - gr.get("areaBeforeM2").asLong();
        }
        assertThat(grown).isPositive();
    }

    static Geometry villageGeom(long id) throws Exception {
        try (var c = server.database().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT ST_AsBinary(geom) FROM villages WHERE id = " + id)) {
            rs.next();
            return new org.locationtech.jts.io.WKBReader().read(rs.getBytes(1));
        }
    }

    @Test
    void invalidEditsAreRefusedWithTheRightStatusAndChangeNothing() throws Exception {
        List<GridEditFixture.Grid> gs = f.grids("village_id = (SELECT id FROM villages WHERE code = '500107109208')");
        GridEditFixture.Grid g = gs.get(0);
        Envelope e = g.geom().getEnvelopeInternal();
        Map<String, Object> moved = f.moveSharedVertex(new Random(9), g.villageId());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pair = (List<Map<String, Object>>) moved.get("edits");

        Map<String, Object> onlyOne = Map.of("edits", List.of(pair.get(0)));   // moves a shared vertex in one grid: gap or overlap
        Geometry bowtie = GeoJsonGeometry.GF.createPolygon(new Coordinate[] {new Coordinate(e.getMinX(), e.getMinY()),
            new Coordinate(e.getMaxX(), e.getMaxY()), new Coordinate(e.getMaxX(), e.getMinY()), new Coordinate(e.getMinX(), e.getMaxY()),
            new Coordinate(e.getMinX(), e.getMinY())});
        Geometry withHole = g.geom().difference(g.geom().getInteriorPoint().buffer(0.0002));
        Geometry outside = g.geom().union(g.geom().getEnvelope().buffer(0.02));
        Map<String, Object> stale = new LinkedHashMap<>(pair.get(0));
        stale.put("version", 99);

        record Case(String what, String token, Object body, int status) { }
        List<Case> cases = List.of(
                new Case("self-intersection", f.planner, Map.of("edits", List.of(GridEditFixture.edit(g.id(), g.version(), bowtie))), 422),
                new Case("gap/overlap", f.planner, onlyOne, 422),
                new Case("hole", f.planner, Map.of("edits", List.of(GridEditFixture.edit(g.id(), g.version(), withHole))), 422),
                new Case("leaving the village", f.planner, Map.of("edits", List.of(GridEditFixture.edit(g.id(), g.version(), outside))), 422),
                new Case("stale version", f.planner, Map.of("edits", List.of(stale, pair.get(1))), 409),
                new Case("unknown id", f.planner, Map.of("edits", List.of(GridEditFixture.edit(987654, 1, g.geom()))), 404),
                new Case("wrong CRS", f.planner, "{\"crs\":\"EPSG:3857\",\"edits\":[" + GridEditFixture.JSON.writeValueAsString(pair.get(0)) + "]}", 422),
                new Case("broken JSON", f.planner, "{\"edits\": [", 400),
                new Case("wrong role", f.staff, moved, 403),
                new Case("not logged in", null, moved, 401));
        for (Case c : cases) {
            String before = f.fingerprint();
            HttpResponse<String> r = f.post(c.token(), "/api/grids/edits", c.body());
            assertThat(r.statusCode()).as(c.what() + ": " + r.body()).isEqualTo(c.status());
            JsonNode err = GridEditFixture.json(r);
            assertThat(err.get("error").asText()).as(c.what()).isNotBlank();
            assertThat(err.get("message").asText()).as(c.what()).isNotBlank();
            assertThat(f.fingerprint()).as(c.what() + " leaves the database unchanged").isEqualTo(before);
        }
        HttpResponse<String> gap = f.post(f.planner, "/api/grids/edits", onlyOne);
        assertThat(GridEditFixture.json(gap).get("problems").get(0).get("location").size()).isEqualTo(2);
        HttpResponse<String> conflict = f.post(f.planner, "/api/grids/edits", Map.of("edits", List.of(stale, pair.get(1))));
        JsonNode answer = GridEditFixture.json(conflict);
        assertThat(answer.get("error").asText()).isEqualTo("version_conflict");
        assertThat(answer.get("stale").get(0).get("type").asText()).isEqualTo("grid");
        assertThat(answer.get("stale").get(0).get("id").asLong()).isEqualTo(g.id());
        assertThat(answer.get("stale").get(0).get("version").asLong()).isEqualTo(g.version());
        assertThat(answer.has("current")).as("the old field is gone").isFalse();
    }

    @Test
    void twoConcurrentEditsOfOneGridExactlyOneWins() throws Exception {
        Map<String, Object> body = f.moveSharedVertex(new Random(21), village("500107109203"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 2; i++) tasks.add(() -> f.post(f.planner, "/api/grids/edits", body).statusCode());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> fu : pool.invokeAll(tasks)) statuses.add(fu.get());
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
        f.assertInvariants();
    }

    @Test
    void revertIsRefusedAfterALaterEditUnlessAnAdminForcesIt() throws Exception {
        long v = village("500107109001");
        HttpResponse<String> first = f.post(f.planner, "/api/grids/edits", f.moveSharedVertex(new Random(5), v));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long firstId = GridEditFixture.json(first).get("editId").asLong();
        List<Long> touched = new ArrayList<>();
        for (JsonNode g : GridEditFixture.json(first).get("grids")) touched.add(g.get("id").asLong());
        // a later edit of one of the same grids
        Map<String, Object> later;
        Random rnd = new Random(50);
        do {
            later = f.moveSharedVertex(rnd, v);
        } while (!touchesAny(later, touched));
        assertThat(f.post(f.planner, "/api/grids/edits", later).statusCode()).isEqualTo(201);
        HttpResponse<String> refused = f.post(f.planner, "/api/edits/" + firstId + "/revert", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(f.post(f.planner, "/api/edits/" + firstId + "/revert", Map.of("force", true)).statusCode()).isEqualTo(403);
        HttpResponse<String> forced = f.post(f.admin, "/api/edits/" + firstId + "/revert", Map.of("force", true));
        // forcing passes over the later edit, never over the coverage check: the later edit moved the same shared
        // vertex, so putting back the old shapes of only the first edit's grids would open a gap, and is refused
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(422);
        assertThat(GridEditFixture.json(forced).get("error").asText()).isEqualTo("invariant_broken");
        f.assertInvariants();

        JsonNode log = GridEditFixture.json(server.get("/api/edits", "Authorization", "Bearer " + f.planner));
        assertThat(log.get("edits").size()).isGreaterThanOrEqualTo(2);
        JsonNode hist = GridEditFixture.json(server.get("/api/grids/" + touched.get(0) + "/history", "Authorization", "Bearer " + f.planner));
        assertThat(hist.get("edits").size()).isGreaterThanOrEqualTo(1);
        JsonNode entry = hist.get("edits").get(hist.get("edits").size() - 1);
        assertThat(entry.get("user").asText()).isEqualTo("plan");
        assertThat(entry.get("grid").get("before").get("type").asText()).isEqualTo("MultiPolygon");
        assertThat(entry.get("grid").get("after").get("type").asText()).isEqualTo("MultiPolygon");
        assertThat(server.get("/api/edits").statusCode()).isEqualTo(401);
        // each entry of a grid's history carries the same before and after as the edit set itself reports
        for (JsonNode e : hist.get("edits")) {
            JsonNode set = GridEditFixture.json(server.get("/api/edits/" + e.get("id").asLong(), "Authorization", "Bearer " + f.planner));
            JsonNode same = null;
            for (JsonNode g : set.get("grids")) if (g.get("id").asLong() == touched.get(0)) same = g;
            assertThat(e.get("grid")).as("edit " + e.get("id")).isEqualTo(same);
            assertThat(e.get("kind")).isEqualTo(set.get("kind"));
        }
    }

    @Test
    void aGridsHistoryIsReadInOneStatement() throws Exception {
        long v = village("500107109206");
        Map<Long, Integer> edited = new java.util.HashMap<>();
        Random rnd = new Random(66);
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = f.post(f.planner, "/api/grids/edits", f.moveSharedVertex(rnd, v));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            for (JsonNode g : GridEditFixture.json(r).get("grids")) edited.merge(g.get("id").asLong(), 1, Integer::sum);
        }
        long grid = edited.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(edited.get(grid)).as("edits of the grid").isGreaterThanOrEqualTo(2);
        java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
        List<Map<String, Object>> entries = new EditHistory(GridEditFixture.counting(server.database().dataSource(), statements)).ofGrid(grid, 200);
        assertThat(entries).hasSizeGreaterThanOrEqualTo(edited.get(grid));
        assertThat(statements.get()).as("statements for " + entries.size() + " edits").isEqualTo(1);
        JsonNode http = GridEditFixture.json(server.get("/api/grids/" + grid + "/history", "Authorization", "Bearer " + f.planner));
        // the same answer over HTTP (as text: the parsed numbers' node types differ, not their values)
        assertThat(http.get("edits").toString()).isEqualTo(GridEditFixture.JSON.writeValueAsString(entries));
    }

    @Test
    void oneEditRebuildsTheRingsOnce() throws Exception {
        RingEngine rings = server.app().rings();
        long quiet = settled(rings);
        long towns = rings.townRefreshes();
        Map<String, Object> body = f.moveSharedVertex(new Random(77), village("500107109205"));
        body.put("dryRun", true);
        assertThat(f.post(f.planner, "/api/grids/edits", body).statusCode()).isEqualTo(200);
        assertThat(settled(rings)).as("a dry run rebuilds nothing").isEqualTo(quiet);
        assertThat(rings.townRefreshes()).isEqualTo(towns);
        body.put("dryRun", false);
        HttpResponse<String> r = f.post(f.planner, "/api/grids/edits", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        // the change feed's announcements of the edit (and the debounce after them) have long arrived by then: the
        // edit's town is recomputed once, from its own rows, and the whole town model is never read again
        assertThat(settled(rings)).as("full rebuilds for one edit").isEqualTo(quiet);
        assertThat(rings.townRefreshes()).as("towns recomputed for one edit").isEqualTo(towns + 1);
        assertThat(GridEditFixture.json(r).get("complianceOf").get("scope").asText()).isEqualTo("towns");
        assertThat(GridEditFixture.json(r).get("complianceOf").get("towns").size()).isEqualTo(1);
    }

    /** The rebuild count once it has not moved for two seconds. */
    static long settled(RingEngine rings) throws InterruptedException {
        long n = rings.townRebuilds();
        for (int still = 0; still < 20; still++) {
            Thread.sleep(100);
            long now = rings.townRebuilds();
            if (now != n) {
                n = now;
                still = -1;
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static boolean touchesAny(Map<String, Object> body, List<Long> ids) {
        for (Map<String, Object> e : (List<Map<String, Object>>) body.get("edits")) if (ids.contains(((Number) e.get("id")).longValue())) return true;
        return false;
    }

    @Test
    void movingAServicePointReassignsItAndPreviewsTheRings() throws Exception {
        long pointId = f.scalar("SELECT id FROM facilities WHERE level = 'point' ORDER BY id LIMIT 1 OFFSET 20");
        long otherGrid = f.scalar("""
            SELECT g.id FROM grids g, facilities f WHERE f.id = %d AND g.id <> f.grid_id
            ORDER BY g.geom <-> f.geom LIMIT 1""".formatted(pointId));
        JsonNode target = GridEditFixture.json(server.get("/ogc/collections/grids/items/" + otherGrid));
        String where = "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids WHERE id = " + otherGrid + ") x";
        double[] xy = new double[2];
        try (var c = server.database().connection(); var s = c.createStatement(); var rs = s.executeQuery(where)) {
            rs.next();
            xy[0] = rs.getDouble(1);
            xy[1] = rs.getDouble(2);
        }
        HttpResponse<String> r = f.post(f.planner, "/api/facilities/" + pointId + "/move",
                Map.of("geometry", Map.of("type", "Point", "coordinates", List.of(xy[0], xy[1]))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode out = GridEditFixture.json(r);
        assertThat(out.get("facilities").get(0).get("after").get("gridId").asLong()).isEqualTo(otherGrid);
        assertThat(out.get("compliance").get(0).get("before").get("origins").asLong()).isPositive();
        assertThat(target.get("properties").get("code").asText()).isEqualTo(out.get("facilities").get(0).get("after").get("gridCode").asText());
        f.assertInvariants();
        long hub = f.scalar("SELECT id FROM facilities WHERE level = 'grid' ORDER BY id LIMIT 1");
        String before = f.fingerprint();
        HttpResponse<String> hubOut = f.post(f.planner, "/api/facilities/" + hub + "/move",
                Map.of("geometry", Map.of("type", "Point", "coordinates", List.of(xy[0], xy[1]))));
        assertThat(hubOut.statusCode()).as(hubOut.body()).isEqualTo(422);
        assertThat(f.fingerprint()).isEqualTo(before);
    }
}
