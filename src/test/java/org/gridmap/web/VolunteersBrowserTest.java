package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A villager asks "who can help?": after "where am I" they pick a skill and read the nearest volunteers on foot,
 * nearest first, with the walk to the one chosen drawn on the map; the networks' layers switch on with a legend.
 * The server's answer for the same place is the oracle.
 */
class VolunteersBrowserTest extends MapBrowserTest {
    @Test
    void aVillagerPicksASkillAndSeesTheNearestVolunteersOnFootWithTheirWalk() throws Exception {
        Page page = open(1280, 800, false);
        Villager.askWhereIAm(page, false);
        page.selectOption("[data-testid=volunteer-skill]", "medical_check");
        page.waitForSelector("[data-testid=volunteer-finder][data-state=ready]");
        JsonNode asked = json(page.evaluate("() => window.gridmap.villager.current().lonLat"));
        JsonNode oracle = get(String.format(Locale.ROOT, "/api/volunteers/nearest?lon=%.7f&lat=%.7f&skill=medical_check&k=3",
                asked.get(0).asDouble(), asked.get(1).asDouble()));
        Locator items = page.locator("[data-testid=volunteer-item]");
        assertThat(page.locator("[data-testid=volunteer-finder]").innerText()).doesNotContain("null").doesNotContain("undefined");
        assertThat(oracle.get("volunteers").size()).isPositive();
        assertThat(items.count()).isEqualTo(oracle.get("volunteers").size());
        for (int i = 0; i < items.count(); i++) {
            JsonNode v = oracle.get("volunteers").get(i);
            assertThat(items.nth(i).getAttribute("data-id")).isEqualTo(v.get("volunteer").get("id").asText());
            assertThat(Double.parseDouble(items.nth(i).getAttribute("data-seconds"))).isEqualTo(v.get("travelSeconds").asDouble());
            String minutes = String.valueOf((int) (v.get("travelSeconds").asDouble() / 60));
            assertThat(items.nth(i).locator("[data-testid=volunteer-walk]").textContent()).startsWith("步行").contains(minutes);
        }
        // the walk to the nearest is drawn and ends at their service point; choosing another draws theirs
        assertWalkEndsAt(page, oracle.get("volunteers").get(0));
        if (items.count() > 1) {
            items.nth(1).locator("button").click();
            assertThat(items.nth(1).getAttribute("class")).contains("chosen");
            assertWalkEndsAt(page, oracle.get("volunteers").get(1));
        }
        screenshot(page, "screenshot-volunteers.png");
        // the networks' layers: off at first, on from the switcher, with a legend line each
        // on a desktop the switcher is open from the start; its button only toggles it
        if (!page.locator("[data-testid=layer-switcher]").isVisible()) page.locator("#layers-button").click();
        page.waitForSelector("[data-testid=layer-switcher]:not([hidden])");
        Locator toggle = page.locator("[data-testid=layer-toggle-volunteers]");
        assertThat(toggle.isChecked()).isFalse();
        toggle.check();
        page.locator("[data-testid=layer-toggle-party-posts]").check();
        idle(page);
        page.waitForFunction("() => window.gridmap.featureCount('volunteers') > 0");
        assertThat(page.locator("li.layer[data-layer=volunteers] .legend li").count()).isEqualTo(1);
        assertThat(page.locator("li.layer[data-layer=party-posts] label").textContent()).isEqualTo("党员服务岗");
        assertThat(outside).isEmpty();
    }

    /** The drawn walk's last point is the volunteer's service point (map coordinates back to lon/lat). */
    private static void assertWalkEndsAt(Page page, JsonNode volunteer) throws Exception {
        JsonNode end = json(page.evaluate("""
                () => { const l = window.gridmap.map.getLayers().getArray().find((x) => x.get('name') === 'volunteer-walk');
                        const f = l.getSource().getFeatures();
                        if (f.length !== 1) return null;
                        const [x, y] = f[0].getGeometry().getLastCoordinate();
                        return [x / 6378137 * 180 / Math.PI, (2 * Math.atan(Math.exp(y / 6378137)) - Math.PI / 2) * 180 / Math.PI]; }"""));
        assertThat(end).as("one walk drawn").isNotNull();
        JsonNode point = volunteer.get("volunteer").get("point");
        assertThat(end.get(0).asDouble()).isCloseTo(point.get("lon").asDouble(), within(1e-6));
        assertThat(end.get(1).asDouble()).isCloseTo(point.get("lat").asDouble(), within(1e-6));
    }
}
