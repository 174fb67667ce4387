package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A villager opening "where am I" on a phone after a monitor closed roads: the closed roads are drawn on the
 * villager's map too, as many as the database lists for the open hazards.
 */
class VillagerClosedRoadsBrowserTest extends MapBrowserTest {
    private static final String PASSWORD = "villager-closed-7";

    @Test
    void aVillagerSeesTheRoadsAMonitorClosed() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("closer", Role.MONITOR, PASSWORD.toCharArray());
        HttpResponse<String> login = server.send("POST", "/api/session", "{\"username\":\"closer\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(201);
        String token = TestServer.json(login).get("token").asText();
        double lon;
        double lat;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE level = 'grid' ORDER BY code LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
        }
        String body = String.format(Locale.ROOT, "{\"name\":\"村道塌方\",\"type\":\"collapse\",\"radius_m\":120,\"blocks_roads\":true,"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}", lon, lat);
        HttpResponse<String> created = server.send("POST", "/api/hazards", body, "Authorization", "Bearer " + token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = TestServer.json(created).get("code").asText();
        long closedInDatabase;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM hazard_road_closures rc JOIN hazards h ON h.id = rc.hazard_id WHERE h.code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                closedInDatabase = rs.getLong(1);
            }
        }
        assertThat(closedInDatabase).as("the hazard closes roads").isPositive();
        // the view lists the roads every open, blocking hazard closes now (the demo town may have others)
        long closedByAll;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT road_id) FROM hazard_road_closures");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            closedByAll = rs.getLong(1);
        }

        String address = String.format(Locale.ROOT, "/#map=16.00/%.5f/%.5f", lat, lon);
        Page page = HeadlessChromium.openMap(newContext(HeadlessChromium.screen(390, 844, true)), server.url(address));
        page.locator("[data-testid=mode-villager]").tap();
        page.waitForSelector("[data-testid=villager-panel]:not([hidden])");
        page.waitForSelector("[data-testid=villager-panel][data-closed-roads]");
        assertThat(page.locator("[data-testid=villager-panel]").getAttribute("data-closed-roads")).isEqualTo(String.valueOf(closedByAll));

        // leaving the mode takes them off again
        page.locator("[data-testid=villager-panel] [data-role=exit]").tap();
        page.waitForSelector("[data-testid=villager-panel]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
        assertThat(page.locator("[data-testid=villager-panel]").getAttribute("data-closed-roads")).isNull();
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
