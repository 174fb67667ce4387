package org.gridmap.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The browser the UI tests drive: the system's Chromium, headless, with no background traffic; and a guard
 * that aborts (and records) every request a page sends anywhere but the server under test, so a test also
 * proves the map works without internet.
 */
public final class HeadlessChromium {
    private HeadlessChromium() { }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage")));
    }

    /** A desktop or phone screen in Chinese, at device scale 1 so screenshots are the stated size. */
    public static Browser.NewContextOptions screen(int width, int height, boolean phone) {
        // Playwright's waitForFunction polls by eval, which the server's Content-Security-Policy rightly forbids;
        // the policy itself is tested with it enforced (web.ContentPolicyBrowserTest).
        return new Browser.NewContextOptions().setViewportSize(width, height).setLocale("zh-CN")
                .setIsMobile(phone).setHasTouch(phone).setDeviceScaleFactor(1).setBypassCSP(true);
    }

    /** Opens the map in a new page and waits until its vector tiles loaded (none failed) and grids are drawn. */
    public static Page openMap(BrowserContext context, String url) {
        Page page = context.newPage();
        page.setDefaultTimeout(60_000);
        page.navigate(url);
        page.waitForFunction("() => window.gridmap && window.gridmap.ready");
        JsonNode tiles = TestServer.JSON.valueToTree(page.evaluate("() => window.gridmap.ready"));
        assertThat(tiles.get("loaded").asInt()).as("vector tiles loaded").isPositive();
        assertThat(tiles.get("failed").asInt()).as("vector tiles failed").isZero();
        page.waitForFunction("() => window.gridmap.featureCount('grids') > 0");
        return page;
    }

    public static void keepOffline(BrowserContext context, String origin, Set<String> outside) {
        context.route("**/*", route -> {
            String url = route.request().url();
            boolean ours = url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:");
            if (!ours) outside.add(url);
            try {
                if (ours) route.resume(); else route.abort();
            } catch (com.microsoft.playwright.PlaywrightException closing) {
                // the page or context closed while this request was in flight: nothing is left to route
            }
        });
    }
}
