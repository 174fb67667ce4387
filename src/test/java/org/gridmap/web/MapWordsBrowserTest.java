package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;

/**
 * The words the map shows come from the server's one vocabulary: a person opening the layer list reads the
 * hazard types and grades {@code GET /api/vocabulary} defines, in their language. And the hooks the other
 * browser tests drive the map with are not set up for a person's browser unless asked for.
 */
class MapWordsBrowserTest extends MapBrowserTest {
    private static final String LEGEND = "[data-testid=layer-switcher] li[data-layer=hazards] .legend li:not(.legend-caption)";

    private static List<String> names(JsonNode words, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode w : words) out.add(w.get(field).asText());
        return out;
    }

    private static List<String> legendOf(Page page, int expected) {
        page.locator("[data-testid=layers-button]").click();
        page.waitForSelector("[data-testid=layer-switcher]:not([hidden])");
        page.waitForFunction("([sel, n]) => document.querySelectorAll(sel).length === n", List.of(LEGEND, expected));
        return page.locator(LEGEND).allInnerTexts().stream().map(String::strip).toList();
    }

    @Test
    void theHazardLegendNamesTheServersTypesAndGradesInTheReadersLanguage() throws Exception {
        JsonNode lists = get("/api/vocabulary").get("lists");
        List<String> grades = new ArrayList<>();
        for (JsonNode g : lists.get("hazardGrades")) grades.add(g.get("id").asText());
        assertThat(lists.get("hazardTypes")).hasSizeGreaterThanOrEqualTo(6);

        List<String> zh = new ArrayList<>(names(lists.get("hazardTypes"), "zh"));
        zh.addAll(names(lists.get("hazardGrades"), "zh"));
        Page page = open(1280, 800, false);
        if (page.locator("[data-testid=layer-switcher]").isVisible()) page.locator("[data-testid=layers-button]").click();
        assertThat(legendOf(page, zh.size())).containsExactlyElementsOf(zh);

        List<String> en = new ArrayList<>(names(lists.get("hazardTypes"), "en"));
        en.addAll(names(lists.get("hazardGrades"), "en"));
        Page english = HeadlessChromium.openMap(newContext(HeadlessChromium.screen(1280, 800, false)), server.url("/?lang=en"));
        if (english.locator("[data-testid=layer-switcher]").isVisible()) english.locator("[data-testid=layers-button]").click();
        assertThat(legendOf(english, en.size())).containsExactlyElementsOf(en);
        assertThat(grades).containsExactly("small", "medium", "large", "huge");
    }

    @Test
    void aPersonsBrowserGetsNoTestHooksUnlessItAsksForThem() {
        BrowserContext context = newContext(HeadlessChromium.screen(1280, 800, false));
        // a browser not under automation, as people use it
        context.addInitScript("Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false })");
        Page page = context.newPage();
        page.navigate(server.url("/"));
        page.waitForSelector("[data-testid=layer-toggle-grids]");
        assertThat(page.evaluate("() => navigator.webdriver")).isEqualTo(false);
        assertThat(page.evaluate("() => typeof window.gridmap")).isEqualTo("undefined");

        page.navigate(server.url("/?testhooks=1"));
        page.waitForFunction("() => window.gridmap && window.gridmap.ready");
        assertThat(page.evaluate("() => typeof window.gridmap.setMode")).isEqualTo("function");
    }
}
