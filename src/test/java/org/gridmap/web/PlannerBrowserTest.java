package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBReader;

/**
 * Planner mode in a real browser (Debian's Chromium, headless) against a real server over the demo town: a
 * planner logs in through the dialog, loads 白果村, drags a vertex shared by two grids with real mouse events
 * (both grids move), previews the impact (changed grids, households, the four rings before → after), saves
 * with a message, and finds the change in the grids' geometry and version, on the map and in the history. A
 * second planner who loaded the village before the save is told about the conflict (409); the edit is then
 * reverted from the history. Leaves target/screenshots/screenshot-planner.png.
 */
class PlannerBrowserTest extends MapBrowserTest {
    private static final String VILLAGE = "500107109204";
    private static final String PASSWORD = "plan-password-42";
    /** Metres per degree at Taojia, for choosing a drag in a local plane. */
    private static final double M_PER_DEG_LAT = 110_574;


    @BeforeAll
    static void createAccounts() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("plan", Role.PLANNER, PASSWORD.toCharArray());
    }



    private Page open() {
        Page page = HeadlessChromium.openMap(newContext(HeadlessChromium.screen(1280, 800, false).setAcceptDownloads(true)),
                server.url("/"));
        // the layer panel makes room for the map
        page.click("[data-testid=layer-switcher] [data-role=close]");
        return page;
    }

    /** Logs in through the dialog the planner button opens, and enters planner mode with the village loaded. */
    private static void logInAndLoadVillage(Page page) {
        page.click("[data-testid=mode-planner]");
        Locator dialog = page.locator("[data-testid=login-dialog]");
        dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        assertThat(page.locator("[data-testid=login-reason]").innerText()).contains("规划员");
        page.fill("[data-testid=login-username]", "plan");
        page.fill("[data-testid=login-password]", PASSWORD);
        page.press("[data-testid=login-password]", "Enter");
        page.waitForFunction("() => window.gridmap.mode === 'planner'");
        assertThat(page.locator("[data-testid=account-name]").innerText()).isEqualTo("plan");
        assertThat(page.locator("[data-testid=account-role]").innerText()).isEqualTo("规划员");
        page.selectOption("[data-testid=planner-village]", VILLAGE);
        page.waitForSelector("[data-testid=planner-panel][data-village='" + VILLAGE + "'][data-state=ready]");
    }

    // ------------------------------------------------------------------ choosing a vertex to drag

    /** A vertex shared by exactly two grids of the village, and where to drag it so both stay valid. */
    private record Drag(long gridA, long gridB, double[] from, double[] to) { }

    private static Drag sharedVertexDrag() throws Exception {
        Map<Long, MultiPolygon> grids = new LinkedHashMap<>();
        Geometry village;
        WKBReader wkb = new WKBReader();
        try (Connection c = server.database().connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT g.id, ST_AsBinary(g.geom) FROM grids g JOIN villages v "
                    + "ON v.id = g.village_id WHERE v.code = ? ORDER BY g.code")) {
                ps.setString(1, VILLAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) grids.put(rs.getLong(1), (MultiPolygon) wkb.read(rs.getBytes(2)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(geom) FROM villages WHERE code = ?")) {
                ps.setString(1, VILLAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    village = wkb.read(rs.getBytes(1));
                }
            }
        }
        Map<Coordinate, List<Long>> owners = new HashMap<>();
        for (Map.Entry<Long, MultiPolygon> e : grids.entrySet()) {
            for (Coordinate c : new HashSet<>(Arrays.asList(e.getValue().getCoordinates()))) {
                owners.computeIfAbsent(c, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        Coordinate centre = village.getCentroid().getCoordinate();
        double mx = M_PER_DEG_LAT * Math.cos(Math.toRadians(centre.y)) * 1.0032; // metres per degree of longitude
        List<Map.Entry<Coordinate, List<Long>>> candidates = owners.entrySet().stream()
                .filter(e -> e.getValue().size() == 2)
                .sorted((a, b) -> Double.compare(a.getKey().distance(centre), b.getKey().distance(centre)))
                .toList();
        GeometryFactory gf = new GeometryFactory();
        for (Map.Entry<Coordinate, List<Long>> e : candidates) {
            Coordinate v = e.getKey();
            MultiPolygon a = grids.get(e.getValue().get(0));
            MultiPolygon b = grids.get(e.getValue().get(1));
            // far from the village's edge, and from every other vertex and edge of both grids
            if (village.getBoundary().distance(gf.createPoint(v)) * M_PER_DEG_LAT < 40) continue;
            for (double meters : new double[] {18, 12, 8}) {
                for (double angle = 0; angle < 360; angle += 45) {
                    Coordinate to = new Coordinate(v.x + meters * Math.cos(Math.toRadians(angle)) / mx,
                            v.y + meters * Math.sin(Math.toRadians(angle)) / M_PER_DEG_LAT);
                    MultiPolygon a2 = moved(a, v, to);
                    MultiPolygon b2 = moved(b, v, to);
                    if (!a2.isValid() || !b2.isValid()) continue;
                    if (a2.intersection(b2).getArea() > 1e-14) continue;
                    if (Math.abs(a2.union(b2).getArea() - a.union(b).getArea()) > 1e-14) continue;
                    if (clearance(a2, to) * M_PER_DEG_LAT < 12 || clearance(b2, to) * M_PER_DEG_LAT < 12) continue;
                    return new Drag(e.getValue().get(0), e.getValue().get(1), new double[] {v.x, v.y}, new double[] {to.x, to.y});
                }
            }
        }
        throw new AssertionError("no vertex of " + VILLAGE + " shared by two grids that can be dragged");
    }

    private static MultiPolygon moved(MultiPolygon g, Coordinate from, Coordinate to) {
        MultiPolygon copy = (MultiPolygon) g.copy();
        for (Coordinate c : copy.getCoordinates()) {
            if (c.equals2D(from)) c.setCoordinate(to);
        }
        copy.geometryChanged();
        return copy;
    }

    /** How far a moved vertex is from the grid's edges that do not end in it (a snap would pull it there). */
    private static double clearance(MultiPolygon g, Coordinate v) {
        double min = Double.MAX_VALUE;
        GeometryFactory gf = new GeometryFactory();
        for (int p = 0; p < g.getNumGeometries(); p++) {
            Polygon poly = (Polygon) g.getGeometryN(p);
            List<LineString> rings = new ArrayList<>();
            rings.add(poly.getExteriorRing());
            for (int h = 0; h < poly.getNumInteriorRing(); h++) rings.add(poly.getInteriorRingN(h));
            for (LineString ring : rings) {
                Coordinate[] cs = ring.getCoordinates();
                for (int i = 0; i + 1 < cs.length; i++) {
                    if (cs[i].equals2D(v) || cs[i + 1].equals2D(v)) continue;
                    min = Math.min(min, gf.createLineString(new Coordinate[] {cs[i], cs[i + 1]}).distance(gf.createPoint(v)));
                }
            }
        }
        return min;
    }

    private static JsonNode pixelOf(Page page, double[] lonLat) {
        return json(page.evaluate("(lonLat) => window.gridmap.pixelOf(lonLat)", List.of(lonLat[0], lonLat[1])));
    }

    /** Drags with real mouse events from one lon/lat to another, in small steps. */
    private static void dragOnMap(Page page, double[] from, double[] to) {
        JsonNode a = pixelOf(page, from);
        JsonNode b = pixelOf(page, to);
        double x0 = a.get(0).asDouble(), y0 = a.get(1).asDouble(), x1 = b.get(0).asDouble(), y1 = b.get(1).asDouble();
        assertThat(page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.ol-viewport')", List.of(x0, y0)))
                .as("the vertex is on the map, under no panel").isEqualTo(true);
        page.mouse().move(x0, y0);
        page.mouse().down();
        for (int i = 1; i <= 12; i++) page.mouse().move(x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12);
        page.mouse().up();
    }

    private static void centreOn(Page page, double[] lonLat, double zoom) {
        page.evaluate("([lon, lat, zoom]) => { const v = window.gridmap.map.getView(); v.setZoom(zoom);"
                + " v.setCenter(window.gridmap.fromLonLat([lon, lat])); }", List.of(lonLat[0], lonLat[1], zoom));
        idle(page);
    }

    private static boolean hasVertexNear(JsonNode geometry, double[] lonLat, double tolerance) {
        List<double[]> all = new ArrayList<>();
        collect(geometry.path("coordinates"), all);
        return all.stream().anyMatch(c -> Math.abs(c[0] - lonLat[0]) < tolerance && Math.abs(c[1] - lonLat[1]) < tolerance);
    }

    private static void collect(JsonNode node, List<double[]> out) {
        if (node.isArray() && node.size() >= 2 && node.get(0).isNumber()) {
            out.add(new double[] {node.get(0).asDouble(), node.get(1).asDouble()});
        } else {
            for (JsonNode child : node) collect(child, out);
        }
    }

    // ------------------------------------------------------------------ the test

    @Test
    void plannerDragsASharedVertexPreviewsSavesAndFindsTheChangeOnTheMapAndInTheHistory() throws Exception {
        Drag drag = sharedVertexDrag();
        JsonNode beforeA = get("/ogc/collections/grids/items/" + drag.gridA());
        JsonNode beforeB = get("/ogc/collections/grids/items/" + drag.gridB());
        int versionA = beforeA.path("properties").path("version").asInt();
        int versionB = beforeB.path("properties").path("version").asInt();

        // anonymous: the planner button asks for a login; a wrong password gets a plain message
        Page page = open();
        assertThat(page.locator("[data-testid=login-button]").isVisible()).isTrue();
        page.click("[data-testid=mode-planner]");
        page.fill("[data-testid=login-username]", "plan");
        page.fill("[data-testid=login-password]", "not-the-password");
        page.press("[data-testid=login-password]", "Enter");
        page.waitForSelector("[data-testid=login-error]:not([hidden])");
        assertThat(page.locator("[data-testid=login-error]").innerText()).contains("用户名或密码不正确");
        page.click("[data-testid=login-cancel]");
        assertThat(page.evaluate("() => window.gridmap.mode")).isEqualTo("browse");
        logInAndLoadVillage(page);
        int loaded = ((Number) page.evaluate("() => window.gridmap.planner.state().grids.length")).intValue();
        assertThat(loaded).as("the village's grids, loaded for editing").isEqualTo(get(
                "/ogc/collections/grids/items?village=" + VILLAGE + "&limit=1000").path("features").size());

        // a second planner has the same village open (to be told about the conflict later)
        Page other = open();
        logInAndLoadVillage(other);

        // drag the shared vertex: both grids change
        centreOn(page, drag.from(), 18);
        dragOnMap(page, drag.from(), drag.to());
        page.waitForSelector("[data-testid=planner-status][data-changed='2']");
        JsonNode changed = json(page.evaluate("() => window.gridmap.planner.state().changed"));
        assertThat(List.of(changed.get(0).asLong(), changed.get(1).asLong())).containsExactlyInAnyOrder(drag.gridA(), drag.gridB());
        assertThat(page.locator("[data-testid=planner-status]").innerText()).contains("已修改 2 个网格");
        assertThat(page.locator("[data-testid=planner-save]").isDisabled()).as("save waits for a preview").isTrue();

        // preview: the impact panel with the changed grids, households and the four rings before → after
        page.click("[data-testid=planner-preview]");
        page.waitForSelector("[data-testid=impact-panel][data-state=dry]");
        Locator impact = page.locator("[data-testid=impact-panel]");
        assertThat(impact.innerText()).contains("预览", "尚未保存", "四环达标率", "改变所属网格的住户");
        // the rings are the edited town's: the heading names it
        assertThat(impact.locator("[data-testid=impact-compliance-head]").innerText()).isEqualTo("陶家镇四环达标率：修改前 → 修改后");
        assertThat(impact.locator("[data-testid=impact-grid][data-status=changed]").count()).isGreaterThanOrEqualTo(2);
        assertThat(impact.locator("[data-testid=impact-grid][data-id='" + drag.gridA() + "']").count()).isEqualTo(1);
        assertThat(impact.locator("[data-testid=impact-grid][data-id='" + drag.gridB() + "']").count()).isEqualTo(1);
        assertThat(impact.locator("[data-testid=impact-ring]").count()).isEqualTo(4);
        assertThat(impact.locator("[data-testid=impact-ring]").evaluateAll("rows => rows.map(r => r.dataset.ring).sort().join()"))
                .isEqualTo("1,2,3,4");
        assertThat(impact.locator("[data-testid=impact-ring]").first().innerText()).containsPattern("\\d+\\.\\d% → \\d+\\.\\d%");
        assertThat(impact.locator("[data-testid=impact-households]").getAttribute("data-count")).matches("\\d+");
        // the area moves from one grid to the other
        assertThat(impact.locator("[data-testid=impact-grid][data-id='" + drag.gridA() + "']").innerText()).contains("平方米");
        centreOn(page, drag.to(), 17.6);
        screenshot(page, "screenshot-planner.png");
        page.click("[data-testid=language-switch]");
        assertThat(impact.innerText()).contains("Preview", "Ring compliance", "Households changing grid");
        assertThat(impact.locator("[data-testid=impact-compliance-head]").innerText()).isEqualTo("Ring compliance of Taojia Town: before → after");
        assertThat(page.locator("[data-testid=planner-panel]").innerText()).contains("Grid planning", "Save", "Discard");
        page.click("[data-testid=language-switch]");
        assertThat(impact.innerText()).contains("四环达标率");

        // save with a message
        page.fill("[data-testid=planner-save-message]", "沿新修的便道调整边界");
        page.click("[data-testid=planner-save]");
        page.waitForSelector("[data-testid=impact-panel][data-state=saved]");
        assertThat(page.locator("[data-testid=planner-message]").innerText()).contains("已保存");

        // the server has it: a new version and the vertex where it was dropped
        JsonNode afterA = get("/ogc/collections/grids/items/" + drag.gridA());
        JsonNode afterB = get("/ogc/collections/grids/items/" + drag.gridB());
        assertThat(afterA.path("properties").path("version").asInt()).isGreaterThan(versionA);
        assertThat(afterB.path("properties").path("version").asInt()).isGreaterThan(versionB);
        assertThat(afterA.path("geometry")).isNotEqualTo(beforeA.path("geometry"));
        assertThat(afterB.path("geometry")).isNotEqualTo(beforeB.path("geometry"));
        assertThat(hasVertexNear(afterA.path("geometry"), drag.from(), 1e-9)).as("the old vertex is gone").isFalse();
        double tolerance = 3 / M_PER_DEG_LAT; // a pixel or two at zoom 18
        assertThat(hasVertexNear(afterA.path("geometry"), drag.to(), tolerance)).as("grid A has the dropped vertex").isTrue();
        assertThat(hasVertexNear(afterB.path("geometry"), drag.to(), tolerance)).as("grid B has the same vertex").isTrue();

        // on the map: the editable grids are reloaded at their new version, and the tiles are fetched afresh
        page.waitForFunction("([id, v]) => window.gridmap.planner.state().grids.some(g => g.id === id && g.version === v)",
                List.of((int) drag.gridA(), afterA.path("properties").path("version").asInt()));
        assertThat(page.evaluate("() => window.gridmap.planner.state().changed.length")).isEqualTo(0);
        assertThat(page.evaluate("() => window.gridmap.layers.get('grids').getSource().getUrls()[0]")).asString().contains("?v=");

        // in the history of the grid: an entry by plan with the message
        page.click("[data-testid=planner-tab-history]");
        page.waitForSelector("[data-testid=history-list][data-state=ready] [data-testid=history-item]");
        Locator entry = page.locator("[data-testid=history-item][data-user=plan]").first();
        assertThat(entry.innerText()).contains("plan", "沿新修的便道调整边界", "修改边界");
        entry.locator(".history-show").hover();
        page.waitForFunction("() => window.gridmap.planner.layers.history.getSource().getFeatures().length === 2");
        HttpResponse<String> login = server.send("POST", "/api/session", "{\"username\":\"plan\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(201);
        String token = TestServer.json(login).path("token").asText();
        HttpResponse<String> log = server.get("/api/edits?limit=5", "Authorization", "Bearer " + token);
        assertThat(log.statusCode()).isEqualTo(200);
        JsonNode history = TestServer.json(log);
        assertThat(history.path("edits").get(0).path("user").asText()).isEqualTo("plan");
        long editId = history.path("edits").get(0).path("id").asLong();
        assertThat(entry.getAttribute("data-edit-id")).isEqualTo(Long.toString(editId));

        // the other planner still holds the old versions: a clear 409 with the grids in red and a reload
        centreOn(other, drag.from(), 18);
        dragOnMap(other, drag.from(), drag.to());
        other.waitForSelector("[data-testid=planner-status][data-changed='2']");
        other.click("[data-testid=planner-preview]");
        other.waitForSelector("[data-testid=planner-panel][data-state=conflict]");
        assertThat(other.locator("[data-testid=planner-message]").innerText()).contains("其他人", "重新加载");
        JsonNode red = json(other.evaluate("() => window.gridmap.planner.state().conflict"));
        assertThat(red.toString()).as("the conflicting grids, in red").contains(Long.toString(drag.gridA()));
        other.click("[data-testid=planner-reload]");
        other.waitForFunction("([id, v]) => window.gridmap.planner.state().grids.some(g => g.id === id && g.version === v)"
                + " && window.gridmap.planner.state().changed.length === 0",
                List.of((int) drag.gridA(), afterA.path("properties").path("version").asInt()));

        // revert from the town-wide log: the grid is back as it was
        page.click("[data-testid=history-scope-town]");
        page.waitForSelector("[data-testid=history-list][data-scope=town][data-state=ready] [data-testid=history-item]");
        page.locator("[data-testid=history-item][data-edit-id='" + editId + "'] .history-show").click();
        page.waitForFunction("() => window.gridmap.planner.layers.history.getSource().getFeatures().length >= 4");
        page.locator("[data-testid=history-item][data-edit-id='" + editId + "'] [data-testid=history-revert]").click();
        // first a preview of what the revert changes; nothing is saved until it is confirmed
        page.waitForSelector("[data-testid=history-revert-preview]");
        assertThat(page.locator("[data-testid=history-revert-preview]").innerText()).contains("#" + editId);
        assertThat(get("/ogc/collections/grids/items/" + drag.gridA()).path("geometry")).isEqualTo(afterA.path("geometry"));
        page.click("[data-testid=history-revert-confirm]");
        page.waitForSelector("[data-testid=history-message][data-kind=saved]");
        assertThat(page.locator("[data-testid=history-message]").innerText()).contains("已还原");
        JsonNode revertedA = get("/ogc/collections/grids/items/" + drag.gridA());
        assertThat(revertedA.path("geometry")).isEqualTo(beforeA.path("geometry"));
        // an edit already reverted is not offered again
        page.waitForSelector("[data-testid=history-item][data-edit-id='" + editId + "'] [data-testid=history-revert][disabled]");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
