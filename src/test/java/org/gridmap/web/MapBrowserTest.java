package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmap.testing.Chromium;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every browser test of the map shares: a real server over a fresh copy of the demo town, the system's
 * headless Chromium, pages that may only talk to that server (everything else is aborted and recorded in
 * {@link #outside}), and the map opened once its tiles have drawn.
 */
abstract class MapBrowserTest {
    static TestServer server;
    static Chromium chromium;
    static Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    /** Requests the page tried to send anywhere but the server under test: the map must need no internet. */
    final Set<String> outside = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        chromium = Chromium.start();
        browser = chromium.browser();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (chromium != null) chromium.close();
        if (server != null) server.close();
    }

    @AfterEach
    void closeContexts() {
        for (BrowserContext c : contexts) {
            // a request still being routed while the page goes away must not fail a test that already passed
            try {
                c.unrouteAll();
                c.close();
            } catch (com.microsoft.playwright.PlaywrightException closing) {
                // already closing with its page: nothing left to release
            }
        }
        contexts.clear();
    }

    /** A fresh browser context (its own cookies) that can reach only the server under test. */
    BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options);
        contexts.add(context);
        HeadlessChromium.keepOffline(context, server.url(""), outside);
        return context;
    }

    /** The map on a desktop or phone screen, once its vector tiles have drawn the grids. */
    Page open(int width, int height, boolean phone) {
        return HeadlessChromium.openMap(newContext(HeadlessChromium.screen(width, height, phone)), server.url("/"));
    }

    static JsonNode json(Object value) {
        return TestServer.JSON.valueToTree(value);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return TestServer.json(response);
    }

    static void idle(Page page) {
        page.evaluate("() => window.gridmap.idle()");
    }

    /**
     * Saves a screenshot under target/screenshots, or under the directory the system property
     * {@code gridmap.screenshots.dir} names: the README's pictures in docs/ change only when someone asks
     * for it ({@code bin/gridmap screenshots}), never as a side effect of running the tests.
     */
    static Path screenshot(Page page, String name) throws Exception {
        Path dir = Paths.get(System.getProperty("gridmap.screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        assertThat(Files.size(file)).isGreaterThan(10_000);
        return file;
    }
}
