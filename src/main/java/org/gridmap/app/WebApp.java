package org.gridmap.app;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/** The map application (built from {@code web/} into the program's {@code public/} folder) served at {@code /}. */
final class WebApp {
    private WebApp() { }

    static void install(JavalinConfig c) {
        if (WebApp.class.getResource("/public/index.html") == null) return;
        c.staticFiles.add(s -> {
            s.hostedPath = "/";
            s.directory = "/public";
            s.location = Location.CLASSPATH;
            // Vite fingerprints assets, so they may be cached for long; index.html must be revalidated.
            s.headers = java.util.Map.of("Cache-Control", "no-cache");
        });
    }
}
