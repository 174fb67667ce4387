package org.gridmap.app;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/** The map application (built from {@code web/} into the program's {@code public/} folder) served at {@code /}. */
final class WebApp {
    private WebApp() { }

    static void install(JavalinConfig c) {
        if (WebApp.class.getResource("/public/index.html") == null) return;
        // Vite names every built asset by a hash of its content: a changed file has a new name, so a cached
        // copy never needs asking about again. Registered first, so these headers win under /assets.
        c.staticFiles.add(s -> {
            s.hostedPath = "/assets";
            s.directory = "/public/assets";
            s.location = Location.CLASSPATH;
            s.headers = java.util.Map.of("Cache-Control", "public, max-age=31536000, immutable");
        });
        // index.html (and the icon) keep their names, so they must be revalidated.
        c.staticFiles.add(s -> {
            s.hostedPath = "/";
            s.directory = "/public";
            s.location = Location.CLASSPATH;
            s.headers = java.util.Map.of("Cache-Control", "no-cache");
        });
        // The resident's errand lookup, at the short address the printed form's QR code carries.
        c.routes.get("/lookup", ctx -> {
            try (var page = WebApp.class.getResourceAsStream("/public/lookup.html")) {
                if (page == null) throw new io.javalin.http.NotFoundResponse();
                ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(page.readAllBytes());
            }
        });
    }
}
