package org.gridmap.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** Opening a mode of the map and logging in through the map's own dialog, as a person does it. */
public final class MapLogin {
    private MapLogin() { }

    /**
     * The map on a desk screen with the layer switcher closed (it would cover the panels), then the button of mode
     * {@code mode} clicked: an anonymous reader is asked to log in.
     */
    public static Page openMode(BrowserContext context, String origin, String mode) {
        Page page = HeadlessChromium.openMap(context, origin + "/");
        page.click("[data-testid=layer-switcher] [data-role=close]");
        page.click("[data-testid=mode-" + mode + "]");
        return page;
    }

    /**
     * Waits for the login dialog, clicks (on a phone: taps) each field and types over what it holds (a dialog opened
     * again keeps the last name typed), presses Enter, and waits until the dialog has closed.
     */
    public static void logIn(Page page, String user, String password, boolean phone) {
        Locator dialog = page.locator("[data-testid=login-dialog]");
        dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        touch(page, "[data-testid=login-username]", phone);
        page.keyboard().type(user);
        touch(page, "[data-testid=login-password]", phone);
        page.keyboard().type(password);
        page.keyboard().press("Enter");
        dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    }

    private static void touch(Page page, String selector, boolean phone) {
        if (phone) page.locator(selector).tap(); else page.click(selector);
        page.keyboard().press("Control+A");
    }
}
