package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.gridmap.testing.Axe;
import org.gridmap.testing.HeadlessChromium;
import org.gridmap.testing.MapLogin;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Errands from the web map, with real taps, clicks and typing in Chromium: a volunteer files an errand at the
 * service point on a phone and prints the four-part form; a grid leader, looking at their village as its station
 * would, sees the overdue errand marked on the map, zooms to it from the list and opens its path; the department
 * returns the result and closes the errand with the resident's rating. The errand API, plain SQL and zxing's
 * reader of the QR code as the browser drew it are the oracles; deadlines run on the server's injected clock.
 */
class ErrandWebBrowserTest extends ErrandBrowserTest {
    private static Page logIn(BrowserContext context, String user, boolean phone) {
        Page page = HeadlessChromium.openMap(context, town.server.url("/"));
        if (!phone) page.click("[data-testid=layer-switcher] [data-role=close]");
        tapOrClick(page, "[data-testid=mode-errands]", phone);
        MapLogin.logIn(page, user, user + "-password-1", phone);
        page.locator("[data-testid=errands-panel][data-state=ready]").waitFor();
        return page;
    }

    private static void tapOrClick(Page page, String selector, boolean phone) {
        if (phone) page.locator(selector).tap();
        else page.locator(selector).click();
    }

    private static void type(Page page, String selector, String text) {
        page.locator(selector).tap();
        page.keyboard().type(text);
    }

    private static Locator card(Page page, String number) {
        return page.locator("[data-testid=errand-item][data-number='" + number + "']");
    }

