package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/** Versions are exact 64-bit numbers, an edit that changes nothing moves no version, codes follow a point's village. */
class GridEditIntegrityTest {
    static final long BIG = 1L << 40;
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

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> edits(Map<String, Object> body) { return (List<Map<String, Object>>) body.get("edits"); }

    static Map<String, Object> withVersions(Map<String, Object> body, java.util.function.LongUnaryOperator version) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : edits(body)) {
            Map<String, Object> m = new LinkedHashMap<>(e);
            m.put("version", version.applyAsLong(((Number) e.get("version")).longValue()));
            out.add(m);
        }
        return Map.of("edits", out);
    }

    @Test
    void refusalsAreInChineseUnlessTheReaderAsksForEnglish() throws Exception {
        String empty = "{\"edits\": []}";
        HttpResponse<String> zh = server.send("POST", "/api/grids/edits", empty, "Authorization", "Bearer " + f.planner);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(GridEditFixture.json(zh).get("message").asText()).isEqualTo("编辑集为空：请发送 \"edits\" 和/或 \"facilities\"");
        HttpResponse<String> en = server.send("POST", "/api/grids/edits", empty, "Authorization", "Bearer " + f.planner,
                "Accept-Language", "en");
        assertThat(GridEditFixture.json(en).get("message").asText()).isEqualTo("The edit set is empty: send \"edits\" and/or \"facilities\"");
        assertThat(GridEditFixture.json(en).get("error").asText()).isEqualTo(GridEditFixture.json(zh).get("error").asText());

        // a version conflict, read without a language header: Chinese, with the grid's code in it
        long v = village("500107109207");
        Map<String, Object> body = f.moveSharedVertex(new Random(8), v);
        HttpResponse<String> conflict = f.post(f.planner, "/api/grids/edits", withVersions(body, x -> x + 1));
        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        JsonNode answer = GridEditFixture.json(conflict);
        String code = answer.get("stale").get(0).get("code").asText();
        assertThat(answer.get("message").asText()).contains(code, "已被他人修改");
    }

    @Test
    void versionsAreExactSixtyFourBitNumbersEndToEnd() throws Exception {
        long v = village("500107109204");
        Map<String, Object> body = f.moveSharedVertex(new Random(4), v);
        String before = f.fingerprint();
        // 2^40 + the real version: read as a 32-bit number it would be the real version and pass
        HttpResponse<String> wrapped = f.post(f.planner, "/api/grids/edits", withVersions(body, x -> BIG + x));
        assertThat(wrapped.statusCode()).as(wrapped.body()).isEqualTo(409);
        assertThat(GridEditFixture.json(wrapped).get("stale").get(0).get("yourVersion").asLong())
                .isEqualTo(BIG + ((Number) edits(body).get(0).get("version")).longValue());
        assertThat(f.fingerprint()).isEqualTo(before);
        for (Object bad : List.of(1.5, "1", List.of(1))) {
            Map<String, Object> e = new LinkedHashMap<>(edits(body).get(0));
            e.put("version", bad);
            HttpResponse<String> r = f.post(f.planner, "/api/grids/edits", Map.of("edits", List.of(e, edits(body).get(1))));
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
        }
        assertThat(f.fingerprint()).isEqualTo(before);

        // grids whose versions really are past 2^31: an edit with those versions passes and counts on exactly
        List<Long> ids = edits(body).stream().map(e -> ((Number) e.get("id")).longValue()).toList();
        try (var c = server.database().connection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE grids SET version = " + BIG + " WHERE id IN (" + ids.get(0) + ", " + ids.get(1) + ")");
        }
        HttpResponse<String> ok = f.post(f.planner, "/api/grids/edits", withVersions(body, x -> BIG));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        for (JsonNode g : GridEditFixture.json(ok).get("grids")) {
            if (ids.contains(g.get("id").asLong())) assertThat(g.get("version").asLong()).isEqualTo(BIG + 1);
        }
        long editId = GridEditFixture.json(ok).get("editId").asLong();
        assertThat(f.scalar("SELECT min(version) FROM grids WHERE id IN (" + ids.get(0) + ", " + ids.get(1) + ")")).isEqualTo(BIG + 1);
        assertThat(f.scalar("SELECT min(after_version) FROM edit_grids WHERE edit_id = " + editId
                + " AND grid_id IN (" + ids.get(0) + ", " + ids.get(1) + ")")).isEqualTo(BIG + 1);
        // the revert expects those versions and finds them
        HttpResponse<String> back = f.post(f.planner, "/api/edits/" + editId + "/revert", Map.of());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
        assertThat(f.scalar("SELECT min(version) FROM grids WHERE id IN (" + ids.get(0) + ", " + ids.get(1) + ")")).isEqualTo(BIG + 2);

        long point = f.scalar("SELECT id FROM facilities WHERE level = 'point' ORDER BY id LIMIT 1 OFFSET 40");
        long pv = f.scalar("SELECT version FROM facilities WHERE id = " + point);
        String beforeMove = f.fingerprint();
        HttpResponse<String> move = f.post(f.planner, "/api/facilities/" + point + "/move",
                Map.of("version", BIG + pv, "geometry", pointOnSurface("SELECT geom FROM facilities WHERE id = " + point)));
        assertThat(move.statusCode()).as(move.body()).isEqualTo(409);
        // a stale facility answers in the one conflict shape, the facility named by type
        JsonNode stale = GridEditFixture.json(move);
        assertThat(stale.get("error").asText()).isEqualTo("version_conflict");
        assertThat(stale.get("stale").get(0).get("type").asText()).isEqualTo("facility");
        assertThat(stale.get("stale").get(0).get("id").asLong()).isEqualTo(point);
        assertThat(stale.get("stale").get(0).get("version").asLong()).isEqualTo(pv);
        assertThat(stale.get("stale").get(0).get("yourVersion").asLong()).isEqualTo(BIG + pv);
        assertThat(f.fingerprint()).isEqualTo(beforeMove);
        f.assertInvariants();
    }

    @Test
    void anEditThatChangesNothingMovesNoVersionAndRecordsNothing() throws Exception {
        GridEditFixture.Grid g = f.grids("code = '500107109206004'").get(0);
        String before = f.fingerprint();
        HttpResponse<String> same = f.post(f.planner, "/api/grids/edits",
                Map.of("edits", List.of(GridEditFixture.edit(g.id(), g.version(), g.geom()))));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(422);
        assertThat(GridEditFixture.json(same).get("error").asText()).isEqualTo("no_change");
        assertThat(f.fingerprint()).as("versions and history as they were").isEqualTo(before);
        // the same rings written from another vertex, the other way round, are the same shape
        HttpResponse<String> rotated = f.post(f.planner, "/api/grids/edits",
                Map.of("edits", List.of(GridEditFixture.edit(g.id(), g.version(), rotate(g.geom())))));
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(422);
        assertThat(f.fingerprint()).isEqualTo(before);

        // in a set that does change other grids, the grid sent back as it is keeps its version
        long v = g.villageId();
        Map<String, Object> moved = f.moveSharedVertex(new Random(8), v);
        List<Long> movedIds = edits(moved).stream().map(e -> ((Number) e.get("id")).longValue()).toList();
        GridEditFixture.Grid far = f.grids("village_id = " + v + " AND NOT EXISTS (SELECT 1 FROM grids o WHERE o.id IN ("
                + movedIds.get(0) + ", " + movedIds.get(1) + ") AND ST_DWithin(o.geom, grids.geom, 1e-5))").get(0);
        List<Map<String, Object>> withFar = new ArrayList<>(edits(moved));
        withFar.add(GridEditFixture.edit(far.id(), far.version(), far.geom()));
        HttpResponse<String> mixed = f.post(f.planner, "/api/grids/edits", Map.of("edits", withFar));
        assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(201);
        assertThat(f.grid(far.id()).version()).isEqualTo(far.version());
        for (JsonNode gr : GridEditFixture.json(mixed).get("grids")) {
            if (gr.get("id").asLong() == far.id()) assertThat(gr.get("status").asText()).isEqualTo("unchanged");
        }
        assertThat(f.scalar("SELECT count(*) FROM edit_grids WHERE grid_id = " + far.id() + " AND after_version <> before_version")).isZero();

        // a facility moved to where it stands
        long point = f.scalar("SELECT id FROM facilities WHERE level = 'point' ORDER BY id LIMIT 1 OFFSET 7");
        String beforeMove = f.fingerprint();
        long pv = f.scalar("SELECT version FROM facilities WHERE id = " + point);
        HttpResponse<String> stay = f.post(f.planner, "/api/facilities/" + point + "/move", Map.of("geometry", here(point)));
        assertThat(stay.statusCode()).as(stay.body()).isEqualTo(422);
        assertThat(f.scalar("SELECT version FROM facilities WHERE id = " + point)).isEqualTo(pv);
        assertThat(f.fingerprint()).isEqualTo(beforeMove);

        // a split: the service points that stay in the part keeping the code keep their versions
        GridEditFixture.Grid split = f.grids("code = '500107109203002'").get(0);
        Map<Long, Long> pointVersions = new LinkedHashMap<>();
        try (var c = server.database().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT id, version FROM facilities WHERE grid_id = " + split.id())) {
            while (rs.next()) pointVersions.put(rs.getLong(1), rs.getLong(2));
        }
        HttpResponse<String> cut = f.post(f.planner, "/api/grids/" + split.id() + "/split", f.splitBody(split.id()));
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(201);
        int stayed = 0;
        for (Map.Entry<Long, Long> e : pointVersions.entrySet()) {
            if (f.scalar("SELECT grid_id FROM facilities WHERE id = " + e.getKey()) != split.id()) continue;
            stayed++;
            assertThat(f.scalar("SELECT version FROM facilities WHERE id = " + e.getKey())).as("facility " + e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(stayed).isPositive();
        f.assertInvariants();
    }

    @Test
    void aServicePointMovedIntoAnotherVillageTakesACodeOfItsNewGrid() throws Exception {
        long point = f.scalar("SELECT id FROM facilities WHERE level = 'point' ORDER BY id LIMIT 1 OFFSET 90");
        String oldCode = code(point);
        long oldGrid = f.scalar("SELECT grid_id FROM facilities WHERE id = " + point);
        long target = f.scalar("""
                SELECT g.id FROM grids g, facilities p, grids o WHERE p.id = %d AND o.id = p.grid_id AND g.village_id <> o.village_id
                ORDER BY g.geom <-> p.geom LIMIT 1""".formatted(point));
        String targetCode = f.grids("id = " + target).get(0).code();
        // the next number after every point code of the target grid (two digits, as the demo town numbers them)
        long maxNumber = f.scalar("SELECT coalesce(max(substr(code, 17)::int), 0) FROM facilities WHERE code LIKE '" + targetCode + "P%'");
        HttpResponse<String> r = f.post(f.planner, "/api/facilities/" + point + "/move",
                Map.of("geometry", pointOnSurface("SELECT geom FROM grids WHERE id = " + target)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String expected = targetCode + "P" + String.format("%02d", maxNumber + 1);
        assertThat(code(point)).isEqualTo(expected);
        assertThat(f.scalar("SELECT grid_id FROM facilities WHERE id = " + point)).isEqualTo(target);
        assertThat(GridEditFixture.json(r).get("facilities").get(0).get("after").get("code").asText()).isEqualTo(expected);
        assertThat(GridEditFixture.json(r).get("facilities").get(0).get("before").get("code").asText()).isEqualTo(oldCode);
        f.assertInvariants();

        // moved within its village into another grid, a point keeps its code (codes are stable, as in a split)
        long other = f.scalar("SELECT id FROM facilities WHERE level = 'point' ORDER BY id LIMIT 1 OFFSET 120");
        String otherCode = code(other);
        long sameVillageGrid = f.scalar("""
                SELECT g.id FROM grids g, facilities p, grids o WHERE p.id = %d AND o.id = p.grid_id
                AND g.village_id = o.village_id AND g.id <> o.id ORDER BY g.geom <-> p.geom LIMIT 1""".formatted(other));
        HttpResponse<String> within = f.post(f.planner, "/api/facilities/" + other + "/move",
                Map.of("geometry", pointOnSurface("SELECT geom FROM grids WHERE id = " + sameVillageGrid)));
        assertThat(within.statusCode()).as(within.body()).isEqualTo(201);
        assertThat(code(other)).isEqualTo(otherCode);
        assertThat(f.scalar("SELECT grid_id FROM facilities WHERE id = " + other)).isEqualTo(sameVillageGrid);

        // the revert gives the point back its old place, grid and code
        long editId = GridEditFixture.json(r).get("editId").asLong();
        HttpResponse<String> back = f.post(f.planner, "/api/edits/" + editId + "/revert", Map.of());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
        assertThat(code(point)).isEqualTo(oldCode);
        assertThat(f.scalar("SELECT grid_id FROM facilities WHERE id = " + point)).isEqualTo(oldGrid);
        f.assertInvariants();
    }

    @Test
    void aHazardInspectionWithAVersionBeyond32BitsIsRefusedNotReadAsAnother() throws Exception {
        long hazard = f.scalar("SELECT id FROM hazards WHERE status <> 'closed' ORDER BY id LIMIT 1");
        long version = f.scalar("SELECT version FROM hazards WHERE id = " + hazard);
        long inspections = f.scalar("SELECT count(*) FROM hazard_inspections WHERE hazard_id = " + hazard);
        HttpResponse<String> r = f.post(f.admin, "/api/hazards/" + hazard + "/inspections",
                Map.of("observation", "cracks unchanged", "version", BIG + version));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(f.scalar("SELECT count(*) FROM hazard_inspections WHERE hazard_id = " + hazard)).isEqualTo(inspections);
        HttpResponse<String> ok = f.post(f.admin, "/api/hazards/" + hazard + "/inspections",
                Map.of("observation", "cracks unchanged", "version", version));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }

    static String code(long facility) throws Exception {
        try (var c = server.database().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT code FROM facilities WHERE id = " + facility)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static Map<String, Object> here(long facility) throws Exception {
        try (var c = server.database().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE id = " + facility)) {
            rs.next();
            return Map.of("type", "Point", "coordinates", List.of(rs.getDouble(1), rs.getDouble(2)));
        }
    }

    /** A GeoJSON point on the surface of what {@code geomSql} selects. */
    static Map<String, Object> pointOnSurface(String geomSql) throws Exception {
        try (var c = server.database().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM (" + geomSql + ") x) y")) {
            rs.next();
            return Map.of("type", "Point", "coordinates", List.of(rs.getDouble(1), rs.getDouble(2)));
        }
    }

    /** The same polygons with every ring starting at another vertex and running the other way. */
    static MultiPolygon rotate(MultiPolygon m) {
        Polygon[] ps = new Polygon[m.getNumGeometries()];
        for (int i = 0; i < ps.length; i++) {
            Polygon p = (Polygon) m.getGeometryN(i);
            LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) holes[h] = rotate(p.getInteriorRingN(h));
            ps[i] = GeoJsonGeometry.GF.createPolygon(rotate(p.getExteriorRing()), holes);
        }
        return GeoJsonGeometry.GF.createMultiPolygon(ps);
    }

    static LinearRing rotate(LinearRing r) {
        List<Coordinate> cs = new ArrayList<>(List.of(r.getCoordinates()).subList(0, r.getNumPoints() - 1));
        Collections.rotate(cs, 3);
        Collections.reverse(cs);
        cs.add(cs.get(0));
        return GeoJsonGeometry.GF.createLinearRing(cs.toArray(Coordinate[]::new));
    }
}
