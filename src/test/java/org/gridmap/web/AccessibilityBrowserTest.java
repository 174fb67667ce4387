package org.gridmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.gridmap.testing.Axe;
import org.junit.jupiter.api.Test;

/**
 * Accessibility as a checked property, on a laptop and on a phone, browsing and as a villager with an answer:
 * axe-core finds no serious or critical WCAG 2.1 A/AA violation (contrast included); on a phone every text is
 * at least 14 px and every touch target at least 44 × 44 px; the map's own controls never cover each other.
 */
class AccessibilityBrowserTest extends MapBrowserTest {
    /** Visible text smaller than 14 px, as "tag.class 'text' 12px". */
    private static final String SMALL_TEXT = """
            () => {
              const out = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              const seen = new Set();
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const el = n.parentElement;
                if (!el || seen.has(el) || !n.textContent.trim()) continue;
                seen.add(el);
                if (el.closest('.visually-hidden, [hidden], template, script, style')) continue;
                const r = el.getBoundingClientRect();
                const s = getComputedStyle(el);
                if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
                if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
                const size = parseFloat(s.fontSize);
                if (size < 14) out.push(el.tagName.toLowerCase() + '.' + el.className + " '" + n.textContent.trim().slice(0, 20) + "' " + size + 'px');
              }
              return out;
            }""";

    /** Visible controls a finger must hit that are smaller than 44 × 44 px (a checkbox counts with its label). */
    private static final String SMALL_TARGETS = """
            () => {
              const out = [];
              const sel = 'button, a[href], select, input, textarea, [role=option], [role=tab]';
              for (const el of document.querySelectorAll(sel)) {
                let box = el;
                if (el.matches('input[type=checkbox], input[type=radio]')) box = el.closest('label') || (el.labels && el.labels[0] && el.parentElement.contains(el.labels[0]) ? el.parentElement : el);
                const r = box.getBoundingClientRect();
                const s = getComputedStyle(el);
                if (r.width === 0 || r.height === 0 || s.visibility === 'hidden') continue;
                if (el.closest('[hidden]') || el.matches('.skip-link')) continue;
                if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue;
                if (r.width < 44 || r.height < 44) {
                  out.push(el.tagName.toLowerCase() + '.' + String(el.className) + ' ' + (el.dataset.testid || el.textContent.trim().slice(0, 12))
                    + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
                }
              }
              return out;
            }""";

    /** The map's own controls and the bars around it: each pair's boxes must not intersect. */
    private static final List<String> CONTROLS = List.of(".ol-zoom-in", ".ol-zoom-out", ".ol-attribution button",
            ".ol-scale-line", "[data-testid=coordinates]", "[data-testid=mode-villager]", "[data-testid=mode-coverage]",
            "[data-testid=mode-planner]", "[data-testid=mode-monitor]", ".topbar");

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        json(value).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> overlappingControls(Page page, boolean mapControlsShown) {
        List<String> names = new ArrayList<>();
        List<BoundingBox> boxes = new ArrayList<>();
        for (String selector : CONTROLS) {
            Locator control = page.locator(selector).first();
            if (control.count() == 0 || !control.isVisible()) continue;
            BoundingBox box = control.boundingBox();
            if (box == null || box.width == 0 || box.height == 0) continue;
            names.add(selector);
            boxes.add(box);
        }
        if (mapControlsShown) assertThat(names).as("controls measured").contains(".ol-zoom-out", ".ol-attribution button", ".ol-scale-line");
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                BoundingBox a = boxes.get(i);
                BoundingBox b = boxes.get(j);
                boolean apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
                if (!apart) overlaps.add(names.get(i) + " × " + names.get(j));
            }
        }
        return overlaps;
    }

    @Test
    void onALaptopNoSeriousViolationAndNoControlCoversAnother() {
        Page page = open(1280, 800, false);
        assertThat(Axe.seriousViolations(page)).as("axe, browsing").isEmpty();
        assertThat(overlappingControls(page, true)).as("controls covering each other").isEmpty();
        Villager.askWhereIAm(page, false);
        assertThat(Axe.seriousViolations(page)).as("axe, villager answer").isEmpty();
        assertThat(overlappingControls(page, false)).as("controls covering each other, villager").isEmpty();
    }

    @Test
    void onAPhoneTextIsLargeTargetsFitAFingerAndTheLegendWaits() throws Exception {
        Page page = open(390, 844, true);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(page.locator("[data-testid=layer-switcher]").isVisible()).as("the legend waits behind its button").isFalse();
        soft.assertThat(Axe.seriousViolations(page)).as("axe, browsing").isEmpty();
        soft.assertThat(strings(page.evaluate(SMALL_TEXT))).as("text under 14 px, browsing").isEmpty();
        soft.assertThat(strings(page.evaluate(SMALL_TARGETS))).as("touch targets under 44 px, browsing").isEmpty();
        soft.assertThat(overlappingControls(page, true)).as("controls covering each other").isEmpty();

        page.locator("[data-testid=layers-button]").tap();
        page.waitForSelector("[data-testid=layer-switcher]:not([hidden])");
        soft.assertThat(strings(page.evaluate(SMALL_TEXT))).as("text under 14 px, legend").isEmpty();
        soft.assertThat(strings(page.evaluate(SMALL_TARGETS))).as("touch targets under 44 px, legend").isEmpty();
        page.locator("[data-testid=layer-switcher] [data-role=close]").tap();

        Villager.askWhereIAm(page, true);
        soft.assertThat(Axe.seriousViolations(page)).as("axe, villager answer").isEmpty();
        soft.assertThat(strings(page.evaluate(SMALL_TEXT))).as("text under 14 px, villager answer").isEmpty();
        soft.assertThat(strings(page.evaluate(SMALL_TARGETS))).as("touch targets under 44 px, villager answer").isEmpty();
        soft.assertThat(overlappingControls(page, false)).as("controls covering each other, villager").isEmpty();
        soft.assertAll();
    }
}
