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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Edit sets sent at the same moment, over real HTTP: two threads released together by a barrier, many rounds so
 * that the interleavings that lose data get their chance. Writers of the same grids get one success and 409s.
 */
class GridConcurrencyTest {
    static final String[] VILLAGES = {"500107109201", "500107109202", "500107109203", "500107109204", "500107109205",
        "500107109206", "500107109207", "500107109208", "500107109001"};
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

    /** Both calls start at the same instant; answers in call order. */
    static List<HttpResponse<String>> race(Callable<HttpResponse<String>> a, Callable<HttpResponse<String>> b) throws Exception {
        CyclicBarrier go = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<HttpResponse<String>>> fs = new ArrayList<>();
            for (Callable<HttpResponse<String>> call : List.of(a, b)) {
                fs.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            return List.of(fs.get(0).get(120, TimeUnit.SECONDS), fs.get(1).get(120, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Integer> statuses(List<HttpResponse<String>> rs) {
        return rs.stream().map(HttpResponse::statusCode).toList();
    }

    static Map<Long, MultiPolygon> shapes(long villageId) throws Exception {
        Map<Long, MultiPolygon> out = new LinkedHashMap<>();
        for (GridEditFixture.Grid g : f.grids("village_id = " + villageId)) out.put(g.id(), g.geom());
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<Long, Geometry> sent(Map<String, Object> body) throws Exception {
        Map<Long, Geometry> out = new LinkedHashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) body.get("edits")) {
            out.put(((Number) e.get("id")).longValue(),
                    new org.locationtech.jts.io.geojson.GeoJsonReader().read(GridEditFixture.JSON.writeValueAsString(e.get("geometry"))));
        }
        return out;
    }

    static void assertShape(long gridId, Geometry expected, String what) throws Exception {
        Geometry stored = f.grid(gridId).geom();
        assertThat(stored.equalsTopo(expected)).as(what + ": grid " + gridId + " is " + stored + ", expected " + expected).isTrue();
    }

    @Test
    void twoRevertsOfOneEditExactlyOneWins() throws Exception {
        Random rnd = new Random(11);
        for (int round = 0; round < 12; round++) {
            long v = village(VILLAGES[round % VILLAGES.length]);
            Map<Long, MultiPolygon> before = shapes(v);
            HttpResponse<String> edit = f.post(f.planner, "/api/grids/edits", f.moveSharedVertex(rnd, v));
            assertThat(edit.statusCode()).as(edit.body()).isEqualTo(201);
            long editId = GridEditFixture.json(edit).get("editId").asLong();
            List<HttpResponse<String>> answers = race(
                    () -> f.post(f.planner, "/api/edits/" + editId + "/revert", Map.of()),
                    () -> f.post(f.planner, "/api/edits/" + editId + "/revert", Map.of()));
            assertThat(statuses(answers)).as("round " + round + ": " + answers.get(0).body() + " / " + answers.get(1).body())
                    .containsExactlyInAnyOrder(201, 409);
            HttpResponse<String> loser = answers.get(0).statusCode() == 409 ? answers.get(0) : answers.get(1);
            assertThat(GridEditFixture.json(loser).get("error").asText()).isEqualTo("already_reverted");
            assertThat(f.scalar("SELECT count(*) FROM edit_sets WHERE reverts = " + editId)).as("one revert recorded").isEqualTo(1);
            for (JsonNode g : GridEditFixture.json(edit).get("grids")) {
                assertShape(g.get("id").asLong(), before.get(g.get("id").asLong()), "round " + round + " reverted");
            }
        }
        f.assertInvariants();
    }

    @Test
    void aRevertRacingANewEditOfTheSameGridsNeverUndoesItSilently() throws Exception {
        Random rnd = new Random(29);
        int revertsWon = 0, editsWon = 0;
        for (int round = 0; round < 12; round++) {
            long v = village(VILLAGES[round % VILLAGES.length]);
            Map<Long, MultiPolygon> beforeFirst = shapes(v);
            HttpResponse<String> first = f.post(f.planner, "/api/grids/edits", f.moveSharedVertex(rnd, v));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            long firstId = GridEditFixture.json(first).get("editId").asLong();
            List<Long> touched = new ArrayList<>();
            for (JsonNode g : GridEditFixture.json(first).get("grids")) touched.add(g.get("id").asLong());
            Map<Long, MultiPolygon> afterFirst = shapes(v);
            Map<String, Object> second;
            do {
                second = f.moveSharedVertex(rnd, v);
            } while (!GridEditingTest.touchesAny(second, touched));
            Map<String, Object> secondBody = second;
            Map<Long, Geometry> secondShapes = sent(second);

            List<HttpResponse<String>> answers = race(
                    () -> f.post(f.planner, "/api/edits/" + firstId + "/revert", Map.of()),
                    () -> f.post(f.planner, "/api/grids/edits", secondBody));
            assertThat(statuses(answers)).as("round " + round + ": " + answers.get(0).body() + " / " + answers.get(1).body())
                    .containsExactlyInAnyOrder(201, 409);
            boolean revertWon = answers.get(0).statusCode() == 201;
            if (revertWon) {
                revertsWon++;
                // the first edit is undone exactly, and the grids only the second edit named are as the first left them
                for (Long id : touched) assertShape(id, beforeFirst.get(id), "round " + round + " revert won");
                for (Long id : secondShapes.keySet()) {
                    if (!touched.contains(id)) assertShape(id, afterFirst.get(id), "round " + round + " revert won");
                }
            } else {
                editsWon++;
                // the new edit stands as sent, the first edit's other grids stay as it left them
                for (Map.Entry<Long, Geometry> e : secondShapes.entrySet()) assertShape(e.getKey(), e.getValue(), "round " + round + " edit won");
                for (Long id : touched) {
                    if (!secondShapes.containsKey(id)) assertShape(id, afterFirst.get(id), "round " + round + " edit won");
                }
                assertThat(f.scalar("SELECT count(*) FROM edit_sets WHERE reverts = " + firstId)).isZero();
            }
        }
        assertThat(revertsWon + editsWon).isEqualTo(12);
        f.assertInvariants();
    }

    @Test
    void concurrentSplitsInOneVillageGetDistinctNeverUsedCodes() throws Exception {
        List<long[]> pairs = farApartGrids();
        assertThat(pairs.size()).as("villages with two grids far apart").isGreaterThanOrEqualTo(6);
        for (int round = 0; round < 12; round++) {
            long[] pair = pairs.get(round % pairs.size());
            GridEditFixture.Grid ga = f.grid(pair[0]);
            long v = ga.villageId();
            String villageCode = ga.code().substring(0, 12);
            // the village's next never-used numbers, from the grids and the whole history
            long max = f.scalar("SELECT max(substr(code, 13)::int) FROM (SELECT code FROM grids WHERE village_id = " + v
                    + " UNION ALL SELECT code FROM edit_grids WHERE village_id = " + v + ") x");
            Map<String, Object> a = f.splitBody(pair[0]), b = f.splitBody(pair[1]);
            List<HttpResponse<String>> answers = race(
                    () -> f.post(f.planner, "/api/grids/" + pair[0] + "/split", a),
                    () -> f.post(f.planner, "/api/grids/" + pair[1] + "/split", b));
            assertThat(statuses(answers)).as("round " + round + ": " + answers.get(0).body() + " / " + answers.get(1).body())
                    .containsExactly(201, 201);
            List<String> codes = new ArrayList<>();
            for (HttpResponse<String> r : answers) {
                for (JsonNode g : GridEditFixture.json(r).get("grids")) {
                    if (g.get("status").asText().equals("created")) codes.add(g.get("code").asText());
                }
            }
            assertThat(codes).containsExactlyInAnyOrder(villageCode + String.format("%03d", max + 1),
                    villageCode + String.format("%03d", max + 2));
            f.assertInvariants();
            // put the village back, so the next round splits full-size grids
            for (int i = 1; i >= 0; i--) {
                long id = GridEditFixture.json(answers.get(i)).get("editId").asLong();
                HttpResponse<String> back = f.post(f.planner, "/api/edits/" + id + "/revert", Map.of());
                assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
            }
        }
        f.assertInvariants();
    }

    /**
     * Per village, two grids that neither touch nor share a neighbour (in any village): their splits have only
     * the village in common.
     */
    static List<long[]> farApartGrids() throws Exception {
        List<long[]> out = new ArrayList<>();
        try (var c = server.database().connection(); var s = c.createStatement(); var rs = s.executeQuery("""
                SELECT DISTINCT ON (a.village_id) a.id, b.id FROM grids a JOIN grids b ON b.village_id = a.village_id AND a.id < b.id
                WHERE NOT ST_DWithin(a.geom, b.geom, 1e-5)
                  AND NOT EXISTS (SELECT 1 FROM grids n WHERE ST_DWithin(n.geom, a.geom, 1e-5) AND ST_DWithin(n.geom, b.geom, 1e-5))
                ORDER BY a.village_id, a.id, b.id""")) {
            while (rs.next()) out.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
        return out;
    }
}
