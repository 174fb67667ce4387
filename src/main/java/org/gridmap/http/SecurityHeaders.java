package org.gridmap.http;

import io.javalin.config.JavalinConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Headers on every answer. The policy fits the web map: its scripts, styles, data and vector tiles come from this
 * server; the optional OSM and Tianditu basemaps are images from their tile hosts. Inline styles are allowed because
 * the page's legend swatches and the OGC HTML pages use them (styles cannot run script); inline script and eval are not.
 */
public final class SecurityHeaders {
    static final String CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://tile.openstreetmap.org https://*.tianditu.gov.cn",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("Content-Security-Policy", CSP);
        HEADERS.put("X-Content-Type-Options", "nosniff");
        HEADERS.put("X-Frame-Options", "DENY");
        // Origin only, and only over HTTPS: OSM's tile policy wants a referrer, map URLs carry no secrets but stay home.
        HEADERS.put("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    private SecurityHeaders() { }

    static void install(JavalinConfig config) {
        config.routes.before(ctx -> HEADERS.forEach(ctx::header));
    }

    /** For answers written outside Javalin (Jetty's own refusals). */
    static void apply(BiConsumer<String, String> put) { HEADERS.forEach(put); }
}
