package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.MapLogin;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Monitor mode in a real browser (Debian's Chromium, headless) against a real server over the demo town: a staff
 * account sees the mode refused; a monitor logs in, pins a hazard by tapping the map, fills the form, sees the
 * households and people threatened and the suggested grade (as the server's dry run computes them) before saving,
 * saves, finds the hazard on the map and in /api/hazards, and records an inspection that verifies it. A villager
 * who taps inside its zone is warned. Leaves target/screenshots/screenshot-monitor.png.
 */
class MonitorBrowserTest extends MapBrowserTest {
    private static final String PASSWORD = "monitor-password-7";
    private static final Map<String, String> GRADE_NAMES = Map.of(
            "small", "小型（IV级）", "medium", "中型（III级）", "large", "大型（II级）", "huge", "特大型（I级）");


    @BeforeAll
    static void createAccounts() throws Exception {
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("mon", Role.MONITOR, PASSWORD.toCharArray());
        users.create("clerk", Role.STAFF, PASSWORD.toCharArray());
    }




    /** A place in 白果村 among many households, with no hazard within 400 m. */
    private static double[] crowdedPlaceWithoutHazards() throws Exception {
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT ST_X(h.geom), ST_Y(h.geom) FROM households h JOIN grids g ON g.id = h.grid_id
                     WHERE g.code LIKE '500107109204%'
                       AND NOT EXISTS (SELECT 1 FROM hazards z WHERE ST_DWithin(z.geom::geography, h.geom::geography, 400))
                     ORDER BY (SELECT count(*) FROM households o WHERE ST_DWithin(o.geom, h.geom, 0.0015)) DESC, h.id
                     LIMIT 1""");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("a crowded place of 白果村 without hazards").isTrue();
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    private static void logIn(Page page, String user) {
        MapLogin.logIn(page, user, PASSWORD, false);
        assertThat(page.locator("[data-testid=account-name]").innerText()).isEqualTo(user);
    }

    @Test
    void monitorPinsAHazardSeesItsImpactAndSuggestedGradeSavesItAndInspectsIt() throws Exception {
        double[] spot = crowdedPlaceWithoutHazards();
        Page page = open(1280, 800, false);
        page.click("[data-testid=layer-switcher] [data-role=close]");

        // a staff account may not pin hazards: the mode stays shut, with the reason
        page.click("[data-testid=mode-monitor]");
        assertThat(page.locator("[data-testid=login-reason]").innerText()).contains("监测员");
        logIn(page, "clerk");
        assertThat(page.evaluate("() => window.gridmap.mode")).isEqualTo("browse");
        assertThat(page.locator("[data-testid=mode-monitor]").getAttribute("aria-disabled")).isEqualTo("true");
        page.waitForSelector("[data-testid=status]:visible");
        assertThat(page.locator("[data-testid=status]").innerText()).contains("监测员");
        page.click("[data-testid=logout-button]");
        page.waitForSelector("[data-testid=login-button]:visible");
        assertThat(page.locator("[data-testid=mode-monitor]").getAttribute("aria-disabled")).isEqualTo("false");

        // the monitor logs in and the mode opens with the town's hazards listed
        page.click("[data-testid=mode-monitor]");
        logIn(page, "mon");
        page.waitForFunction("() => window.gridmap.mode === 'monitor'");
        int known = get("/api/hazards?limit=1000").path("hazards").size();
        page.waitForFunction("(n) => document.querySelectorAll('[data-testid=hazard-item]').length === Math.min(n, 100)", known);

        // a tap on the map pins the hazard
        page.evaluate("([lon, lat]) => { const v = window.gridmap.map.getView(); v.setZoom(16);"
                + " v.setCenter(window.gridmap.fromLonLat([lon + 0.002, lat])); }", List.of(spot[0], spot[1]));
        idle(page);
        JsonNode pixel = json(page.evaluate("(lonLat) => window.gridmap.pixelOf(lonLat)", List.of(spot[0], spot[1])));
        page.mouse().click(pixel.get(0).asDouble(), pixel.get(1).asDouble());
        page.waitForSelector("[data-testid=hazard-form]:visible");
        assertThat(page.locator("[data-testid=monitor-panel]").getAttribute("data-state")).isEqualTo("draft");

        // the form, and the impact as it changes
        String name = "白果村测试滑坡";
        page.selectOption("[data-testid=hazard-type]", "landslide");
        page.fill("[data-testid=hazard-name]", name);
        page.fill("[data-testid=hazard-radius]", "200");
        page.selectOption("[data-testid=hazard-grade]", "small");
        page.fill("[data-testid=hazard-description]", "后山出现拉张裂缝");
        page.waitForSelector("[data-testid=hazard-impact][data-state=ready][data-radius='200.0'],"
                + " [data-testid=hazard-impact][data-state=ready][data-radius='200']");

        // the same question to the server: the panel shows its answer
        JsonNode body = json(page.evaluate("() => window.gridmap.monitor.state().body"));
        HttpResponse<String> response = server.send("POST", "/api/hazards/impact", TestServer.JSON.writeValueAsString(body));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode expected = TestServer.json(response);
        JsonNode at = body.path("geometry").path("coordinates");
        assertThat(at.get(0).asDouble()).isCloseTo(spot[0], org.assertj.core.api.Assertions.offset(0.0001));
        assertThat(at.get(1).asDouble()).isCloseTo(spot[1], org.assertj.core.api.Assertions.offset(0.0001));
        assertThat(expected.path("households").asLong()).as("households in the zone").isPositive();
        Locator impact = page.locator("[data-testid=hazard-impact]");
        assertThat(impact.locator("[data-testid=hazard-households]").getAttribute("data-count"))
                .isEqualTo(expected.path("households").asText());
        assertThat(impact.locator("[data-testid=hazard-people]").getAttribute("data-count")).isEqualTo(expected.path("people").asText());
        String suggested = expected.path("suggestedGrade").asText();
        Locator suggestedChip = impact.locator("[data-testid=hazard-suggested-grade]");
        assertThat(suggestedChip.getAttribute("data-grade")).isEqualTo(suggested);
        assertThat(suggestedChip.innerText()).isEqualTo(GRADE_NAMES.get(suggested));
        assertThat(impact.locator("[data-testid=hazard-set-grade]").getAttribute("data-grade")).isEqualTo("small");
        assertThat(impact.innerText()).contains("建议险情等级", "户", "人受威胁");
        if (!"small".equals(suggested)) {
            assertThat(impact.innerText()).contains("不一致");
            assertThat(impact.locator("[data-testid=hazard-adopt-grade]").isVisible()).isTrue();
        }
        assertThat(page.locator("[data-testid=hazard-impact-details] [data-testid=hazard-roads]").getAttribute("data-count"))
                .isEqualTo(Integer.toString(expected.path("roads").size()));
        assertThat(((Number) page.evaluate("() => window.gridmap.map.getAllLayers().find(l => l.get('name') === 'hazard-draft')"
                + ".getSource().getFeatures().length")).intValue()).as("the pin and its threat zone").isEqualTo(2);
        idle(page);
        screenshot(page, "screenshot-monitor.png");
        page.click("[data-testid=language-switch]");
        assertThat(impact.innerText()).contains("Suggested threat grade", "people threatened");
        assertThat(page.locator("[data-testid=hazard-form]").innerText()).contains("Threat radius", "Blocks roads");
        page.click("[data-testid=language-switch]");

        // save: the answer says what the hazard does to the 5-minute ring
        page.click("[data-testid=hazard-save]");
        page.waitForSelector("[data-testid=monitor-notice]");
        assertThat(page.locator("[data-testid=monitor-notice]").innerText()).contains("已保存隐患点", name);
        assertThat(page.locator("[data-testid=monitor-routing]").innerText()).contains("5 分钟");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready]");
        assertThat(page.locator("[data-testid=hazard-detail-title]").innerText()).isEqualTo(name);

        // the server has it
        JsonNode saved = null;
        for (JsonNode h : get("/api/hazards?limit=1000").path("hazards")) if (name.equals(h.path("name").asText())) saved = h;
        assertThat(saved).as("the hazard in /api/hazards").isNotNull();
        assertThat(saved.path("type").asText()).isEqualTo("landslide");
        assertThat(saved.path("radius_m").asDouble()).isEqualTo(200.0);
        assertThat(saved.path("grade").asText()).isEqualTo("small");
        assertThat(saved.path("status").asText()).isEqualTo("reported");
        assertThat(saved.path("created_at").isMissingNode()).isFalse();
        String code = saved.path("code").asText();
        long id = saved.path("id").asLong();

        // and so does the map: the monitor's layer with its zone, and the vector tiles once refetched
        page.waitForFunction("(code) => window.gridmap.map.getAllLayers().find(l => l.get('name') === 'hazards-live')"
                + ".getSource().getFeatures().filter(f => f.get('code') === code).length === 2", code);
        page.waitForFunction("(code) => window.gridmap.renderedFeatures('hazards').some(f => f.get('code') === code)", code);
        assertThat(page.locator("[data-testid=hazard-item][data-code='" + code + "']").count()).isEqualTo(1);

        // an inspection that verifies it
        page.fill("[data-testid=inspection-observation]", "裂缝长约 12 米，宽 3 厘米");
        page.selectOption("[data-testid=inspection-status]", "verified");
        page.click("[data-testid=inspection-submit]");
        page.waitForSelector("[data-testid=inspection-item]");
        assertThat(page.locator("[data-testid=inspection-list]").innerText()).contains("裂缝长约 12 米", "mon", "已上报 → 已核实");
        assertThat(get("/api/hazards/" + id).path("status").asText()).isEqualTo("verified");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void aVillagerInsideAnOpenHazardsZoneIsWarned() throws Exception {
        JsonNode open = get("/api/hazards?open=true&limit=1000").path("hazards");
        assertThat(open.size()).as("open hazards in the demo town").isPositive();
        JsonNode hazard = open.get(0);
        for (JsonNode h : open) if ("Point".equals(h.path("geometry").path("type").asText()) && h.path("radius_m").asDouble() > 30) hazard = h;
        JsonNode where = hazard.path("geometry").path("coordinates");
        double lon = where.get(0).asDouble();
        double lat = where.get(1).asDouble();

        Page page = open(390, 844, true);
        page.locator("[data-testid=mode-villager]").tap();
        page.evaluate("() => { window.__extras = window.gridmap.whenVillagerExtras(); }");
        JsonNode drawn = json(page.evaluate("(lonLat) => window.gridmap.villager.locate(lonLat)", List.of(lon, lat)));
        assertThat(drawn.path("state").asText()).isIn("ready", "unreachable");
        JsonNode extras = json(page.evaluate("() => window.__extras"));
        assertThat(extras.path("home").asInt()).as("hazards reaching the place").isPositive();
        Locator warning = page.locator("[data-testid=hazard-warning][data-kind=home][data-code='" + hazard.path("code").asText() + "']");
        warning.waitFor();
        assertThat(warning.innerText()).contains("威胁范围内", hazard.path("name").asText());

        // the grid's staff cards, as /api/grids/at gives them
        JsonNode at = get(String.format(java.util.Locale.ROOT, "/api/grids/at?lon=%.7f&lat=%.7f", lon, lat));
        assertThat(page.locator("[data-testid=staff-cards] .staff-card").count()).isEqualTo(at.path("staff").size());
        assertThat(page.locator("[data-testid=grid-code]").innerText()).isEqualTo(at.path("grid").path("code").asText());
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
