package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gridmap.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;

/**
 * A villager on a phone, by hand: follows a shared link to their home, opens "where am I", swipes the home
 * above the sheet and taps it. The answer keeps apart the nearest service point (which may belong to another
 * grid) and the villager's own grid with its hub, points and staff; the headline says whether the 5-minute
 * promise holds; every ring of the chain says how it is travelled; the sheet's handle drags it up and down.
 * The server's answers for the tapped place are the oracle.
 */
class VillagerBrowserTest extends MapBrowserTest {

    private static String at(String path, double lon, double lat) {
        return String.format(Locale.ROOT, "%s?lon=%.7f&lat=%.7f", path, lon, lat);
    }

    /** Opens the phone map at a place (the address a shared link carries), zoom 17. */
    private Page openAt(double lon, double lat) {
        String address = String.format(Locale.ROOT, "/#map=17.00/%.5f/%.5f", lat, lon);
        return HeadlessChromium.openMap(newContext(HeadlessChromium.screen(390, 844, true)), server.url(address));
    }

    /**
     * Opens "where am I", swipes the map up so the place sits above the sheet, taps the place's pixel (from the
     * view in the address) and returns the lon/lat tapped.
     */
    private static double[] tapHome(Page page, double lon, double lat) {
        page.locator("[data-testid=mode-villager]").tap();
        page.waitForSelector("[data-testid=villager-panel]:not([hidden])");
        idle(page);
        BoundingBox map = page.locator("#map").boundingBox();
        double cx = map.x + map.width / 2;
        double cy = map.y + map.height / 2;
        MapView before = MapView.of(page);
        double sheetTop = page.locator("[data-testid=villager-panel]").boundingBox().y;
        new Finger(page).swipe(cx, cy, cx, (map.y + 60 + sheetTop) / 2);
        MapView view = before.awaitChange(page);
        idle(page);
        view = MapView.of(page);
        // the place's offset from the map's centre, in CSS pixels
        double[] origin = view.lonLatAt(0, 0);
        double res = view.resolution();
        double dx = (Math.toRadians(lon) - Math.toRadians(origin[0])) * 6378137.0 / res;
        double dy = -(mercY(lat) - mercY(origin[1])) / res;
        page.touchscreen().tap(cx + dx, cy + dy);
        page.waitForSelector("[data-testid=villager-panel][data-state=ready]");
        return view.lonLatAt(dx, dy);
    }

    private static double mercY(double lat) {
        return 6378137.0 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
    }

    /** A household whose nearest service point on foot lies in another grid than its own. */
    private static double[] householdServedFromAnotherGrid() throws Exception {
        List<double[]> candidates = new ArrayList<>();
        try (Connection c = server.database().connection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT ST_X(h.geom), ST_Y(h.geom) FROM households h
                     CROSS JOIN LATERAL (SELECT f.grid_id FROM facilities f WHERE f.level = 'point'
                                         ORDER BY f.geom <-> h.geom LIMIT 1) p
                     WHERE p.grid_id <> h.grid_id ORDER BY h.id LIMIT 30""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) candidates.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
        for (double[] h : candidates) {
            JsonNode nearest = get(at("/api/nearest", h[0], h[1]) + "&k=3");
            JsonNode own = get(at("/api/grids/at", h[0], h[1]));
            if (nearest.path("reachable").asBoolean() && own.path("grid").path("id").asLong() == nearest.path("grid").path("id").asLong()
                    && nearest.path("point").path("grid").path("id").asLong() != own.path("grid").path("id").asLong()) {
                return h;
            }
        }
        throw new AssertionError("no household served from another grid among " + candidates.size());
    }

