package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A town official with the coverage view: downloads the compliance tables as CSV and Excel with a click, and
 * prints an A4 page with the map and the tables, without the toolbar, the mode bar, the map's buttons or a
 * clipped panel.
 */
class TownOfficialBrowserTest extends MapBrowserTest {

    private static byte[] fetch(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Test
    void downloadsTheTablesAndPrintsTheMapWithThem() throws Exception {
        Page page = open(1280, 800, false);
        page.click("[data-testid=mode-coverage]");
        page.waitForSelector("[data-testid=coverage-panel][data-state=ready]");

        // the worst cases read as places: village and grid, with the walking time against the promise
        JsonNode worst = null;
        for (JsonNode ring : get("/api/rings/compliance").path("rings")) {
            if (ring.path("from").asText().equals("household")) worst = ring.path("worst");
        }
        assertThat(worst.size()).isPositive();
        Locator first = page.locator("[data-testid=worst-item]").first();
        assertThat(first.locator("[data-testid=worst-where]").innerText())
                .isEqualTo(worst.get(0).path("village").path("name").asText() + " · " + worst.get(0).path("grid").path("name").asText());
        assertThat(first.innerText()).contains("步行", "承诺 5 分钟");

        Download csv = page.waitForDownload(() -> page.click("[data-testid=compliance-csv]"));
        assertThat(csv.suggestedFilename()).endsWith(".csv");
        byte[] file = Files.readAllBytes(csv.path());
        assertThat(file).as("the file the server writes for Chinese").isEqualTo(fetch("/api/rings/compliance/export?format=csv&lang=zh"));

        Download xlsx = page.waitForDownload(() -> page.click("[data-testid=compliance-xlsx]"));
        assertThat(xlsx.suggestedFilename()).endsWith(".xlsx");
        byte[] workbook = Files.readAllBytes(xlsx.path());
        assertThat(workbook.length).isGreaterThan(2000);
        assertThat(new String(workbook, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1)).as("a zip (Office Open XML)").isEqualTo("PK");

        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        for (String hidden : new String[] {".topbar", "[data-testid=mode-bar]", ".ol-zoom", ".ol-attribution", ".statusbar",
                "[data-testid=coverage-exit]", "[data-testid=compliance-csv]"}) {
            assertThat(page.locator(hidden).first().isVisible()).as(hidden + " on paper").isFalse();
        }
        Locator panel = page.locator("[data-testid=coverage-panel]");
        assertThat(panel.isVisible()).isTrue();
        assertThat(page.locator("#map").boundingBox().height).as("the map on paper").isGreaterThan(300);
        assertThat(page.evaluate("() => { const b = document.querySelector('#coverage-panel .card-body');"
                + " return b.scrollHeight - b.clientHeight; }")).as("the panel's tables are not clipped").isEqualTo(0);
        assertThat(panel.boundingBox().y).as("the tables below the map")
                .isGreaterThanOrEqualTo(page.locator("#map").boundingBox().y + page.locator("#map").boundingBox().height);
        assertThat(panel.innerText()).contains("四环达标率");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }
}
