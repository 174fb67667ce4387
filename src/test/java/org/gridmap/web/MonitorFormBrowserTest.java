package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hazard monitor filling in the form for a new hazard: a missing name is said under the name field (and
 * nothing is saved); ticking 阻断道路 asks first, a "cancel" leaves it unticked, and only a confirmed tick
 * saves a hazard that blocks roads.
 */
class MonitorFormBrowserTest extends MapBrowserTest {
    private static final String PASSWORD = "monitor-form-3";

    @BeforeAll
    static void createAccount() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("former", Role.MONITOR, PASSWORD.toCharArray());
    }

    private static long hazards(String name, boolean blocking) throws Exception {
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM hazards WHERE name = ? AND blocks_roads = ?")) {
            ps.setString(1, name);
            ps.setBoolean(2, blocking);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aMissingNameIsSaidAtItsFieldAndBlockingRoadsIsConfirmedFirst() throws Exception {
        Page page = MapLogin.openMode(newContext(HeadlessChromium.screen(1280, 800, false)), server.url(""), "monitor");
        MapLogin.logIn(page, "former", PASSWORD, false);
        page.waitForSelector("[data-testid=monitor-panel]:not([hidden])");

        // the monitor looks at a known hazard (the map centres its zone right of the panel), closes it, and
        // clicks the map just below its zone: that pins the new hazard
        page.click("[data-testid=hazard-item][data-code='HZ50010710900005']");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready]");
        page.click("[data-testid=hazard-detail-close]");
        Locator zone = page.locator("[data-testid=hazard-detail]");
        zone.waitFor(new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
        BoundingBox mapBox = page.locator("#map").boundingBox();
        page.waitForTimeout(800); // the view's animation to the zone
        page.mouse().click(mapBox.x + 845, mapBox.y + 620);
        page.waitForSelector("[data-testid=hazard-form]:visible");
        page.waitForSelector("[data-testid=hazard-impact][data-state=ready]");

        // saving without a name: the error sits right under the name field, and nothing is saved
        page.click("[data-testid=hazard-save]");
        Locator nameError = page.locator("[data-testid=field-error-name]");
        nameError.waitFor();
        assertThat(nameError.innerText()).contains("名称");
        assertThat(page.locator("[data-testid=hazard-name]").getAttribute("aria-describedby")).isEqualTo(nameError.getAttribute("id"));
        BoundingBox field = page.locator("[data-testid=hazard-name]").boundingBox();
        BoundingBox error = nameError.boundingBox();
        assertThat(error.y - (field.y + field.height)).as("gap between the field and its error, px").isBetween(-1.0, 12.0);
        assertThat(page.locator("[data-testid=hazard-form-error]").isVisible()).as("no error far below the form").isFalse();
        assertThat(page.evaluate("() => document.activeElement.name")).isEqualTo("name");
        String name = "阻断确认测试点";
        page.fill("[data-testid=hazard-name]", name);
        assertThat(nameError.count()).as("typing clears the error").isZero();

        // 阻断道路 asks first; cancelled, it stays unticked
        Locator blocks = page.locator("[data-testid=hazard-blocks]");
        blocks.click();
        Locator ask = page.locator("[data-testid=hazard-form-block-confirm]");
        ask.waitFor();
        assertThat(ask.innerText()).contains("封闭", "道路");
        assertThat(blocks.isChecked()).isFalse();
        page.click("[data-testid=hazard-form-block-no]");
        assertThat(ask.count()).isZero();
        assertThat(blocks.isChecked()).isFalse();

        // confirmed, it is ticked, and the saved hazard blocks roads
        blocks.click();
        page.click("[data-testid=hazard-form-block-yes]");
        assertThat(blocks.isChecked()).isTrue();
        page.click("[data-testid=hazard-save]");
        page.waitForSelector("[data-testid=monitor-panel][data-state=detail]");
        page.waitForSelector("[data-testid=hazard-detail][data-state=ready]");
        assertThat(hazards(name, true)).isEqualTo(1);
        assertThat(hazards(name, false)).isZero();
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
