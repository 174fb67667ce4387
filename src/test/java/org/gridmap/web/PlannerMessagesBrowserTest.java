package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.MapLogin;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A planner merging two grids, by hand: clicks one grid, takes the merge tool, clicks the two grids and asks
 * for a preview. The selection for the merge starts clean, the impact speaks Chinese with the vocabulary's
 * role names (网格长) — no raw role code, English sentence or message key — and a ring whose counts change is
 * not marked "＝". Leaving the panel with an unsaved split asks first.
 */
class PlannerMessagesBrowserTest extends MapBrowserTest {
    private static final String PASSWORD = "plan-messages-42";

    @BeforeAll
    static void createAccount() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("planmsg", Role.PLANNER, PASSWORD.toCharArray());
    }

    /** Two neighbouring grids of one village, each with a grid leader: {village code, a lon, a lat, b lon, b lat, a code, b code}. */
    private static String[] twoLedNeighbours() throws Exception {
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT v.code, ST_X(ST_PointOnSurface(a.geom)), ST_Y(ST_PointOnSurface(a.geom)),
                            ST_X(ST_PointOnSurface(b.geom)), ST_Y(ST_PointOnSurface(b.geom)), a.code, b.code,
                            a.id, a.version, b.id, b.version
                     FROM grids a JOIN grids b ON b.village_id = a.village_id AND b.id > a.id
                     JOIN villages v ON v.id = a.village_id
                     WHERE ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))::geography) > 100
                       AND EXISTS (SELECT 1 FROM staff s WHERE s.grid_id = a.id AND s.role = 'grid_leader')
                       AND EXISTS (SELECT 1 FROM staff s WHERE s.grid_id = b.id AND s.role = 'grid_leader')
                     ORDER BY v.code, a.code, b.code LIMIT 1""");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("two neighbouring grids with leaders").isTrue();
            String[] out = new String[11];
            for (int i = 0; i < 11; i++) out[i] = rs.getString(i + 1);
            return out;
        }
    }

    /** Clicks where a place is drawn now (the view may have moved: it is read from the address first). */
    private static void clickAt(Page page, double lon, double lat) {
        idle(page);
        MapView view = MapView.of(page);
        BoundingBox map = page.locator("#map").boundingBox();
        double[] origin = view.lonLatAt(0, 0);
        double res = view.resolution();
        double dx = Math.toRadians(lon - origin[0]) * 6378137.0 / res;
        double dy = -(mercY(lat) - mercY(origin[1])) / res;
        page.mouse().click(map.x + map.width / 2 + dx, map.y + map.height / 2 + dy);
        // a person's clicks are apart: two within OpenLayers' 250 ms would be a double click (zoom in)
        page.waitForTimeout(400);
    }

    private static double mercY(double lat) {
        return 6378137.0 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
    }

    @Test
    void leavingWithAnUnsavedSplitAsksFirst() throws Exception {
        String[] pair = twoLedNeighbours();
        String village = pair[0];
        double[] line;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_XMin(geom), ST_XMax(geom), ST_Y(ST_PointOnSurface(geom)) FROM grids WHERE code = ?")) {
            ps.setString(1, pair[5]);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                line = new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
            }
        }
        Page page = MapLogin.openMode(newContext(HeadlessChromium.screen(1280, 800, false)), server.url(""), "planner");
        MapLogin.logIn(page, "planmsg", PASSWORD, false);
        page.waitForSelector("[data-testid=planner-panel]:not([hidden])");
        page.selectOption("[data-testid=planner-village]", village);
        page.waitForSelector("[data-testid=planner-panel][data-village='" + village + "'][data-state=ready]");

        // a split line drawn across the grid, clicked point by point and finished with a double click
        page.click("[data-testid=planner-tool-split]");
        double margin = (line[1] - line[0]) * 0.05;
        clickAt(page, line[0] + margin, line[2]);
        idle(page);
        MapView view = MapView.of(page);
        BoundingBox map = page.locator("#map").boundingBox();
        double[] origin = view.lonLatAt(0, 0);
        double dx = Math.toRadians(line[1] - margin - origin[0]) * 6378137.0 / view.resolution();
        double dy = -(mercY(line[2]) - mercY(origin[1])) / view.resolution();
        page.mouse().dblclick(map.x + map.width / 2 + dx, map.y + map.height / 2 + dy);
        page.waitForSelector("[data-testid=planner-preview]:not([disabled])");

        // 退出 with the split pending: the planner is told, and stays
        page.click("[data-testid=planner-exit]");
        Locator message = page.locator("[data-testid=planner-message]");
        message.waitFor();
        assertThat(message.innerText()).contains("未保存", "再按一次");
        assertThat(page.locator("[data-testid=planner-panel]").isVisible()).isTrue();
        assertThat(page.locator("[data-testid=mode-planner]").getAttribute("aria-pressed")).isEqualTo("true");
        // a second 退出 leaves without saving
        page.click("[data-testid=planner-exit]");
        page.waitForSelector("[data-testid=planner-panel]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
        assertThat(page.locator("[data-testid=mode-planner]").getAttribute("aria-pressed")).isEqualTo("false");
    }

    @Test
    void aMergePreviewSpeaksChineseWithRoleNamesAndStartsFromAClearSelection() throws Exception {
        String[] pair = twoLedNeighbours();
        String village = pair[0];
        double[] a = {Double.parseDouble(pair[1]), Double.parseDouble(pair[2])};
        double[] b = {Double.parseDouble(pair[3]), Double.parseDouble(pair[4])};
        Page page = MapLogin.openMode(newContext(HeadlessChromium.screen(1280, 800, false)), server.url(""), "planner");
        MapLogin.logIn(page, "planmsg", PASSWORD, false);
        page.waitForSelector("[data-testid=planner-panel]:not([hidden])");
        page.selectOption("[data-testid=planner-village]", village);
        page.waitForSelector("[data-testid=planner-panel][data-village='" + village + "'][data-state=ready]");

        // a grid selected with the edit tool first; the merge then picks exactly the two grids clicked
        clickAt(page, a[0], a[1]);
        page.click("[data-testid=planner-tool-merge]");
        clickAt(page, a[0], a[1]);
        clickAt(page, b[0], b[1]);
        page.click("[data-testid=planner-preview]");
        Locator impact = page.locator("[data-testid=impact-panel]");
        impact.waitFor();
        page.waitForSelector("[data-testid=impact-warnings]");
        assertThat(impact.innerText()).contains(pair[5]);

        // the 增减 column fits its panel, on every grid row
        BoundingBox panelBox = impact.boundingBox();
        Locator deltas = impact.locator("[data-testid=impact-grid] td.delta");
        assertThat(deltas.count()).isPositive();
        for (int i = 0; i < deltas.count(); i++) {
            BoundingBox cell = deltas.nth(i).boundingBox();
            assertThat(cell.x).as("增减 cell left").isGreaterThanOrEqualTo(panelBox.x);
            assertThat(cell.x + cell.width).as("增减 cell right edge within the panel").isLessThanOrEqualTo(panelBox.x + panelBox.width + 0.5);
        }
        // households are told by their village and grids, not by a row id
        String villageName;
        String gridB;
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT v.name, g.name FROM villages v JOIN grids g ON g.village_id = v.id WHERE v.code = ? AND g.code = ?")) {
            ps.setString(1, village);
            ps.setString(2, pair[6]);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                villageName = rs.getString(1);
                gridB = rs.getString(2);
            }
        }
        Locator moved = impact.locator("[data-testid=impact-household]");
        assertThat(Integer.parseInt(impact.locator("[data-testid=impact-households]").getAttribute("data-count"))).as("the merge moves households").isPositive();
        assertThat(moved.count()).isPositive();
        String householdsText = impact.locator("[data-testid=impact-households]").innerText();
        assertThat(householdsText).contains(villageName).doesNotContainPattern("住户\\s*\\d");
        assertThat(moved.allInnerTexts()).anySatisfy(row -> assertThat(row).contains(gridB, "户"));

        String warnings = page.locator("[data-testid=impact-warnings]").innerText();
        assertThat(warnings).contains("网格长", "还原").doesNotContain("grid_leader").doesNotContainPattern("[a-z]{4,}");
        String panel = page.locator("[data-testid=planner-panel]").innerText();
        assertThat(panel).doesNotContain("impact.", "planner.", "grid_leader", "coordinator", "was the second");

        // every ring whose counts the merge changes is marked as changed, the others "＝": the same dry run asked here
        HttpResponse<String> login = server.send("POST", "/api/session", "{\"username\":\"planmsg\",\"password\":\"" + PASSWORD + "\"}");
        String token = TestServer.json(login).get("token").asText();
        HttpResponse<String> dry = server.send("POST", "/api/grids/merge", "{\"grids\":[{\"id\":" + pair[7] + ",\"version\":" + pair[8]
                + "},{\"id\":" + pair[9] + ",\"version\":" + pair[10] + "}],\"dryRun\":true}", "Authorization", "Bearer " + token);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        int changedRings = 0;
        for (JsonNode ring : TestServer.json(dry).path("compliance")) {
            boolean changed = ring.path("withinChange").asLong() != 0
                    || ring.path("before").path("origins").asLong() != ring.path("after").path("origins").asLong();
            String shown = page.locator("[data-testid=impact-ring][data-ring='" + ring.path("ring").asText() + "'] .change").innerText();
            if (changed) {
                changedRings++;
                assertThat(shown).as("ring " + ring.path("ring").asText()).doesNotContain("＝").isNotBlank();
            } else {
                assertThat(shown).as("ring " + ring.path("ring").asText()).isEqualTo("＝");
            }
        }
        assertThat(changedRings).as("a merge changes at least the hubs' ring").isPositive();
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
