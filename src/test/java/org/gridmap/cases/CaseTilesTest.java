package org.gridmap.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gridmap.testing.MvtReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The open cases as vector tiles for staff, decoded by the test's own MVT reader: a grid's staff see their grids'
 * cases (and, leading a grid, their village's), an admin all, staff of another village none of these, anonymous
 * readers 401. Expected sets come from plain SQL on cases, staff and the tile's envelope.
 */
class CaseTilesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static WorkTown town;
    static long openA, resolvedA, openB;
    static int[] tile;

    @BeforeAll
    static void start() throws Exception {
        town = new WorkTown(Instant.parse("2026-11-10T02:00:00Z"));
        long visit = town.visit(town.household(town.gridA, 1), town.leaderA);
        openA = open(visit, "opinion", town.leaderA);
        resolvedA = open(visit, "safety", town.leaderA);
        town.expect(200, "POST", "/api/cases/" + resolvedA + "/status", "{\"status\":\"resolved\",\"version\":1}", town.leaderA);
        openB = open(town.visit(town.household(town.gridB, 1), town.leaderB), "opinion", town.leaderB);
        double[] p = new double[2];
        try (Connection c = town.server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(position), ST_Y(position) FROM cases WHERE id = " + openA)) {
            rs.next();
            p[0] = rs.getDouble(1);
            p[1] = rs.getDouble(2);
        }
        int n = 1 << 14;
        double r = Math.toRadians(p[1]);
        tile = new int[] {14, (int) Math.floor((p[0] + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n)};
    }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void eachReaderSeesTheOpenCasesOfTheirScopeInTheTile() throws Exception {
        String path = path(tile);
        Map<Long, MvtReader.Feature> la = features(fetch(path, town.leaderA, 200));
        assertThat(la.keySet()).contains(openA).doesNotContain(resolvedA)
                .isEqualTo(bySql("k.grid_id IN (SELECT grid_id FROM staff WHERE user_id = (SELECT id FROM users WHERE username = 'la')) "
                        + "OR k.village_id IN (SELECT g.village_id FROM staff s JOIN grids g ON g.id = s.grid_id WHERE s.role = 'grid_leader' "
                        + "AND s.user_id = (SELECT id FROM users WHERE username = 'la'))"));
        Map<String, Object> props = la.get(openA).properties();
        assertThat(props).containsEntry("kind", "opinion").containsEntry("status", "open").containsEntry("grid", town.codeA)
                .containsEntry("village", town.villageCodeA).containsKeys("title", "urgent", "overdue", "due").doesNotContainKey("parties");
        assertThat(props.get("overdue")).isEqualTo(false);
        assertThat(features(fetch(path, town.admin, 200)).keySet()).isEqualTo(bySql("true"));
        TreeSet<Long> x = bySql("k.grid_id = " + town.gridX + " OR k.village_id = (SELECT village_id FROM grids WHERE id = " + town.gridX + ")");
        HttpResponse<byte[]> other = fetch(path, town.staffX, x.isEmpty() ? 204 : 200);
        assertThat(features(other).keySet()).isEqualTo(x).doesNotContain(openA, openB);
    }

    @Test
    void anonymousReadersAndBadAddressesAreRefused() throws Exception {
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(town.server.url(path(tile)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("请先登录");
        fetch("/api/cases/map/tiles/14/" + tile[1] + "/" + tile[2] + ".png", town.leaderA, 404);
        fetch("/api/cases/map/tiles/40/0/0.mvt", town.leaderA, 400);
        fetch(path(tile) + "?colour=red", town.leaderA, 400);
    }

    static String path(int[] t) { return "/api/cases/map/tiles/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt"; }

    /** Open cases in the tile (with its 64/4096 buffer) for which {@code scope} holds, straight from the tables. */
    static TreeSet<Long> bySql(String scope) throws Exception {
        TreeSet<Long> out = new TreeSet<>();
        try (Connection c = town.server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT k.id FROM cases k WHERE k.status IN ('open', 'in_progress') AND ST_Intersects(ST_Transform(k.position, 3857), "
                + "ST_TileEnvelope(" + tile[0] + ", " + tile[1] + ", " + tile[2] + ", margin => 64.0 / 4096)) AND (" + scope + ")")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    static Map<Long, MvtReader.Feature> features(HttpResponse<byte[]> r) {
        Map<Long, MvtReader.Feature> out = new TreeMap<>();
        if (r.statusCode() == 204) return out;
        for (MvtReader.Feature f : MvtReader.read(r.body()).get("cases").features()) out.put(f.id(), f);
        return out;
    }

    static HttpResponse<byte[]> fetch(String path, String token, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(town.server.url(path))).header("Accept-Language", "en");
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path + " → " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(status);
        return r;
    }

    static long open(long visit, String kind, String token) throws Exception {
        return town.expect(201, "POST", "/api/cases", "{\"visit_id\":" + visit + ",\"kind\":\"" + kind + "\",\"title\":\"见记录\"}", token)
                .get("id").asLong();
    }
}
