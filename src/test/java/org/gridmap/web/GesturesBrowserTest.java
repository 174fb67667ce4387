package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;

/**
 * The map moves at once under a person's hands: the wheel zooms and a drag pans without clicking the map
 * first, and still does after the search box was used; on a phone a one-finger swipe pans. The view is read
 * from the address (#map=…), which follows the map.
 */
class GesturesBrowserTest extends MapBrowserTest {

    private static MapView settledView(Page page) {
        page.waitForFunction("() => location.hash.startsWith('#map=')");
        idle(page);
        return MapView.of(page);
    }

    private static void wheelIn(Page page, double x, double y) {
        page.mouse().move(x, y);
        page.mouse().wheel(0, -240);
    }

    /** A slow drag that stops before the button is let go, so no kinetic glide follows. */
    private static void drag(Page page, double x0, double y0, double x1, double y1) {
        page.mouse().move(x0, y0);
        page.mouse().down();
        page.mouse().move(x1, y1, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(12));
        page.waitForTimeout(150);
        page.mouse().up();
    }

    @Test
    void wheelAndDragMoveTheMapWithoutAClickFirstAndAfterTheSearchBox() {
        Page page = open(1280, 800, false);
        BoundingBox map = page.locator("#map").boundingBox();
        double cx = map.x + map.width / 2;
        double cy = map.y + map.height / 2;

        MapView start = settledView(page);
        wheelIn(page, cx, cy);
        MapView zoomed = start.awaitChange(page);
        assertThat(zoomed.zoom()).as("the wheel zooms in at once").isGreaterThan(start.zoom());
        zoomed = settledView(page);

        drag(page, cx, cy, cx - 200, cy - 120);
        MapView dragged = zoomed.awaitChange(page);
        dragged = settledView(page);
        assertThat(dragged.lon()).as("dragging left shows what lies east").isGreaterThan(zoomed.lon());
        assertThat(dragged.lat()).as("dragging up shows what lies south").isLessThan(zoomed.lat());
        assertThat(dragged.zoom()).isEqualTo(zoomed.zoom());

        // the search box takes the keyboard; the map still answers the wheel and a drag right away
        Locator box = page.locator("[data-testid=search-box]");
        box.click();
        box.pressSequentially("白果");
        page.waitForSelector("[data-testid=search-results] [role=option]");
        wheelIn(page, cx + 150, cy + 100);
        MapView afterSearch = dragged.awaitChange(page);
        assertThat(afterSearch.zoom()).as("the wheel zooms after typing in the search box").isGreaterThan(dragged.zoom());
        afterSearch = settledView(page);

        // choose a result: the map flies to it; a drag then pans from there
        page.locator("[data-testid=search-results] [role=option]").first().click();
        page.waitForSelector("[data-testid=feature-panel][data-state=ready]");
        MapView chosen = settledView(page);
        drag(page, cx + 200, cy, cx + 350, cy + 80);
        MapView pannedAgain = chosen.awaitChange(page);
        assertThat(pannedAgain.lon()).as("dragging right shows what lies west").isLessThan(chosen.lon());
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void aSwipeOnAPhonePansTheMapAtOnce() {
        Page page = open(390, 844, true);
        MapView start = settledView(page);
        new Finger(page).swipe(200, 420, 56, 324);
        MapView swiped = start.awaitChange(page);
        assertThat(swiped.lon()).as("a swipe to the left shows what lies east").isGreaterThan(start.lon());
        assertThat(swiped.lat()).as("a swipe up shows what lies south").isLessThan(start.lat());
        assertThat(swiped.zoom()).isEqualTo(start.zoom());
    }
}
