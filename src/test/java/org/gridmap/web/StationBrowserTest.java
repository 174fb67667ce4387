package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmap.cases.WorkTown;
import org.gridmap.reports.Reports;
import org.gridmap.testing.Chromium;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.MapLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A village station at work in the map's station view, with real clicks and typing: grid B's leader (standing for
 * the station) logs in and sees grid A's report of the last period flagged late, as the API says, then an urgent
 * report from grid A arrives live while the page is open. Leaves target/screenshots/screenshot-station.png.
 */
class StationBrowserTest {
    static final Reports.Period P = Reports.Period.of(LocalDate.parse("2026-11-16"));
    private static WorkTown town;
    private static Chromium chromium;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        // day 4 of the period, in the morning: its reports were due at midnight
        town = new WorkTown(P.start().plusDays(3).atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        chromium = Chromium.start();
        browser = chromium.browser();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (town != null) town.close();
    }

    @Test
    void aStationUserSeesALateReportFlaggedAndAnUrgentOneArriveLive() throws Exception {
        JsonNode late = town.expect(201, "POST", "/api/reports", "{\"grid\":" + town.gridA + ",\"period_start\":\"" + P.start()
                + "\",\"text\":\"补报\"}", town.leaderA);
        assertThat(late.get("late").asBoolean()).isTrue();

        Set<String> outside = ConcurrentHashMap.newKeySet();
        BrowserContext context = browser.newContext(HeadlessChromium.screen(1280, 800, false));
        HeadlessChromium.keepOffline(context, town.server.url(""), outside);
        Page page = MapLogin.openMode(context, town.server.url(""), "station");
        MapLogin.logIn(page, "lb", "lb-password-1", false);

        page.locator("[data-testid=station-panel]").waitFor();
        // the view fills in the village of the account's cases; the user types theirs over it all the same
        page.click("[data-testid=station-village]");
        page.keyboard().press("Control+A");
        page.keyboard().type(town.villageCodeA);
        page.click("[data-testid=station-show]");
        Locator flag = page.locator("[data-testid=station-flag][data-grid='" + town.codeA + "'][data-period='" + P.start() + "']");
        flag.waitFor();
        assertThat(flag.getAttribute("data-state")).isEqualTo("late");
        assertThat(flag.innerText()).contains("迟报");

        // the flags shown are the API's, one for one
        List<String> expected = new ArrayList<>(), shown = new ArrayList<>();
        for (JsonNode f : town.expect(200, "GET", "/api/stations/" + town.villageCodeA + "/reports?periods=10", null, town.leaderB).get("flags")) {
            expected.add(f.get("grid").get("code").asText() + " " + f.get("period").asText() + " " + f.get("state").asText());
        }
        for (Locator l : page.locator("[data-testid=station-flag]").all()) {
            shown.add(l.getAttribute("data-grid") + " " + l.getAttribute("data-period") + " " + l.getAttribute("data-state"));
        }
        assertThat(shown).isEqualTo(expected).contains(town.codeB + " " + P.start() + " missing");

        // the view listens; an urgent report reaches it without a reload
        page.waitForCondition(() -> "true".equals(page.getAttribute("[data-testid=station-panel]", "data-live")));
        long urgent = town.expect(201, "POST", "/api/reports", "{\"grid\":" + town.gridA + ",\"urgent\":true,"
                + "\"urgent_items\":[\"河堤渗水，已设警戒\"]}", town.leaderA).get("id").asLong();
        Locator live = page.locator("[data-testid=station-urgent][data-report='" + urgent + "']");
        live.waitFor();
        assertThat(live.innerText()).contains("河堤渗水");
        assertThat(outside).isEmpty();
        MapBrowserTest.screenshot(page, "screenshot-station.png");
        context.close();
    }
}
