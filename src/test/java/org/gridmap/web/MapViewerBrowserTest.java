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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web map viewer in a real browser (Debian's Chromium, headless) against a real server over the demo
 * town: tiles render, a click on a grid opens its panel, the language switches, search finds a grid by code
 * and by name, and the phone layout uses bottom sheets. Leaves screenshots in target/screenshots/.
 */
class MapViewerBrowserTest extends MapBrowserTest {






    /** A grid as the database holds it: {id, name, code}. */
    private record Grid(long id, String name, String code) { }

    private static Grid grid(String where, Object value) throws Exception {
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT id, name, code FROM grids WHERE " + where
                     + " ORDER BY code LIMIT 1")) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a grid where " + where + " " + value).isTrue();
                return new Grid(rs.getLong(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private static Locator panel(Page page) {
        return page.locator("[data-testid=feature-panel]");
    }

    private static void waitForPanel(Page page, String collection) {
        page.waitForSelector("[data-testid=feature-panel][data-state=ready][data-collection=" + collection + "]");
    }

    @Test
    void desktopClickAGridSwitchLanguageAndSearch() throws Exception {
        Page page = open(1280, 800, false);
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(page.locator("[data-testid=layer-switcher]").isVisible()).isTrue();
        assertThat(page.locator("[data-testid=layer-switcher]").innerText()).contains("网格", "服务设施", "地质灾害隐患点");

        // a real click on a pixel where a grid is drawn
        JsonNode pixel = json(page.evaluate("() => window.gridmap.findPixel('grids')"));
        assertThat(pixel.isArray()).as("a pixel showing a grid").isTrue();
        page.mouse().click(pixel.get(0).asDouble(), pixel.get(1).asDouble());
        waitForPanel(page, "grids");
        Grid grid = grid("id = ?", Long.parseLong(panel(page).getAttribute("data-feature-id")));
        assertThat(panel(page).locator("[data-testid=feature-title]").innerText()).isEqualTo(grid.name());
        assertThat(panel(page).innerText()).contains("编码", grid.code(), "网格");
        assertThat(page.locator("[data-testid=coordinates]").innerText()).matches("1\\d\\d\\.\\d{5}, \\d\\d\\.\\d{5}");
        assertThat(page.locator(".ol-scale-line").innerText()).containsPattern("\\d+ k?m");
        assertThat(page.evaluate("() => window.gridmap.map.getAllLayers()"
                + ".find(l => l.get('name') === 'highlight').getSource().getFeatures().length")).isEqualTo(1);

        // English, then back to Chinese
        page.click("[data-testid=language-switch]");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        assertThat(panel(page).innerText()).contains("Code", grid.code(), "Kind").doesNotContain("编码");
        assertThat(page.locator("[data-testid=layer-switcher]").innerText()).contains("Grids", "Service facilities");
        assertThat(page.locator("[data-testid=search-box]").getAttribute("aria-label")).startsWith("Search");
        page.click("[data-testid=language-switch]");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(panel(page).innerText()).contains("编码");
        idle(page);
        screenshot(page, "screenshot-map.png");

        // keyboard search by a code prefix (the first 14 of 15 digits) of another grid of 白果村
        Grid other = grid("code LIKE ?", "500107109204%");
        Locator box = page.locator("[data-testid=search-box]");
        box.click();
        box.pressSequentially(other.code().substring(0, 14));
        page.waitForSelector("[data-testid=search-results] [role=option]");
        List<String> options = page.locator("[data-testid=search-results] [role=option]").allInnerTexts();
        assertThat(options).anySatisfy(o -> assertThat(o).contains(other.code()));
        int index = 0;
        while (!options.get(index).contains(other.code())) index++;
        for (int i = 0; i < index; i++) box.press("ArrowDown");
        box.press("Enter");
        page.waitForSelector("[data-testid=feature-panel][data-state=ready][data-feature-id=\"" + other.id() + "\"]");
        assertThat(panel(page).locator("[data-testid=feature-title]").innerText()).isEqualTo(other.name());
        assertThat(page.locator("[data-testid=search-results]").isVisible()).isFalse();
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void phoneLayoutUsesBottomSheetsAndFindsAGridByName() throws Exception {
        Page page = open(390, 844, true);
        Locator switcher = page.locator("[data-testid=layer-switcher]");
        assertThat(switcher.isVisible()).as("the layer switcher waits behind its button").isFalse();
        page.click("[data-testid=layers-button]");
        switcher.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        BoundingBox sheet = switcher.boundingBox();
        assertThat(sheet.width).isEqualTo(390);
        assertThat(sheet.y + sheet.height).isCloseTo(844, offset(1.0));
        switcher.locator("[data-role=close]").click();
        switcher.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));

        // search by name: a grid of 白果村 (Baiguo village)
        Grid grid = grid("name LIKE ?", "白果村%");
        String name = grid.name();
        Locator box = page.locator("[data-testid=search-box]");
        box.tap();
        box.fill(name);
        Locator option = page.locator("[data-testid=search-results] [role=option]", new Page.LocatorOptions()
                .setHasText(name)).first();
        option.waitFor();
        option.tap();
        page.waitForSelector("[data-testid=feature-panel][data-state=ready][data-feature-id=\"" + grid.id() + "\"]");
        assertThat(panel(page).locator("[data-testid=feature-title]").innerText()).isEqualTo(name);
        BoundingBox bottom = panel(page).boundingBox();
        assertThat(bottom.width).isEqualTo(390);
        assertThat(bottom.y + bottom.height).isCloseTo(844, offset(1.0));
        assertThat(bottom.height).isLessThan(844 * 0.6);
        idle(page);

        screenshot(page, "screenshot-phone.png");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
