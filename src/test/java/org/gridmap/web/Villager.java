package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

/** A villager's hands: opening "where am I" and pointing at the middle of the town, as a person does. */
final class Villager {
    private Villager() { }

    /**
     * Taps (or clicks) the villager button; on a phone swipes the town's middle up above the sheet; then taps
     * (clicks) there and waits for the answer.
     */
    static void askWhereIAm(Page page, boolean phone) {
        BoundingBox map = page.locator("#map").boundingBox();
        double x = map.x + map.width / 2;
        double y = map.y + map.height / 2;
        Locator button = page.locator("[data-testid=mode-villager]");
        if (phone) button.tap(); else button.click();
        page.waitForSelector("[data-testid=villager-panel]:not([hidden])");
        MapBrowserTest.idle(page);
        if (phone) {
            MapView before = MapView.of(page);
            double top = page.locator("[data-testid=villager-panel]").boundingBox().y;
            double target = (map.y + 60 + top) / 2;
            new Finger(page).swipe(x, y, x, target);
            before.awaitChange(page);
            MapBrowserTest.idle(page);
            y = target;
            page.touchscreen().tap(x, y);
        } else {
            page.mouse().click(x, y);
        }
        page.waitForSelector("[data-testid=villager-panel][data-state=ready], [data-testid=villager-panel][data-state=unreachable],"
                + " [data-testid=villager-panel][data-state=outside], [data-testid=villager-panel][data-state=error]");
        assertThat(page.locator("[data-testid=villager-panel]").getAttribute("data-state")).isIn("ready", "unreachable");
        MapBrowserTest.idle(page);
    }
}
