package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.MapLogin;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hazard monitor closes a hazard's roads beside a grid hub: the panel reports every ring whose count within
 * its limit changed, with the counts before and after as the town's compliance report gives them (read before
 * and after the change), and no ring that did not change.
 */
class MonitorConsequencesBrowserTest extends MapBrowserTest {
    private static final String PASSWORD = "monitor-rings-5";
    private static String token;

    @BeforeAll
    static void createAccount() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("rings", Role.MONITOR, PASSWORD.toCharArray());
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"rings\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        token = TestServer.json(r).get("token").asText();
    }

    /** Ring name → facilities or households within its limit, and in all, from the compliance report. */
    private static Map<String, long[]> compliance() throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (JsonNode r : get("/api/rings/compliance").get("rings")) {
            out.put(r.get("name").asText(), new long[] {r.get("within").asLong(), r.get("origins").asLong()});
        }
        return out;
    }

    @Test
    void closingRoadsReportsEveryRingThatChanged() throws Exception {
        double lon;
        double lat;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_X(geom), ST_Y(geom) FROM facilities WHERE level = 'grid' ORDER BY code LIMIT 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                lon = rs.getDouble(1);
                lat = rs.getDouble(2);
            }
        }
        String body = String.format(Locale.ROOT, "{\"name\":\"网格中心旁滑坡\",\"type\":\"landslide\",\"radius_m\":150,\"blocks_roads\":false,"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}", lon, lat);
        HttpResponse<String> created = server.send("POST", "/api/hazards", body, "Authorization", "Bearer " + token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = TestServer.json(created).get("code").asText();
        Map<String, long[]> before = compliance();

        Page page = MapLogin.openMode(newContext(HeadlessChromium.screen(1280, 800, false)), server.url(""), "monitor");
        MapLogin.logIn(page, "rings", PASSWORD, false);
        page.click("[data-testid=hazard-item][data-code='" + code + "']");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready][data-code='" + code + "']");
        page.click("[data-testid=hazard-toggle-blocks]");
        page.click("[data-testid=hazard-block-yes]");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready] [data-testid=hazard-toggle-blocks]:has-text('解除')");
        String message = page.locator("[data-testid=hazard-detail-message]").innerText();

        Map<String, long[]> after = compliance();
        int changed = 0;
        for (String ring : before.keySet()) {
            long was = before.get(ring)[0];
            long is = after.get(ring)[0];
            String said = String.format(Locale.ROOT, "%s达标：%,d → %,d（共 %,d 个）", ring, was, is, after.get(ring)[1]);
            if (was != is) {
                changed++;
                assertThat(message).as("%s changed %d → %d", ring, was, is).contains(said);
            } else {
                assertThat(message).as("%s did not change", ring).doesNotContain(ring + "达标");
            }
        }
        assertThat(changed).as("closing the roads beside a hub changes at least one ring: " + message).isPositive();

        // the closed roads are drawn on the map, as many as the database's closures of this hazard
        long closedInDatabase;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM hazard_road_closures rc JOIN hazards h ON h.id = rc.hazard_id WHERE h.code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                closedInDatabase = rs.getLong(1);
            }
        }
        assertThat(closedInDatabase).isPositive();
        page.waitForSelector("[data-testid=monitor-panel][data-closed-roads]");
        assertThat(page.locator("[data-testid=monitor-panel]").getAttribute("data-closed-roads")).isEqualTo(String.valueOf(closedInDatabase));
        assertThat(page.locator("[data-testid=hazard-closed-roads]").innerText()).contains(String.format(Locale.ROOT, "封闭了 %,d 条道路", closedInDatabase));
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
