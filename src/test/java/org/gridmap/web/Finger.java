package org.gridmap.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

/**
 * One finger on a touch screen: Playwright taps but does not swipe, so the swipe goes through the browser's
 * own input channel (DevTools' Input.dispatchTouchEvent), as the touch screen's events would.
 */
final class Finger {
    private final Page page;
    private final CDPSession session;

    Finger(Page page) {
        this.page = page;
        this.session = page.context().newCDPSession(page);
    }

    private static JsonObject event(String type, double x, double y) {
        JsonObject params = new JsonObject();
        params.addProperty("type", type);
        JsonArray points = new JsonArray();
        if (!type.equals("touchEnd")) {
            JsonObject point = new JsonObject();
            point.addProperty("x", x);
            point.addProperty("y", y);
            point.addProperty("id", 1);
            points.add(point);
        }
        params.add("touchPoints", points);
        return params;
    }

    /** A slow swipe that rests before lifting, so no kinetic glide follows and the map moves by exactly the swipe. */
    void swipe(double x0, double y0, double x1, double y1) {
        session.send("Input.dispatchTouchEvent", event("touchStart", x0, y0));
        int steps = 12;
        for (int i = 1; i <= steps; i++) {
            session.send("Input.dispatchTouchEvent", event("touchMove", x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps));
            page.waitForTimeout(16);
        }
        page.waitForTimeout(150);
        session.send("Input.dispatchTouchEvent", event("touchEnd", 0, 0));
    }
}
