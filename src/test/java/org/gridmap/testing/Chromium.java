package org.gridmap.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;

/** The headless Chromium a test class drives: started before its tests, closed after them. */
public record Chromium(Playwright playwright, Browser browser) implements AutoCloseable {
    public static Chromium start() {
        Playwright playwright = HeadlessChromium.playwright();
        try {
            return new Chromium(playwright, HeadlessChromium.launch(playwright));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