    /**
     * The walk is drawn in full: no grid, village or facility name is painted over it. Every few pixels along the
     * route the server answered (away from the two markers), the screenshot shows the route's blue.
     */
    @Test
    void noLabelIsDrawnOverTheWalk() throws Exception {
        double[] home = householdServedFromAnotherGrid();
        Page page = openAt(home[0], home[1]);
        double[] tapped = tapHome(page, home[0], home[1]);
        JsonNode nearest = get(at("/api/nearest", tapped[0], tapped[1]) + "&k=3");
        // the view settles after fitting the walk: the address stops changing
        MapView view = MapView.of(page);
        for (int i = 0; i < 20; i++) {
            idle(page);
            page.waitForTimeout(800);
            MapView now = MapView.of(page);
            if (now.equals(view)) break;
            view = now;
        }
        BoundingBox map = page.locator("#map").boundingBox();
        double sheetTop = page.locator("[data-testid=villager-panel]").boundingBox().y;
        double dpr = ((Number) page.evaluate("() => window.devicePixelRatio")).doubleValue();
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshot()));
        double[] origin = view.lonLatAt(0, 0);
        double res = view.resolution();
        java.util.function.Function<double[], double[]> px = (ll) -> new double[] {
            map.x + map.width / 2 + Math.toRadians(ll[0] - origin[0]) * 6378137.0 / res,
            map.y + map.height / 2 - (mercY(ll[1]) - mercY(origin[1])) / res};
        double[] you = px.apply(new double[] {nearest.path("origin").get(0).asDouble(), nearest.path("origin").get(1).asDouble()});
        double[] point = px.apply(new double[] {nearest.path("point").path("lon").asDouble(), nearest.path("point").path("lat").asDouble()});
        JsonNode coords = nearest.path("route").path("coordinates");
        int sampled = 0;
        List<String> covered = new ArrayList<>();
        for (int i = 0; i + 1 < coords.size(); i++) {
            double[] a = px.apply(new double[] {coords.get(i).get(0).asDouble(), coords.get(i).get(1).asDouble()});
            double[] b = px.apply(new double[] {coords.get(i + 1).get(0).asDouble(), coords.get(i + 1).get(1).asDouble()});
            int n = (int) Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 3);
            for (int k = 0; k <= n; k++) {
                double x = a[0] + (b[0] - a[0]) * k / Math.max(1, n);
                double y = a[1] + (b[1] - a[1]) * k / Math.max(1, n);
                // the markers, the service point's own name above it, the map's edges and the sheet are left out
                if (Math.hypot(x - you[0], y - you[1]) < 22) continue;
                // the walk's two ends (round caps, where the dashed leg from the road meets it)
                if ((i == 0 && k * 3 < 8) || (i + 2 == coords.size() && (n - k) * 3 < 8)) continue;
                if (Math.abs(x - point[0]) < 90 && y > point[1] - 50 && y < point[1] + 22) continue;
                if (x < map.x + 10 || x > map.x + map.width - 10 || y < map.y + 10 || y > sheetTop - 10) continue;
                int rgb = shot.getRGB((int) Math.round(x * dpr), (int) Math.round(y * dpr));
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int bl = rgb & 0xff;
                sampled++;
                // the route's blue #1565c0
                if (Math.abs(r - 0x15) > 45 || Math.abs(g - 0x65) > 45 || Math.abs(bl - 0xc0) > 45) {
                    covered.add(String.format(Locale.ROOT, "(%.0f,%.0f)=#%06x", x, y, rgb & 0xffffff));
                }
            }
        }
        assertThat(sampled).as("the walk in sight").isGreaterThan(10);
        assertThat(covered).as("places where something is drawn over the walk, of " + sampled).isEmpty();
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void theNearestPointAndTheVillagersOwnGridAreShownApart() throws Exception {
        double[] home = householdServedFromAnotherGrid();
        Page page = openAt(home[0], home[1]);
        double[] tapped = tapHome(page, home[0], home[1]);
        assertThat(tapped[0]).as("tapped longitude").isCloseTo(home[0], offset(0.00003));
        assertThat(tapped[1]).as("tapped latitude").isCloseTo(home[1], offset(0.00003));

        JsonNode nearest = get(at("/api/nearest", tapped[0], tapped[1]) + "&k=3");
        JsonNode own = get(at("/api/grids/at", tapped[0], tapped[1]));
        JsonNode pointGridOf = nearest.path("point").path("grid");
        assertThat(pointGridOf.path("id").asLong()).isNotEqualTo(own.path("grid").path("id").asLong());
        page.waitForSelector("[data-testid=own-facilities]");

        assertThat(page.locator("[data-testid=point-name]").innerText()).isEqualTo(nearest.path("point").path("name").asText());
        Locator pointGrid = page.locator("[data-testid=point-grid]");
        assertThat(pointGrid.getAttribute("data-grid-id")).isEqualTo(pointGridOf.path("id").asText());
        assertThat(pointGrid.innerText()).contains(pointGridOf.path("name").asText(), nearest.path("point").path("village").path("name").asText());
        assertThat(page.locator("[data-testid=point-elsewhere]").isVisible()).isTrue();

        Locator gridName = page.locator("[data-testid=grid-name]");
        assertThat(gridName.getAttribute("data-grid-id")).isEqualTo(own.path("grid").path("id").asText());
        assertThat(gridName.innerText()).isEqualTo(own.path("grid").path("name").asText());
        assertThat(page.locator("[data-testid=grid-code]").innerText()).isEqualTo(own.path("grid").path("code").asText());
        assertThat(page.locator("[data-testid=village-name]").innerText()).isEqualTo(own.path("village").path("name").asText());

        List<String> ownFacilities = new ArrayList<>();
        own.path("facilities").forEach(f -> {
            if (f.path("level").asText().equals("grid") || f.path("level").asText().equals("point")) ownFacilities.add(f.path("name").asText());
        });
        assertThat(ownFacilities).as("the grid's hub and points").isNotEmpty();
        assertThat(page.locator("[data-testid=own-facilities] li .name").allInnerTexts()).containsExactlyElementsOf(ownFacilities);

        List<String> staff = new ArrayList<>();
        own.path("staff").forEach(s -> staff.add(s.path("name").asText()));
        assertThat(page.locator("[data-testid=staff-cards] .staff-card .who").allInnerTexts()).containsExactlyElementsOf(staff);

        // the chain: which grid it follows after the point, and how each ring is travelled (the ring policy)
        assertThat(page.locator("[data-testid=chain-via]").innerText()).contains(pointGridOf.path("name").asText());
        Map<Integer, String> modes = new HashMap<>();
        get("/api/rings").path("rings").forEach(r -> modes.put(r.path("ring").asInt(), r.path("mode").asText()));
        Locator rows = page.locator("[data-testid=chain-row]");
        assertThat(rows.count()).isEqualTo(nearest.path("chain").size()).isPositive();
        for (int i = 0; i < rows.count(); i++) {
            int ring = Integer.parseInt(rows.nth(i).getAttribute("data-ring"));
            String expected = switch (modes.get(ring)) {
                case "walk" -> "步行";
                case "drive" -> "驾车";
                default -> throw new AssertionError("a mode the test does not know: " + modes.get(ring));
            };
            assertThat(rows.nth(i).locator("[data-testid=chain-mode]").innerText()).isEqualTo(expected);
        }

        // the headline's verdict agrees with the server's time and the promise
        double limit = nearest.path("chain").get(0).path("limitSeconds").asDouble();
        boolean within = nearest.path("travelSeconds").asDouble() <= limit;
        Locator verdict = page.locator("[data-testid=walk-verdict]");
        assertThat(verdict.getAttribute("data-ok")).isEqualTo(String.valueOf(within));
        assertThat(verdict.innerText()).startsWith(within ? "✓" : "✗");
        assertThat(outside).as("requests beyond the server").isEmpty();
    }

    @Test
    void aHomeBeyondFiveMinutesSeesACrossInTheHeadline() throws Exception {
        JsonNode ring = null;
        for (JsonNode r : get("/api/rings/compliance").path("rings")) {
            if (r.path("from").asText().equals("household")) ring = r;
        }
        assertThat(ring).as("the households' ring").isNotNull();
        double limit = ring.path("limitSeconds").asDouble();
        double[] home = null;
        for (JsonNode w : ring.path("worst")) {
            if (w.path("seconds").isNumber() && w.path("seconds").asDouble() > limit + 30) {
                JsonNode answer = get(at("/api/nearest", w.path("lon").asDouble(), w.path("lat").asDouble()));
                if (answer.path("reachable").asBoolean() && answer.path("travelSeconds").asDouble() > limit + 30) {
                    home = new double[] {w.path("lon").asDouble(), w.path("lat").asDouble()};
                    break;
                }
            }
        }
        assertThat(home).as("a reachable household beyond the promise").isNotNull();
        Page page = openAt(home[0], home[1]);
        double[] tapped = tapHome(page, home[0], home[1]);
        JsonNode nearest = get(at("/api/nearest", tapped[0], tapped[1]));
        assertThat(nearest.path("travelSeconds").asDouble()).isGreaterThan(limit);
        Locator verdict = page.locator("[data-testid=walk-verdict]");
        assertThat(verdict.getAttribute("data-ok")).isEqualTo("false");
        assertThat(verdict.innerText()).startsWith("✗").contains("超过", String.valueOf(Math.round(limit / 60)));
    }

    @Test
    void theSheetIsDraggedUpAndDownByItsHandle() {
        Page page = open(390, 844, true);
        page.locator("[data-testid=mode-villager]").tap();
        Locator sheet = page.locator("[data-testid=villager-panel]");
        sheet.waitFor();
        idle(page);
        MapView view = MapView.of(page);
        BoundingBox start = sheet.boundingBox();
        BoundingBox handle = sheet.locator("[data-testid=sheet-handle]").boundingBox();
        assertThat(handle.height).as("a handle a finger can hold").isGreaterThanOrEqualTo(44);
        double hx = handle.x + handle.width / 2;
        double hy = handle.y + handle.height / 2;

        new Finger(page).swipe(hx, hy, hx, hy - 300);
        BoundingBox higher = sheet.boundingBox();
        assertThat(higher.height).as("dragged up 300 px").isCloseTo(start.height + 300, offset(6.0));
        assertThat(higher.y + higher.height).isCloseTo(844, offset(1.0));

        new Finger(page).swipe(hx, higher.y + 22, hx, higher.y + 22 + 200);
        BoundingBox lower = sheet.boundingBox();
        assertThat(lower.height).as("then down 200 px").isCloseTo(higher.height - 200, offset(6.0));
        assertThat(lower.y + lower.height).isCloseTo(844, offset(1.0));
        assertThat(MapView.of(page)).as("dragging the sheet leaves the map where it was").isEqualTo(view);
    }
}
