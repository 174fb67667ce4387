package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A town official with the coverage view, by clicks: the suggested sites read as a list (where each lies —
 * village and grid — and the households it adds, as the server's suggestions answer says), and the households
 * layer, turned on at the town's overview zoom, says it is not drawn there and takes them to a zoom where it is.
 */
class TownOfficialSitesBrowserTest extends MapBrowserTest {

    @Test
    void suggestedSitesReadAsPlacesWithWhatTheyAdd() throws Exception {
        Page page = open(1280, 800, false);
        page.click("[data-testid=mode-coverage]");
        page.waitForSelector("[data-testid=coverage-panel][data-state=ready]");
        page.click("[data-testid=coverage-toggle-suggestions]");
        page.waitForSelector("[data-testid=suggestions-list]:not([hidden])");

        JsonNode answer = get("/api/coverage/suggestions?count=3").path("suggestions");
        Locator items = page.locator("[data-testid=suggestion-item]");
        assertThat(items.count()).isEqualTo(answer.size()).isPositive();
        for (int i = 0; i < answer.size(); i++) {
            JsonNode site = answer.get(i);
            Locator item = items.nth(i);
            assertThat(item.getAttribute("data-rank")).isEqualTo(site.path("rank").asText());
            assertThat(site.path("grid").isObject()).as("a suggested site lies in a grid").isTrue();
            assertThat(item.locator("[data-testid=suggestion-where]").innerText())
                    .isEqualTo(site.path("village").path("name").asText() + " · " + site.path("grid").path("name").asText());
            assertThat(item.innerText()).contains(String.format("新增 %,d 户", site.path("households").asLong()));
        }

        // a click on a site goes there
        MapView before = MapView.of(page);
        items.first().click();
        MapView there = before.awaitChange(page);
        assertThat(there.zoom()).isGreaterThan(before.zoom());
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void aLayerThatNeedsACloserZoomSaysSoAndTakesThemThere() {
        Page page = open(1280, 800, false);
        page.click("[data-testid=mode-coverage]");
        page.waitForSelector("[data-testid=coverage-panel][data-state=ready]");
        idle(page);
        assertThat(MapView.of(page).zoom()).as("the town's overview").isLessThan(14);

        page.click("[data-testid=coverage-toggle-households]");
        Locator note = page.locator("[data-testid=households-note]");
        page.waitForSelector("[data-testid=households-note][data-state=zoom]");
        assertThat(note.isVisible()).isTrue();
        assertThat(note.innerText()).contains("未显示", "14 级");

        page.click("[data-testid=households-zoom-in]");
        page.waitForSelector("[data-testid=households-note][data-state=shown]");
        assertThat(MapView.of(page).zoom()).isGreaterThanOrEqualTo(14);
        assertThat(note.innerText()).containsPattern("显示 [\\d,]+ 户");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void inEnglishEveryPanelNamesAVillageTheSameWay() throws Exception {
        Map<String, String> english = new HashMap<>();
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT code, name_en FROM villages WHERE name_en IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) english.put(rs.getString(1), rs.getString(2));
        }
        assertThat(english).as("villages with English names").isNotEmpty();
        Page page = open(1280, 800, false);
        page.click("[data-testid=language-switch]");
        page.click("[data-testid=mode-coverage]");
        page.waitForSelector("[data-testid=coverage-panel][data-state=ready]");
        Locator rows = page.locator("[data-testid=village-table] tbody tr");
        assertThat(rows.count()).isPositive();
        int named = 0;
        for (int i = 0; i < rows.count(); i++) {
            String code = rows.nth(i).getAttribute("data-code");
            if (!english.containsKey(code)) continue;
            named++;
            assertThat(rows.nth(i).locator("td").first().innerText()).as(code).isEqualTo(english.get(code));
        }
        assertThat(named).isPositive();
        // the worst cases name their village in English too
        JsonNode worst = null;
        for (JsonNode ring : get("/api/rings/compliance").path("rings")) {
            if (ring.path("from").asText().equals("household")) worst = ring.path("worst");
        }
        String village = worst.get(0).path("village").path("code").asText();
        assertThat(page.locator("[data-testid=worst-where]").first().innerText()).startsWith(english.get(village) + " · ");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
