package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The four service rings in a real browser (Debian's Chromium, headless) against a real server over the demo
 * town. Villager mode on a phone: a tap on a household's spot draws the walk to the nearest service point and
 * the panel shows time, grid, staff and the chain, as the server answers for that spot. Coverage view on a
 * desktop: the compliance of the four rings as the server computes it, suggested sites, gaps and a facility's
 * reach. Leaves screenshots in target/screenshots/.
 */
class RingsBrowserTest extends MapBrowserTest {






    private static String nearestPath(double lon, double lat) {
        return String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f&k=3", lon, lat);
    }

    /** A household of 白果村 (Baiguo village) from which the server finds a service point and a full chain. */
    private static double[] reachableHousehold() throws Exception {
        List<double[]> candidates = new ArrayList<>();
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_X(h.geom), ST_Y(h.geom) FROM households h "
                     + "JOIN grids g ON g.id = h.grid_id WHERE g.code LIKE '500107109204%' ORDER BY h.id LIMIT 20 OFFSET 40");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) candidates.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
        for (double[] lonLat : candidates) {
            JsonNode answer = get(nearestPath(lonLat[0], lonLat[1]));
            if (answer.path("reachable").asBoolean() && answer.path("chain").size() == 4 && answer.hasNonNull("grid")) {
                return lonLat;
            }
        }
        throw new AssertionError("no household of 白果村 with a reachable service point among " + candidates.size());
    }

    /** A travel time as the viewer writes it in Chinese: "45 秒", "4 分 12 秒". */
    private static String chineseDuration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " 秒" : (s / 60) + " 分 " + (s % 60) + " 秒";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static long layerFeatures(Page page, String layer, String filter) {
        return ((Number) page.evaluate("([name, filter]) => window.gridmap.map.getAllLayers()"
                + ".find(l => l.get('name') === name).getSource().getFeatures()"
                + ".filter(f => !filter || new Function('f', 'return ' + filter)(f)).length",
                List.of(layer, filter == null ? "" : filter))).longValue();
    }

    @Test
    void villagerOnAPhoneTapsWhereTheyAreAndSeesTheWalkTheGridAndTheChain() throws Exception {
        double[] home = reachableHousehold();
        Page page = open(390, 844, true);

        Locator button = page.locator("[data-testid=mode-villager]");
        BoundingBox thumb = button.boundingBox();
        assertThat(thumb.height).as("a button for a thumb").isGreaterThanOrEqualTo(48);
        button.tap();
        assertThat(page.evaluate("() => window.gridmap.mode")).isEqualTo("villager");
        Locator sheet = page.locator("[data-testid=villager-panel]");
        sheet.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        assertThat(sheet.innerText()).contains("我在哪里", "使用我的位置");

        // the device's location, without permission: a clear message, and the map still takes a tap
        page.locator("[data-testid=villager-locate]").tap();
        page.waitForSelector("[data-testid=villager-panel][data-state=geo-error]");
        assertThat(page.locator("[data-testid=villager-message]").innerText()).contains("定位", "点一下");

        // the household's spot in the middle of the upper half of the screen, zoomed in
        page.evaluate("([lon, lat]) => { const v = window.gridmap.map.getView(); v.setZoom(16);"
                + " v.setCenter(window.gridmap.fromLonLat([lon, lat])); }", List.of(home[0], home[1]));
        idle(page);
        JsonNode pixel = json(page.evaluate("(lonLat) => window.gridmap.pixelOf(lonLat)", List.of(home[0], home[1])));
        double x = pixel.get(0).asDouble();
        double y = pixel.get(1).asDouble();
        assertThat(page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.ol-viewport')",
                List.of(x, y))).as("the household's pixel is on the map, under no panel").isEqualTo(true);

        page.evaluate("() => { window.__drawn = window.gridmap.whenNearestDrawn(); }");
        page.touchscreen().tap(x, y);
        JsonNode drawn = json(page.evaluate("() => window.__drawn"));
        assertThat(drawn.path("state").asText()).isEqualTo("ready");
        JsonNode origin = drawn.path("answer").path("origin");
        double lon = origin.get(0).asDouble();
        double lat = origin.get(1).asDouble();
        assertThat(lon).as("tapped longitude").isCloseTo(home[0], offset(0.0001));
        assertThat(lat).as("tapped latitude").isCloseTo(home[1], offset(0.0001));

        // the same question, asked by the test: the panel shows the server's answer for the tapped spot
        JsonNode expected = get(nearestPath(lon, lat));
        assertThat(expected.path("reachable").asBoolean()).isTrue();
        page.waitForSelector("[data-testid=villager-panel][data-state=ready]");
        assertThat(page.locator("[data-testid=walk-time]").innerText())
                .matches("\\d+ (分 \\d+ )?秒")
                .isEqualTo(chineseDuration(expected.path("travelSeconds").asDouble()));
        assertThat(page.locator("[data-testid=walk-distance]").innerText()).matches("[\\d,.]+ (米|千米)");
        assertThat(page.locator("[data-testid=point-name]").innerText()).isEqualTo(expected.path("point").path("name").asText());
        assertThat(page.locator("[data-testid=grid-name]").innerText()).isEqualTo(expected.path("grid").path("name").asText());
        assertThat(page.locator("[data-testid=grid-code]").innerText()).isEqualTo(expected.path("grid").path("code").asText());
        assertThat(page.locator("[data-testid=village-name]").innerText()).isEqualTo(expected.path("village").path("name").asText());

        int staff = expected.path("staff").size();
        assertThat(staff).isPositive();
        assertThat(page.locator("[data-testid=staff-cards] .staff-card").count()).isEqualTo(staff);
        assertThat(page.locator("[data-testid=staff-cards] a[href^='tel:']").count()).isEqualTo(staff);
        assertThat(page.locator("[data-testid=staff-cards]").innerText()).contains("网格长", expected.path("staff").get(0).path("name").asText());

        Locator rows = page.locator("[data-testid=chain-row]");
        assertThat(rows.count()).isEqualTo(4);
        JsonNode chain = expected.path("chain");
        for (int i = 0; i < 4; i++) {
            Locator row = rows.nth(i);
            JsonNode link = chain.get(i);
            assertThat(row.getAttribute("data-ring")).isEqualTo(link.path("ring").asText());
            assertThat(row.innerText()).contains(link.path("ok").asBoolean() ? "✓" : "✗", link.path("name").asText(), "承诺", "累计");
        }
        assertThat(page.locator("[data-testid=alternatives] li").count()).isBetween(1, 2);

        // the route is drawn: a line along the roads, the markers for "you" and the service point
        assertThat(layerFeatures(page, "route", "f.getGeometry().getType() === 'LineString' && f.get('role') === 'route'"))
                .isEqualTo(1);
        assertThat(layerFeatures(page, "route", "f.get('role') === 'you' || f.get('role') === 'point'")).isEqualTo(2);

        BoundingBox bottom = sheet.boundingBox();
        assertThat(bottom.width).isEqualTo(390);
        assertThat(bottom.y + bottom.height).isCloseTo(844, offset(1.0));
        assertThat(bottom.height).isLessThan(844 * 0.6);
        idle(page);
        screenshot(page, "screenshot-villager-phone.png");

        // outside the town: a friendly word, no route
        JsonNode far = json(page.evaluate("() => window.gridmap.villager.locate([106.2, 29.2])"));
        assertThat(far.path("state").asText()).isEqualTo("outside");
        assertThat(page.locator("[data-testid=villager-message]").innerText()).contains("不在镇域范围内");
        assertThat(layerFeatures(page, "route", "f.get('role') === 'route'")).isZero();

        // leaving the mode clears the route and gives the map back to browsing
        page.locator("[data-testid=villager-exit]").tap();
        assertThat(page.evaluate("() => window.gridmap.mode")).isEqualTo("browse");
        sheet.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
        assertThat(layerFeatures(page, "route", null)).isZero();
        assertThat(page.locator("[data-testid=mode-villager]").isVisible()).isTrue();
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void plannerSeesRingComplianceSuggestedSitesGapsAndAFacilitysReach() throws Exception {
        Page page = open(1280, 800, false);
        page.click("[data-testid=mode-coverage]");
        assertThat(page.evaluate("() => window.gridmap.mode")).isEqualTo("coverage");
        page.evaluate("() => window.gridmap.whenCoverageReady()");
        page.waitForSelector("[data-testid=coverage-panel][data-state=ready]");

        // four rings, each with the share and counts the server computes
        JsonNode compliance = get("/api/rings/compliance?worst=10");
        Locator rings = page.locator("[data-testid=coverage-ring]");
        assertThat(rings.count()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            JsonNode ring = compliance.path("rings").get(i);
            Locator row = rings.nth(i);
            assertThat(row.getAttribute("data-ring")).isEqualTo(ring.path("ring").asText());
            assertThat(row.locator("[data-testid=ring-share]").innerText()).isEqualTo(percent(ring.path("share").asDouble()));
            assertThat(row.locator("[data-testid=ring-count]").innerText())
                    .contains(grouped(ring.path("within").asLong()) + " / " + grouped(ring.path("origins").asLong()));
            assertThat(row.innerText()).contains(ring.path("name").asText());
        }
        JsonNode ring4 = compliance.path("rings").get(0);
        assertThat(page.locator("[data-testid=village-table] tbody tr").count()).isEqualTo(ring4.path("villages").size());
        assertThat(page.locator("[data-testid=worst-item]").count()).isEqualTo(ring4.path("worst").size());

        // another ring: its villages
        rings.nth(2).click();
        assertThat(rings.nth(2).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(page.locator("[data-testid=village-table] tbody tr").count())
                .isEqualTo(compliance.path("rings").get(2).path("villages").size());
        rings.nth(0).click();

        // suggested sites: three numbered markers, and the summary before → after
        JsonNode suggested = get("/api/coverage/suggestions?count=3");
        page.check("[data-testid=coverage-toggle-suggestions]");
        page.selectOption("[data-testid=suggestion-count]", "3");
        page.waitForFunction("() => window.gridmap.map.getAllLayers().find(l => l.get('name') === 'suggestions')"
                + ".getSource().getFeatures().length === 3");
        assertThat(layerFeatures(page, "suggestions", "[1, 2, 3].includes(f.get('rank'))")).isEqualTo(3);
        assertThat(page.locator("[data-testid=suggestions-summary]").innerText())
                .contains(percent(suggested.path("shareBefore").asDouble()) + " → " + percent(suggested.path("shareAfter").asDouble()));

        // gap areas
        JsonNode gaps = get("/api/coverage/gaps");
        page.check("[data-testid=coverage-toggle-gaps]");
        page.waitForFunction("(n) => window.gridmap.map.getAllLayers().find(l => l.get('name') === 'coverage-gaps')"
                + ".getSource().getFeatures().length === n", gaps.path("features").size());

        // the whole town in sight, then a click on the first site opens its popup
        page.evaluate("() => { const map = window.gridmap.map;"
                + " const town = map.getAllLayers().find(l => l.get('name') === 'town').getSource().getExtent();"
                + " map.getView().fit(town, { padding: [80, 320, 90, 440] }); }");
        idle(page);
        JsonNode first = suggested.path("suggestions").get(0);
        JsonNode site = json(page.evaluate("(lonLat) => window.gridmap.pixelOf(lonLat)",
                List.of(first.path("lon").asDouble(), first.path("lat").asDouble())));
        page.mouse().click(site.get(0).asDouble(), site.get(1).asDouble());
        Locator popup = page.locator("[data-testid=map-popup]");
        popup.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        assertThat(popup.innerText()).contains("建议站点 1", "+" + grouped(first.path("households").asLong()) + " 户",
                "+" + grouped(first.path("people").asLong()) + " 人");
        page.waitForTimeout(400); // the map pans the popup clear of the panels
        idle(page);
        screenshot(page, "screenshot-coverage.png");
        popup.locator("[data-role=close]").click();

        // a worst place of ring 4: the map goes there; households coloured by their walk
        JsonNode worst = ring4.path("worst").get(0);
        page.locator("[data-testid=worst-item]").first().click();
        page.waitForFunction("() => window.gridmap.map.getView().getZoom() > 16.5");
        idle(page);
        JsonNode centre = json(page.evaluate("() => window.gridmap.pixelOf([" + worst.path("lon").asDouble() + ", "
                + worst.path("lat").asDouble() + "])"));
        assertThat(centre.get(0).asDouble()).isBetween(420.0, 1280.0);
        page.check("[data-testid=coverage-toggle-households]");
        page.waitForFunction("() => window.gridmap.map.getAllLayers().find(l => l.get('name') === 'coverage-households')"
                + ".getSource().getFeatures().length > 0");
        assertThat(page.locator("[data-testid=households-note]").innerText()).contains("户");

        // a facility's reach: its network isochrone and the dashed coverage circle, with the detour factor
        page.evaluate("() => window.gridmap.map.getView().setZoom(15.5)");
        idle(page);
        JsonNode facility = json(page.evaluate("() => window.gridmap.findPixel('facilities')"));
        assertThat(facility.isArray()).as("a facility in sight").isTrue();
        page.mouse().click(facility.get(0).asDouble(), facility.get(1).asDouble());
        page.waitForSelector("[data-testid=isochrone-info][data-state=ready]");
        assertThat(layerFeatures(page, "isochrone", "f.get('kind') === 'network'")).isEqualTo(1);
        assertThat(layerFeatures(page, "isochrone", "f.get('kind') === 'radius'")).isEqualTo(1);
        assertThat(page.locator("[data-testid=detour-factor]").innerText()).matches("[\\d.,]+");
        // the detour factor is explained where it is shown
        assertThat(page.locator("[data-testid=isochrone-info]").innerText()).contains("绕行系数 =", "沿道路实际可达的面积", "越绕");
        assertThat(page.locator("[data-testid=feature-panel]").isVisible()).as("no feature panel in this view").isFalse();

        // English, then back
        page.click("[data-testid=language-switch]");
        assertThat(page.locator("[data-testid=coverage-panel]").innerText()).contains("Ring 4", "Ring 1", "Detour factor");
        page.click("[data-testid=language-switch]");
        assertThat(page.locator("[data-testid=coverage-panel]").innerText()).contains("四环", "绕行系数");

        // leaving the view: its layers go, and a click selects a feature as before
        page.click("[data-testid=coverage-exit]");
        assertThat(page.evaluate("() => window.gridmap.mode")).isEqualTo("browse");
        assertThat(page.evaluate("() => window.gridmap.map.getAllLayers().filter(l => ['suggestions', 'coverage-gaps',"
                + " 'coverage-households', 'isochrone'].includes(l.get('name')) && l.getVisible()).length")).isEqualTo(0);
        JsonNode grid = json(page.evaluate("() => window.gridmap.findPixel('grids')"));
        page.mouse().click(grid.get(0).asDouble(), grid.get(1).asDouble());
        page.waitForSelector("[data-testid=feature-panel][data-state=ready][data-collection=grids]");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
