package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridmap.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;

/**
 * A resident on a phone scans the form's QR code (the lookup address with the number), types the last four
 * digits of their phone and taps "查询": the page shows the stage, the grid and the grid leader who holds the
 * errand with a tap-to-call link; wrong digits say "not found". The errand is filed and passed on through the
 * API; the staff table and the API's own answers are the oracle. The page runs under the server's
 * Content-Security-Policy (no bypass), so an inline script would fail it.
 */
class ErrandLookupBrowserTest extends ErrandBrowserTest {
    private static String staffField(long staffId, String column) throws Exception {
        return town.text("SELECT " + column + " FROM staff WHERE id = " + staffId);
    }

    @Test
    void aResidentLooksUpTheErrandOnAPhone() throws Exception {
        JsonNode filed = town.file("pension_claim", false, "100-0000-5731");
        String number = filed.get("number").asText();
        JsonNode h = town.handOff(number, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer);
        town.confirm(number, h.get("id").asLong(), 200, town.leader);

        String origin = town.server.url("");
        Set<String> outside = ConcurrentHashMap.newKeySet();
        List<String> errors = new CopyOnWriteArrayList<>();
        BrowserContext context = browser.newContext(HeadlessChromium.screen(390, 844, true).setBypassCSP(false));
        HeadlessChromium.keepOffline(context, origin, outside);
        Page page = context.newPage();
        page.onConsoleMessage(m -> { if (m.type().equals("error")) errors.add(m.text()); });
        page.onPageError(errors::add);
        page.setDefaultTimeout(30_000);
        page.navigate(town.server.url("/lookup?number=" + number));

        assertThat(page.inputValue("[data-testid=lookup-number]")).isEqualTo(number);
        page.locator("[data-testid=lookup-phone]").tap();
        page.keyboard().type("5731");
        page.locator("[data-testid=lookup-submit]").tap();
        page.waitForSelector("[data-testid=lookup-result]:not([hidden])");

        assertThat(page.textContent("[data-testid=lookup-stage]")).isEqualTo("网格长办理中");
        assertThat(page.textContent("[data-testid=lookup-grid]")).contains(town.gridCode);
        assertThat(page.textContent("[data-testid=lookup-holder]")).contains(staffField(town.leaderStaff, "name"))
                .contains("网格长");
        String phone = staffField(town.leaderStaff, "phone");
        assertThat(page.getAttribute("[data-testid=lookup-call]", "href")).isEqualTo("tel:" + phone.replaceAll("[^0-9+]", ""));
        assertThat(page.locator("[data-testid=lookup-hops] li").count()).isEqualTo(1);
        // nothing of the resident's reaches the page
        assertThat(page.textContent("body")).doesNotContain("测试居民").doesNotContain("100-0000-5731");

        page.locator("[data-testid=lang-switch]").tap();
        assertThat(page.textContent("[data-testid=lookup-stage]")).isEqualTo("With the grid leader");
        page.locator("[data-testid=lang-switch]").tap();

        page.locator("[data-testid=lookup-phone]").fill("");
        page.locator("[data-testid=lookup-phone]").tap();
        page.keyboard().type("5732");
        page.locator("[data-testid=lookup-submit]").tap();
        page.waitForSelector("[data-testid=lookup-message]:not([hidden])");
        assertThat(page.textContent("[data-testid=lookup-message]")).isEqualTo("没有找到：请核对单号和电话后四位。");
        assertThat(page.isHidden("[data-testid=lookup-result]")).isTrue();

        // more misses from this address than the server allows: the page says when to try again
        for (int i = 0; i < 10; i++) town.send("GET", "/api/errands/lookup?number=" + number + "&phone=0000", null, null);
        var refused = town.send("GET", "/api/errands/lookup?number=" + number + "&phone=5731", null, null);
        assertThat(refused.statusCode()).isEqualTo(429);
        String wait = refused.headers().firstValue("Retry-After").orElseThrow();
        page.locator("[data-testid=lookup-submit]").tap();
        page.waitForSelector("[data-testid=lookup-message]:has-text('" + wait + "')");
        assertThat(page.textContent("[data-testid=lookup-message]")).isEqualTo("查询次数过多，请 " + wait + " 秒后再试。");

        assertThat(outside).isEmpty();
        // the 404 and 429 answers are reported by Chromium as failed resources; anything else (a CSP refusal, a
        // script error) fails the test
        assertThat(errors).allMatch(e -> e.matches("Failed to load resource: .*status of (404|429).*"));
        context.close();
    }

    /**
     * The mode bar on a 360-pixel phone: every mode done in the field (villager, coverage, planning, monitoring,
     * errands, visits) stays on screen; the station's desk view is hidden there.
     */
    @Test
    void theModeBarKeepsItsFieldModesOnASmallPhone() {
        BrowserContext context = browser.newContext(HeadlessChromium.screen(360, 740, true));
        HeadlessChromium.keepOffline(context, town.server.url(""), ConcurrentHashMap.newKeySet());
        Page page = HeadlessChromium.openMap(context, town.server.url("/"));
        var buttons = page.locator("[data-testid=mode-bar] [data-mode]:visible").all();
        assertThat(buttons.stream().map(b -> b.getAttribute("data-mode")).toList())
                .containsExactly("villager", "coverage", "planner", "monitor", "errands", "visits");
        for (var b : buttons) {
            var box = b.boundingBox();
            assertThat(box.x).as(b.getAttribute("data-mode")).isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).as(b.getAttribute("data-mode")).isLessThanOrEqualTo(360);
        }
        context.close();
    }
}
