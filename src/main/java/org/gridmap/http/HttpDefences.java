package org.gridmap.http;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * The request checks every route shares, installed in this order: HEAD as GET, Jetty's own refusals as JSON,
 * security headers, the public origin, clean text, the cross-site check for cookie writes, and JSON-only bodies.
 */
public final class HttpDefences {
    private HttpDefences() { }

    /**
     * @param sessionCookie the cookie that carries a login session
     * @param uploadPaths   routes whose bodies are files, not JSON
     */
    public static void install(JavalinConfig c, TrustedProxies proxies, String sessionCookie, Set<String> uploadPaths) {
        c.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(new HeadAsGet()), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
        c.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
        SecurityHeaders.install(c);
        PublicOrigin.install(c, proxies);
        JsonBodies.install(c, uploadPaths);
        CrossSiteWrites.install(c, sessionCookie);
    }
}
