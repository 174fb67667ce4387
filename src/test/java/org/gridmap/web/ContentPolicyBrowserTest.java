package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy and the cross-site check in a real browser with the policy enforced: the map and the
 * OGC HTML pages work under it without a single violation, the map's own pages write with the session cookie, and
 * script injected into the page does not run.
 */
class ContentPolicyBrowserTest extends MapBrowserTest {
    private static final String RECORD_VIOLATIONS = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation',"
            + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

    @SuppressWarnings("unchecked")
    static List<String> violations(Page page) {
        return (List<String>) page.evaluate("() => window.__violations");
    }

    /** Polls from here: Playwright's own waitForFunction would need eval in the page, which the policy forbids. */
    static void waitUntil(Page page, String predicate) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (Boolean.TRUE.equals(page.evaluate(predicate))) return;
            Thread.sleep(100);
        }
        throw new AssertionError("never true: " + predicate);
    }

    BrowserContext enforcingContext() {
        BrowserContext context = newContext(HeadlessChromium.screen(1280, 800, false).setBypassCSP(false));
        context.addInitScript(RECORD_VIOLATIONS);
        return context;
    }

    @Test
    void theMapRunsUnderThePolicyAndInjectedScriptDoesNot() throws Exception {
        Page page = enforcingContext().newPage();
        page.setDefaultTimeout(60_000);
        page.navigate(server.url("/"));
        waitUntil(page, "() => !!(window.gridmap && window.gridmap.ready && window.gridmap.featureCount('grids') > 0)");
        assertThat(json(page.evaluate("() => window.gridmap.ready")).get("failed").asInt()).isZero();
        page.click("[data-testid=language-switch]");
        page.click("[data-testid=layers-button]");
        idle(page);
        // the legend swatches' inline styles apply
        assertThat(page.evaluate("() => getComputedStyle(document.querySelector('[data-tab-panel=history] .swatch:not(.line)'))"
                + ".backgroundColor")).isEqualTo("rgb(46, 125, 50)");
        assertThat(violations(page)).isEmpty();

        Object ran = page.evaluate("() => { const s = document.createElement('script');"
                + " s.textContent = 'window.__injected = true'; document.head.appendChild(s);"
                + " return window.__injected === true; }");
        assertThat(ran).isEqualTo(false);
        assertThat(violations(page)).anySatisfy(v -> assertThat(v).startsWith("script-src"));
        assertThat(outside).isEmpty();
    }

    @Test
    void theMapsOwnPagesWriteWithTheSessionCookie() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("csp-monitor", Role.MONITOR,
                "monitor-password-1".toCharArray());
        double[] at = new double[2];
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_X(geom), ST_Y(geom) FROM households ORDER BY id LIMIT 1")) {
            rs.next();
            at[0] = rs.getDouble(1);
            at[1] = rs.getDouble(2);
        }
        Page page = enforcingContext().newPage();
        page.navigate(server.url("/"));
        Object login = page.evaluate("async () => (await fetch('/api/session', {method: 'POST', headers: {'Content-Type':"
                + " 'application/json'}, body: JSON.stringify({username: 'csp-monitor', password: 'monitor-password-1'})})).status");
        assertThat(login).isEqualTo(201);
        String hazard = String.format(Locale.ROOT, "{name: '浏览器测试点', type: 'collapse', radius_m: 10, "
                + "geometry: {type: 'Point', coordinates: [%.7f, %.7f]}}", at[0], at[1]);
        // no Authorization header: the cookie alone logs the request in, and the browser marks it same-origin
        Object created = page.evaluate("async () => (await fetch('/api/hazards', {method: 'POST', headers: {'Content-Type':"
                + " 'application/json'}, body: JSON.stringify(" + hazard + ")})).status");
        assertThat(created).isEqualTo(201);
        assertThat(violations(page)).isEmpty();
    }

    @Test
    void theOgcPagesKeepTheirStyle() {
        Page page = enforcingContext().newPage();
        page.navigate(server.url("/ogc/collections?f=html"));
        assertThat(page.locator("h1").innerText()).isEqualTo("图层集合");   // the context reads zh-CN
        assertThat(page.evaluate("() => getComputedStyle(document.body).maxWidth")).isEqualTo("1120px");
        assertThat(violations(page)).isEmpty();
    }
}
