package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Geolocation;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.MapLogin;
import org.gridmap.testing.MvtReader;
import org.junit.jupiter.api.Test;

/**
 * A grid's staff member on a phone opens "visits", logs in, sees the grid's households not yet visited this month
 * in a list and on the map (tiles only its staff may read), records a visit with a finding from where the phone
 * stands (the browser's geolocation), and the list and the map's layer lose that household. An anonymous reader
 * sees only the villages' completion. The database and the server's tiles are the oracle.
 */
class VisitsBrowserTest extends MapBrowserTest {
    private static final String PASSWORD = "visits-browser-password";

    @Test
    void aStaffMemberOnAPhoneRecordsAVisitAndTheLayerUpdates() throws Exception {
        long grid = longOf("SELECT g.id FROM grids g JOIN staff s ON s.grid_id = g.id AND s.role = 'grid_leader' "
                + "WHERE (SELECT count(*) FROM households h WHERE h.grid_id = g.id) BETWEEN 20 AND 200 ORDER BY g.id LIMIT 1");
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("walker", Role.STAFF, PASSWORD.toCharArray());
        exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'walker') WHERE grid_id = " + grid
                + " AND role = 'grid_leader'");
        TreeSet<Long> unvisited = unvisited(grid);
        long h = unvisited.first();
        double[] home = doubles("SELECT ST_X(geom), ST_Y(geom) FROM households WHERE id = " + h);

        Page page = HeadlessChromium.openMap(newContext(HeadlessChromium.screen(390, 844, true)
                .setGeolocation(new Geolocation(home[1] + 0.0002, home[0])).setPermissions(List.of("geolocation"))), server.url("/"));
        List<Response> tiles = new CopyOnWriteArrayList<>();
        page.onResponse(r -> {
            if (r.url().contains("/unvisited/tiles/")) tiles.add(r);
        });
        page.locator("[data-testid=mode-visits]").tap();
        page.waitForSelector("[data-testid=visits-panel]:not([hidden])");
        page.locator("[data-testid=visits-login]").tap();
        MapLogin.logIn(page, "walker", PASSWORD, true);

        page.waitForSelector("[data-testid=visits-panel][data-mine=ready]");
        assertThat(listed(page)).isEqualTo(unvisited);
        idle(page);
        // the map drew the grid's households from tiles only its staff may read
        assertThat(tiles).isNotEmpty();
        assertThat(tiles).allSatisfy(r -> assertThat(r.status()).isIn(200, 204));
        TreeSet<Long> drawn = idsIn(tiles);
        assertThat(drawn).contains(h).isSubsetOf(unvisited);

        page.locator("[data-testid=visit-household][data-household='" + h + "'] [data-testid=visit-record]").tap();
        page.selectOption("[data-testid=visit-outcome]", "met");
        page.fill("[data-testid=visit-findings]", "屋后边坡出现裂缝");
        page.fill("[data-testid=visit-notes]", "老人独居");
        int before = tiles.size();
        page.locator("[data-testid=visit-save]").tap();
        page.waitForSelector("[data-testid=visit-household][data-household='" + h + "']",
                new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));
        page.waitForSelector("[data-testid=visits-panel][data-mine=ready]");
        assertThat(page.locator("[data-testid=visits-message]").innerText()).contains(String.valueOf(h));
        TreeSet<Long> left = unvisited(grid);
        assertThat(left).doesNotContain(h).hasSize(unvisited.size() - 1);
        assertThat(listed(page)).isEqualTo(left);
        // the layer fetched its tiles again, and they no longer hold the household
        idle(page);
        List<Response> after = new ArrayList<>(tiles.subList(before, tiles.size()));
        assertThat(after).isNotEmpty();
        TreeSet<Long> redrawn = idsIn(after);
        assertThat(redrawn).doesNotContain(h).isNotEmpty().isSubsetOf(left);

        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT outcome, findings, notes, ST_X(position), ST_Y(position), staff_name, "
                + "(SELECT name FROM staff WHERE grid_id = " + grid + " AND role = 'grid_leader') FROM visits WHERE household_id = " + h
                + " ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("met");
            assertThat(rs.getString(2)).isEqualTo("屋后边坡出现裂缝");
            assertThat(rs.getString(3)).isEqualTo("老人独居");
            assertThat(rs.getDouble(4)).isCloseTo(home[0], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(rs.getDouble(5)).isCloseTo(home[1] + 0.0002, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(rs.getString(6)).isEqualTo(rs.getString(7));
        }
        screenshot(page, "screenshot-visits-phone.png");
    }

    @Test
    void anAnonymousReaderSeesOnlyTheVillagesCompletion() throws Exception {
        Page page = open(390, 844, true);
        List<Response> responses = new CopyOnWriteArrayList<>();
        page.onResponse(responses::add);
        page.locator("[data-testid=mode-visits]").tap();
        page.waitForSelector("[data-testid=visits-panel][data-dashboard=ready]");
        assertThat(page.locator("[data-testid=visit-dashboard-row]").count()).isEqualTo((int) longOf("SELECT count(*) FROM villages"));
        assertThat(page.locator("[data-testid=visits-login]").isVisible()).isTrue();
        assertThat(page.locator("[data-testid=visits-mine]").isVisible()).isFalse();
        idle(page);
        assertThat(responses).anySatisfy(r -> assertThat(r.url()).contains("/api/visits/completion/tiles/"));
        assertThat(responses).noneSatisfy(r -> assertThat(r.url()).contains("/unvisited"));
        String month = page.locator("[data-testid=visits-month-label]").innerText();
        assertThat(page.locator("[data-testid=visits-export-xlsx]").getAttribute("href"))
                .isEqualTo("/api/dashboard/export?month=" + month + "&format=xlsx");
    }

    /** The households listed in the panel. */
    private static TreeSet<Long> listed(Page page) {
        TreeSet<Long> out = new TreeSet<>();
        for (Locator row : page.locator("[data-testid=visit-household]").all()) out.add(Long.parseLong(row.getAttribute("data-household")));
        return out;
    }

    private static TreeSet<Long> idsIn(List<Response> tiles) {
        TreeSet<Long> out = new TreeSet<>();
        for (Response r : tiles) {
            if (r.status() != 200) continue;
            MvtReader.Layer layer = MvtReader.read(r.body()).get("unvisited");
            if (layer != null) for (MvtReader.Feature f : layer.features()) out.add(f.id());
        }
        return out;
    }

    /** The grid's households with no counting visit in the server's month of now (town time), from the tables. */
    private static TreeSet<Long> unvisited(long grid) throws Exception {
        TreeSet<Long> out = new TreeSet<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT h.id FROM households h WHERE h.grid_id = " + grid + " AND NOT EXISTS (SELECT 1 FROM visits x "
                + "WHERE x.household_id = h.id AND x.outcome IN ('met', 'refused') AND to_char(x.visited_at AT TIME ZONE "
                + "'Asia/Shanghai', 'YYYY-MM') = to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'))")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        assertThat(out).hasSizeGreaterThan(2);
        return out;
    }

    private static long longOf(String sql) throws Exception { return (long) doubles(sql)[0]; }

    private static double[] doubles(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            double[] out = new double[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getDouble(i + 1);
            return out;
        }
    }

    private static void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