    /** Decodes the QR code in the pixels the browser drew. */
    private static String readQr(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)))).getText();
    }

    /**
     * The QR code as drawn, read once the page has settled: a screenshot taken while the form was still being laid out
     * (its fonts arriving) once held no readable code. Up to three screenshots, each read by zxing.
     */
    private static String readQrOnceDrawn(Page form, Locator qr) throws Exception {
        form.evaluate("document.fonts.ready.then(() => true)");
        com.google.zxing.NotFoundException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return readQr(qr.screenshot());
            } catch (com.google.zxing.NotFoundException e) {
                last = e;
                form.waitForTimeout(300);
            }
        }
        throw last;
    }

    @Test
    void aVolunteerFilesAnErrandAtThePointOnAPhoneAndPrintsTheForm() throws Exception {
        Set<String> outside = ConcurrentHashMap.newKeySet();
        BrowserContext context = browser.newContext(HeadlessChromium.screen(390, 844, true));
        HeadlessChromium.keepOffline(context, town.server.url(""), outside);
        Page page = logIn(context, "vo", true);

        page.locator("[data-testid=errand-new]").tap();
        page.locator("[data-testid=errand-file-form]").waitFor();
        // made for a finger: no serious axe violation, every control of the form at least 44 × 44 px
        assertThat(Axe.seriousViolations(page)).as("axe, filing form").isEmpty();
        JsonNode small = TestServer.JSON.valueToTree(page.evaluate("() => [...document.querySelectorAll("
                + "'[data-testid=errand-file-form] :is(button, select, input, textarea)')].filter((e) => !e.closest('[hidden]'))"
                + ".map((e) => [e.dataset.testid || e.textContent, (e.type === 'checkbox' ? e.closest('label') : e).getBoundingClientRect()])"
                + ".filter(([, r]) => r.width < 44 || r.height < 44).map(([name, r]) => name + ' ' + r.width + 'x' + r.height)"));
        assertThat(small).as("touch targets under 44 px").isEmpty();
        page.selectOption("[data-testid=errand-file-item]", "pension_claim");
        assertThat(page.inputValue("[data-testid=errand-file-channel]")).isEqualTo("point");
        type(page, "[data-testid=errand-file-place]", town.pointCode);
        type(page, "[data-testid=errand-file-name]", "李秀英");
        type(page, "[data-testid=errand-file-phone]", "100-0000-7788");
        type(page, "[data-testid=errand-file-note]", "行动不便");
        page.locator("[data-testid=errand-file-submit]").tap();
        page.locator("[data-testid=errand-filed]").waitFor();
        String number = page.textContent("[data-testid=errand-filed-number]");

        // what the server recorded is what was typed, at the point named, on the server's clock
        JsonNode filed = town.expect(200, "GET", "/api/errands/" + number, null, town.volunteer);
        assertThat(filed.get("item").get("code").asText()).isEqualTo("pension_claim");
        assertThat(filed.get("channel").asText()).isEqualTo("point");
        assertThat(filed.get("stage").asText()).isEqualTo("filed");
        assertThat(filed.get("resident").get("name").asText()).isEqualTo("李秀英");
        assertThat(filed.get("resident").get("phone").asText()).isEqualTo("100-0000-7788");
        assertThat(filed.get("resident").get("note").asText()).isEqualTo("行动不便");
        assertThat(filed.get("facilityId").asLong()).isEqualTo(town.longs("SELECT id FROM facilities WHERE code = '" + town.pointCode + "'")[0]);
        assertThat(filed.get("filedAt").asText()).isEqualTo(town.clock.instant().toString());
        card(page, number).locator("[data-testid=errand-form-link]").waitFor();
        assertThat(card(page, number).getAttribute("data-relation")).isEqualTo("holding");

        // the form opens printable: the number, the resident, the item, four copies, a QR code that reads back
        Page form = context.waitForPage(() -> page.locator("[data-testid=errand-filed-form]").tap());
        form.waitForLoadState();
        assertThat(form.url()).endsWith("/api/errands/" + number + "/form");
        String text = form.textContent("body");
        assertThat(text).contains(number).contains("李秀英").contains("100-0000-7788")
                .contains(filed.get("item").get("name").asText());
        for (String copy : new String[] {"存根联", "网格联", "服务站联", "部门联"}) assertThat(text).contains(copy);
        Locator qr = form.locator("svg.qr").first();
        qr.scrollIntoViewIfNeeded();
        assertThat(readQrOnceDrawn(form, qr)).isEqualTo(town.server.url("/lookup?number=" + number));
        byte[] pdf = form.pdf();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        form.close();
        assertThat(outside).isEmpty();
        context.close();
    }

    @Test
    void theStationSeesTheOverdueErrandOnTheMapAndFollowsItsPath() throws Exception {
        String late = town.file("pension_claim", false, "100-0000-7701").get("number").asText();
        town.clock.advance(Duration.ofHours(30));   // the point had one day
        String fresh = town.file("pension_claim", false, "100-0000-7702").get("number").asText();

        Set<String> outside = ConcurrentHashMap.newKeySet();
        BrowserContext context = browser.newContext(HeadlessChromium.screen(1280, 800, false));
        HeadlessChromium.keepOffline(context, town.server.url(""), outside);
        Page page = logIn(context, "gl", false);
        page.locator("[data-testid=errands-panel][data-map=ready]").waitFor();
        String village = town.gridCode.substring(0, 12);
        assertThat(page.inputValue("[data-testid=overdue-village]")).isEqualTo(village);
        page.click("[data-testid=overdue-show]");
        page.locator("[data-testid=overdue-item][data-number='" + late + "']").waitFor();
        assertThat(page.locator("[data-testid=overdue-item][data-number='" + fresh + "']").count()).isZero();

        // on the map: the late errand marked and highlighted, the fresh one plain, as the server judges them
        Map<String, JsonNode> shown = new HashMap<>();
        for (JsonNode f : TestServer.JSON.valueToTree(page.evaluate("() => window.gridmap.errands.map.features('errands')"))) {
            shown.put(f.get("number").asText(), f);
        }
        Map<String, JsonNode> served = new HashMap<>();
        for (JsonNode f : town.expect(200, "GET", "/api/errands/map/open", null, town.leader).get("features")) {
            served.put(f.get("properties").get("number").asText(), f);
        }
        assertThat(shown.keySet()).isEqualTo(served.keySet()).contains(late, fresh);
        assertThat(shown.get(late).get("overdue").asBoolean()).isTrue();
        assertThat(shown.get(late).get("highlighted").asBoolean()).isTrue();
        assertThat(shown.get(fresh).get("overdue").asBoolean()).isFalse();
        assertThat(shown.get(fresh).get("highlighted").asBoolean()).isFalse();
        JsonNode grids = TestServer.JSON.valueToTree(page.evaluate("() => window.gridmap.errands.map.features('grids')"));
        JsonNode mine = null;
        for (JsonNode g : grids) if (g.get("grid").asText().equals(town.gridCode)) mine = g;
        assertThat(mine).isNotNull();
        String now = "'" + town.clock.instant() + "'";
        assertThat(mine.get("overdue").asLong()).isEqualTo(town.longs("SELECT count(*) FROM errands e WHERE e.grid_id = "
                + town.gridId + " AND e.stage NOT IN ('returned', 'closed') AND CASE WHEN EXISTS (SELECT 1 FROM errand_handoffs h "
                + "WHERE h.errand_id = e.id AND h.confirmed_at IS NULL) THEN EXISTS (SELECT 1 FROM errand_handoffs h "
                + "WHERE h.errand_id = e.id AND h.confirmed_at IS NULL AND h.receiver_due_at < " + now + ") "
                + "ELSE e.stage_due_at < " + now + " END")[0]);

        // a click on the row brings the errand into view, beside the panel: drawn there, at its service point
        page.click("[data-testid=overdue-item][data-number='" + late + "'] [data-testid=overdue-open]");
        page.waitForFunction("() => window.gridmap.map.getView().getZoom() >= 15.99 && !window.gridmap.map.getView().getAnimating()");
        page.evaluate("() => window.gridmap.idle()");
        JsonNode drawn = TestServer.JSON.valueToTree(page.evaluate("code => window.gridmap.errands.map.features('errands')"
                + ".find((f) => f.number === code).coordinates", late));
        double[] at = {drawn.get(0).asDouble(), drawn.get(1).asDouble()};
        JsonNode expected = TestServer.JSON.valueToTree(page.evaluate("ll => window.gridmap.fromLonLat(ll)",
                java.util.List.of(served.get(late).get("geometry").get("coordinates").get(0).asDouble(),
                        served.get(late).get("geometry").get("coordinates").get(1).asDouble())));
        assertThat(at[0]).isCloseTo(expected.get(0).asDouble(), offset(0.01));
        assertThat(at[1]).isCloseTo(expected.get(1).asDouble(), offset(0.01));
        Object hit = page.evaluate("c => { const m = window.gridmap.map; return m.forEachFeatureAtPixel(m.getPixelFromCoordinate(c), "
                + "(f) => f.get('number'), { hitTolerance: 2, layerFilter: (l) => l.get('name') === 'errands' }) ?? null; }",
                java.util.List.of(at[0], at[1]));
        assertThat(hit).isEqualTo(late);
        JsonNode pixel = TestServer.JSON.valueToTree(page.evaluate("c => window.gridmap.map.getPixelFromCoordinate(c)", java.util.List.of(at[0], at[1])));
        var viewport = page.locator("#map").boundingBox();
        var panel = page.locator("[data-testid=errands-panel]").boundingBox();
        assertThat(pixel.get(0).asDouble()).isBetween(panel.x + panel.width, viewport.width);
        assertThat(pixel.get(1).asDouble()).isBetween(0.0, viewport.height);

        // opening the errand draws its path: filed at the point, not yet handed on
        card(page, late).locator("[data-testid=errand-show]").click();
        page.locator("[data-testid=errands-panel][data-path='" + late + "']").waitFor();
        JsonNode path = TestServer.JSON.valueToTree(page.evaluate("() => window.gridmap.errands.map.features('path')"));
        assertThat(path).hasSize(1);
        assertThat(path.get(0).get("stage").asText()).isEqualTo("filed");
        assertThat(path.get(0).get("code").asText()).isEqualTo(town.pointCode);
        assertThat(outside).isEmpty();
        context.close();
    }

    @Test
    void theDepartmentReturnsTheResultAndTheResidentsRatingClosesIt() throws Exception {
        String number = town.file("pension_claim", true, "100-0000-7703").get("number").asText();
        long h = town.expect(201, "POST", "/api/errands/" + number + "/handoffs", "{\"to_stage\":\"department\","
                + "\"to_user\":\"dp\",\"skip_reason\":\"病重，直送部门\"}", town.volunteer).get("id").asLong();
        town.confirm(number, h, 200, town.department);

        BrowserContext context = browser.newContext(HeadlessChromium.screen(1280, 800, false));
        HeadlessChromium.keepOffline(context, town.server.url(""), ConcurrentHashMap.newKeySet());
        Page page = logIn(context, "dp", false);
        card(page, number).locator("[data-testid=errand-step-result_ready]").click();
        page.locator("[data-testid=errand-item][data-number='" + number + "'][data-stage=result_ready]").waitFor();
        card(page, number).locator("[data-testid=errand-step-returned]").click();
        page.locator("[data-testid=errand-item][data-number='" + number + "'][data-stage=returned]").waitFor();
        card(page, number).locator("[data-testid=errand-step-closed]").click();
        // closing without a rating is refused in the page, before anything is sent
        card(page, number).locator("[data-testid=errand-close-send]").click();
        assertThat(page.textContent("[data-testid=errands-message]")).contains("评分");
        assertThat(town.expect(200, "GET", "/api/errands/" + number, null, town.department).get("stage").asText()).isEqualTo("returned");
        card(page, number).locator("[data-testid=errand-rating][data-value='4']").click();
        card(page, number).locator("[data-testid=errand-comment]").fill("办得快，态度好");
        card(page, number).locator("[data-testid=errand-close-send]").click();
        page.locator("[data-testid=errand-item][data-number='" + number + "'][data-stage=closed]").waitFor();

        JsonNode closed = town.expect(200, "GET", "/api/errands/" + number, null, town.department);
        assertThat(closed.get("stage").asText()).isEqualTo("closed");
        assertThat(closed.get("rating").asInt()).isEqualTo(4);
        assertThat(closed.get("ratingComment").asText()).isEqualTo("办得快，态度好");
        assertThat(town.expect(200, "GET", "/api/errands/" + number + "/history/verify", null, town.department)
                .get("intact").asBoolean()).isTrue();
        context.close();
    }

    /**
     * The resident's lookup on a small phone, for an errand the grid leader has not confirmed a day and more after
     * it was sent: the page says where it is going and that it is late, and it suits a finger — no serious axe
     * violation, no control under 44 × 44 px, no text under 14 px, nothing wider than the screen.
     */
    @Test
    void aResidentOnASmallPhoneSeesTheErrandIsLateOnAPageMadeForFingers() throws Exception {
        String number = town.file("pension_claim", false, "100-0000-7704").get("number").asText();
        town.handOff(number, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer);
        town.clock.advance(Duration.ofHours(30));
        assertThat(town.expect(200, "GET", "/api/errands/lookup?number=" + number + "&phone=7704", null, null)
                .get("overdue").asBoolean()).isTrue();

        BrowserContext context = browser.newContext(HeadlessChromium.screen(360, 740, true));
        Set<String> outside = ConcurrentHashMap.newKeySet();
        HeadlessChromium.keepOffline(context, town.server.url(""), outside);
        Page page = context.newPage();
        page.navigate(town.server.url("/lookup?number=" + number));
        type(page, "[data-testid=lookup-phone]", "7704");
        page.locator("[data-testid=lookup-submit]").tap();
        page.waitForSelector("[data-testid=lookup-result]:not([hidden])");
        assertThat(page.textContent("[data-testid=lookup-stage]")).isEqualTo("移交网格长途中");
        assertThat(page.textContent("[data-testid=lookup-stage-due]")).endsWith("已超时");
        assertThat(page.locator("[data-testid=lookup-hops] li").allTextContents()).singleElement().asString().contains("待签收");

        assertThat(Axe.seriousViolations(page)).as("axe, lookup answer").isEmpty();
        JsonNode small = TestServer.JSON.valueToTree(page.evaluate("() => [...document.querySelectorAll('button, a[href], input')]"
                + ".filter((e) => !e.closest('[hidden]')).map((e) => [e.dataset.testid || e.textContent, e.getBoundingClientRect()])"
                + ".filter(([, r]) => r.width < 44 || r.height < 44).map(([n, r]) => n + ' ' + r.width + 'x' + r.height)"));
        assertThat(small).as("touch targets under 44 px").isEmpty();
        JsonNode tiny = TestServer.JSON.valueToTree(page.evaluate("() => [...document.querySelectorAll('body *')]"
                + ".filter((e) => !e.closest('[hidden]') && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))"
                + ".filter((e) => parseFloat(getComputedStyle(e).fontSize) < 14).map((e) => e.tagName + ' ' + e.textContent.trim().slice(0, 20))"));
        assertThat(tiny).as("text under 14 px").isEmpty();
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        assertThat(outside).isEmpty();
        context.close();
    }
}
