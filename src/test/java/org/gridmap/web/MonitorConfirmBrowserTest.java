package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
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
import org.gridmap.testing.MapLogin;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hazard monitor in the monitoring panel: closing a hazard's roads asks first (nothing changes until they
 * confirm), a closed (已销号) hazard is shown read-only, without actions or an inspection form, and "my grids"
 * explains that an account linked to no grid has none.
 */
class MonitorConfirmBrowserTest extends MapBrowserTest {
    private static final String PASSWORD = "monitor-confirm-7";
    private static String token;

    @BeforeAll
    static void createAccount() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("watch", Role.MONITOR, PASSWORD.toCharArray());
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"watch\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        token = TestServer.json(r).get("token").asText();
    }

    private static JsonNode send(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = server.send(method, path, body, "Authorization", "Bearer " + token);
        assertThat(r.statusCode()).as(method + " " + path + " → " + r.body()).isEqualTo(status);
        return TestServer.json(r);
    }

    /** A hazard pinned by the API at a household of the demo town (the n-th), not blocking roads. */
    private static JsonNode pin(String name, int n) throws Exception {
        double lon;
        double lat;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_X(geom), ST_Y(geom) FROM households ORDER BY id OFFSET ? LIMIT 1")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                lon = rs.getDouble(1);
                lat = rs.getDouble(2);
            }
        }
        String body = String.format(Locale.ROOT, "{\"name\":\"%s\",\"type\":\"landslide\",\"radius_m\":80,\"blocks_roads\":false,"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}", name, lon, lat);
        return send("POST", "/api/hazards", body, 201);
    }

    private static boolean blocksRoads(JsonNode hazard) throws Exception {
        return TestServer.json(server.get("/api/hazards/" + hazard.get("id").asLong())).path("blocks_roads").asBoolean();
    }

    @Test
    void closingRoadsAsksFirstAndAClosedHazardIsReadOnly() throws Exception {
        JsonNode open = pin("后山滑坡测试点", 500);
        JsonNode closed = pin("已销号测试点", 3000);
        JsonNode current = TestServer.json(server.get("/api/hazards/" + closed.get("id").asLong()));
        send("PATCH", "/api/hazards/" + closed.get("id").asLong(),
                "{\"version\":" + current.get("version").asLong() + ",\"status\":\"closed\"}", 200);

        Page page = MapLogin.openMode(newContext(HeadlessChromium.screen(1280, 800, false)), server.url(""), "monitor");
        MapLogin.logIn(page, "watch", PASSWORD, false);
        page.waitForSelector("[data-testid=monitor-panel]:not([hidden])");

        String openCode = open.get("code").asText();
        page.click("[data-testid=hazard-item][data-code='" + openCode + "']");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready][data-code='" + openCode + "']");
        page.click("[data-testid=hazard-toggle-blocks]");
        Locator ask = page.locator("[data-testid=hazard-block-confirm]");
        ask.waitFor();
        assertThat(ask.innerText()).contains("封闭", "道路", "确认封闭道路");
        assertThat(blocksRoads(open)).as("nothing changes before the monitor confirms").isFalse();
        page.click("[data-testid=hazard-block-no]");
        assertThat(ask.count()).isZero();
        assertThat(blocksRoads(open)).isFalse();

        page.click("[data-testid=hazard-toggle-blocks]");
        page.click("[data-testid=hazard-block-yes]");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready] [data-testid=hazard-toggle-blocks]:has-text('解除')");
        assertThat(blocksRoads(open)).as("closed after the confirmation").isTrue();

        String closedCode = closed.get("code").asText();
        page.click("[data-testid=hazard-item][data-code='" + closedCode + "']");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready][data-code='" + closedCode + "']");
        assertThat(page.locator("[data-testid=hazard-readonly]").innerText()).contains("已销号");
        assertThat(page.locator("[data-testid=hazard-detail] [data-testid=hazard-toggle-blocks]").count()).isZero();
        assertThat(page.locator("[data-testid=hazard-detail] [data-testid=inspection-form]").count()).isZero();
        assertThat(page.locator("[data-testid=hazard-detail] [data-testid=hazard-grade-apply]").count()).isZero();

        // "my grids" for an account linked to no grid says why it is empty
        page.click("[data-testid=hazard-scope-mine]");
        page.waitForSelector("[data-testid=hazard-list-empty]");
        assertThat(page.locator("[data-testid=hazard-list-empty]").innerText()).contains("没有关联到任何网格");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
