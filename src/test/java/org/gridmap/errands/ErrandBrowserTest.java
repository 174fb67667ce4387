package org.gridmap.errands;

import com.microsoft.playwright.Browser;
import org.gridmap.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What the errands' browser tests share: the errand town on its own server and clock, and the headless Chromium. */
abstract class ErrandBrowserTest {
    static ErrandTown town;
    static Chromium chromium;
    static Browser browser;

    @BeforeAll
    static void startTownAndBrowser() throws Exception {
        town = new ErrandTown();
        chromium = Chromium.start();
        browser = chromium.browser();
    }

    @AfterAll
    static void stopTownAndBrowser() {
        if (chromium != null) chromium.close();
        if (town != null) town.close();
    }
}
