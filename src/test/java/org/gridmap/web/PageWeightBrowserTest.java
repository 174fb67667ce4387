package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;

/**
 * What a page costs a villager on a phone: the built assets are cached for good (their names change with
 * their content) while index.html is revalidated; an anonymous visit logs no error (no 401 from asking who
 * is logged in); the villager's page never fetches the planners', monitors' or officials' code, which loads
 * when its mode is first opened.
 */
class PageWeightBrowserTest extends MapBrowserTest {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+\\.(?:js|css))\"");

    @Test
    void hashedAssetsAreImmutableAndTheIndexIsRevalidated() throws Exception {
        HttpResponse<String> index = server.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        Matcher m = ASSET.matcher(index.body());
        int assets = 0;
        while (m.find()) {
            HttpResponse<String> asset = server.get(m.group(1));
            assertThat(asset.statusCode()).as(m.group(1)).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).as(m.group(1))
                    .hasValue("public, max-age=31536000, immutable");
            assets++;
        }
        assertThat(assets).as("script and style sheet named in index.html").isGreaterThanOrEqualTo(2);
        assertThat(server.get("/assets/no-such-file.js").statusCode()).isEqualTo(404);
    }

    @Test
    void aVillagersPageLoadsOnlyItsOwnCodeAndLogsNoError() {
        BrowserContext context = newContext(HeadlessChromium.screen(390, 844, true));
        List<String> errors = new CopyOnWriteArrayList<>();
        List<String> scripts = new CopyOnWriteArrayList<>();
        context.onConsoleMessage(message -> {
            if (message.type().equals("error")) errors.add(message.text());
        });
        context.onResponse(response -> {
            if (response.status() >= 400) errors.add(response.status() + " " + response.url());
            if (response.url().endsWith(".js")) scripts.add(response.url().replaceAll(".*/", ""));
        });
        Page page = HeadlessChromium.openMap(context, server.url("/"));
        Villager.askWhereIAm(page, true);

        assertThat(errors).as("errors in the console or failed requests of an anonymous visit").isEmpty();
        assertThat(scripts).as("scripts the villager's page fetched").isNotEmpty()
                .noneMatch(name -> name.matches("(planner|monitor|coverage|Draw)-.*"));

        // the coverage view's code arrives when a planner opens it
        page.locator("[data-testid=villager-exit]").tap();
        page.locator("[data-testid=mode-coverage]").tap();
        page.waitForSelector("[data-testid=coverage-panel][data-state=ready]");
        assertThat(scripts).anyMatch(name -> name.startsWith("coverage-"));
        assertThat(page.locator("[data-testid=coverage-panel]").innerText()).contains("四环");
        assertThat(errors).isEmpty();
    }
}
