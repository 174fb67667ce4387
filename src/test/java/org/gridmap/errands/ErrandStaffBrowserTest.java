package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.MapLogin;
import org.junit.jupiter.api.Test;

/**
 * A grid leader at work in the map's errands mode, with real clicks and typing: logs in, confirms receipt of
 * the errand the point handed them, hands it on to the village station's cadre, opens the printable form, and
 * lists the village's overdue errands. The API's answers (the errand's hand-offs, the overdue list) are the
 * oracle for what the page did and shows.
 */
class ErrandStaffBrowserTest extends ErrandBrowserTest {
    private static Locator card(Page page, String number, String relation) {
        return page.locator("[data-testid=errand-item][data-number='" + number + "'][data-relation=" + relation + "]");
    }

    @Test
    void theGridLeaderConfirmsAndHandsOnAnErrandAndSeesWhatIsOverdue() throws Exception {
        // one errand left at the point for 30 hours (overdue), then one handed to the grid leader
        String late = town.file("pension_claim", false, "100-0000-2201").get("number").asText();
        town.clock.advance(Duration.ofHours(30));
        String number = town.file("pension_claim", false, "100-0000-2202").get("number").asText();
        long sent = town.handOff(number, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer).get("id").asLong();

        Set<String> outside = ConcurrentHashMap.newKeySet();
        BrowserContext context = browser.newContext(HeadlessChromium.screen(1280, 800, false));
        HeadlessChromium.keepOffline(context, town.server.url(""), outside);
        Page page = MapLogin.openMode(context, town.server.url(""), "errands");
        MapLogin.logIn(page, "gl", "gl-password-1", false);

        // the errand in transit to the leader offers "confirm receipt"; the late one is theirs to supervise
        card(page, number, "incoming").waitFor();
        assertThat(card(page, late, "supervising").count()).isEqualTo(1);
        card(page, number, "incoming").locator("[data-testid=errand-confirm]").click();
        card(page, number, "holding").waitFor();
        JsonNode held = town.expect(200, "GET", "/api/errands/" + number, null, town.leader);
        assertThat(held.get("stage").asText()).isEqualTo("grid");
        JsonNode first = held.get("handoffs").get(0);
        assertThat(first.get("id").asLong()).isEqualTo(sent);
        assertThat(first.get("confirmedBy").asLong()).isEqualTo(town.leaderId);

        // hand it on to the station's cadre, by user name
        card(page, number, "holding").locator("[data-testid=errand-handoff]").click();
        assertThat(page.inputValue("[data-testid=errand-next-stage]")).isEqualTo("station");
        page.click("[data-testid=errand-receiver]");
        page.keyboard().type("st");
        page.click("[data-testid=errand-handoff-send]");
        card(page, number, "sending").waitFor();
        assertThat(card(page, number, "sending").getAttribute("data-in-transit")).isEqualTo("true");
        JsonNode passed = town.expect(200, "GET", "/api/errands/" + number, null, town.leader);
        JsonNode second = passed.get("handoffs").get(1);
        assertThat(second.get("to").asText()).isEqualTo("station");
        assertThat(second.get("fromUserId").asLong()).isEqualTo(town.leaderId);
        assertThat(second.get("toUserId").asLong()).isEqualTo(town.stationId);
        assertThat(second.get("confirmedAt").isNull()).isTrue();
        assertThat(page.locator("[data-testid=errands-message]").innerText()).contains(number).contains("st");

        // the printable four-part form opens in a new tab, with the number on it
        Page form = context.waitForPage(() ->
                card(page, number, "sending").locator("[data-testid=errand-form-link]").click());
        form.waitForLoadState();
        assertThat(form.url()).endsWith("/api/errands/" + number + "/form");
        assertThat(form.textContent("body")).contains(number);
        form.close();

        // the village's overdue list, as the server reports it
        String village = town.gridCode.substring(0, 12);
        assertThat(page.inputValue("[data-testid=overdue-village]")).isEqualTo(village);
        page.click("[data-testid=overdue-show]");
        page.locator("[data-testid=overdue-item]").first().waitFor();
        List<String> expected = new ArrayList<>();
        for (JsonNode o : town.expect(200, "GET", "/api/errands/overdue?village=" + village, null, town.leader).get("errands")) {
            expected.add(o.get("number").asText());
        }
        assertThat(expected).contains(late).doesNotContain(number);
        List<String> shown = new ArrayList<>();
        for (Locator row : page.locator("[data-testid=overdue-item]").all()) shown.add(row.getAttribute("data-number"));
        assertThat(shown).containsExactlyElementsOf(expected);
        assertThat(outside).isEmpty();
        context.close();
    }
}
