package org.gridmap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core, the accessibility rules engine, run inside a page: the script comes from the axe-core jar on the
 * test class path (Maven Central), so the check needs no network and no copy of the engine in this repository.
 */
public final class Axe {
    private static String script;

    private Axe() { }

    private static synchronized String script() {
        if (script == null) {
            try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) throw new IllegalStateException("axe.min.js is not on the test class path");
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    /**
     * The serious and critical violations of the WCAG 2.x A/AA rules on the page as it is now, one line each:
     * "rule (impact): selector, selector...".
     */
    public static List<String> seriousViolations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(script());
        }
        Object raw = page.evaluate("() => window.axe.run(document, {"
                + " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                + " resultTypes: ['violations'] })"
                + ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
                + " targets: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))})))");
        JsonNode violations = TestServer.JSON.valueToTree(raw);
        List<String> serious = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if (!impact.equals("serious") && !impact.equals("critical")) continue;
            List<String> targets = new ArrayList<>();
            v.path("targets").forEach(t -> targets.add(t.asText()));
            serious.add(v.path("id").asText() + " (" + impact + "): " + String.join(" | ", targets));
        }
        return serious;
    }
}
