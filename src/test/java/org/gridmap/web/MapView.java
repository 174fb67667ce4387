package org.gridmap.web;

import com.microsoft.playwright.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The view as the address shows it (#map=zoom/lat/lon, what a person bookmarks or shares): an oracle outside
 * the application's internals for where the map looks. Pixels relative to the map's centre convert to lon/lat
 * with the Web Mercator formulas (256-pixel tiles), independently of OpenLayers.
 */
record MapView(double zoom, double lat, double lon) {
    private static final Pattern HASH = Pattern.compile("#map=([\\d.]+)/(-?[\\d.]+)/(-?[\\d.]+)$");
    private static final double EARTH = 6378137.0;

    static MapView of(Page page) {
        Matcher m = HASH.matcher(page.url());
        if (!m.find()) throw new AssertionError("no view in the address: " + page.url());
        return new MapView(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
    }

    /** Waits until the address shows a view different from this one, and returns it. */
    MapView awaitChange(Page page) {
        page.waitForFunction("(before) => location.hash.startsWith('#map=') && location.hash !== before", hash());
        return of(page);
    }

    String hash() {
        return String.format(java.util.Locale.ROOT, "#map=%.2f/%.5f/%.5f", zoom, lat, lon);
    }

    /** Metres (Web Mercator) per CSS pixel at this zoom. */
    double resolution() {
        return 2 * Math.PI * EARTH / 256 / Math.pow(2, zoom);
    }

    /** The lon/lat shown dx, dy CSS pixels right of and below the map's centre. */
    double[] lonLatAt(double dx, double dy) {
        double x = Math.toRadians(lon) * EARTH + dx * resolution();
        double y = EARTH * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) - dy * resolution();
        return new double[] {Math.toDegrees(x / EARTH), Math.toDegrees(2 * Math.atan(Math.exp(y / EARTH)) - Math.PI / 2)};
    }
}
