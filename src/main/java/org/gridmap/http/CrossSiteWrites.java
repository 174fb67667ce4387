package org.gridmap.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses writes that ride the session cookie from another site. SameSite=Strict already keeps the cookie off
 * cross-site requests in current browsers; this is the second wall for older browsers, same-site subdomains and
 * cookie leaks. A write carrying the cookie must come from our own pages: {@code Sec-Fetch-Site: same-origin} (or
 * {@code none}: typed by the user), or, where a browser sends no Sec-Fetch-Site, an {@code Origin} equal to this
 * server's public origin. A request without the cookie (a bearer token, a login) cannot be forged this way: a page
 * on another site cannot add an Authorization header without a CORS preflight, which gridmap never grants.
 */
final class CrossSiteWrites {
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private final String cookie;

    private CrossSiteWrites(String cookie) { this.cookie = cookie; }

    static void install(JavalinConfig config, String sessionCookie) {
        CrossSiteWrites check = new CrossSiteWrites(sessionCookie);
        config.routes.before(check::check);
    }

    void check(Context ctx) {
        if (!WRITES.contains(ctx.method()) || ctx.cookie(cookie) == null) return;
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            String s = site.trim().toLowerCase(Locale.ROOT);
            if (s.equals("same-origin") || s.equals("none")) return;
            throw refused(new Messages.Phrase("http.cross_site.other_site", java.util.Map.of("site", s),
                    "it comes from another site (Sec-Fetch-Site: " + s + ")"));
        }
        String origin = ctx.header("Origin");
        if (origin == null) throw refused(new Messages.Phrase("http.cross_site.no_origin", java.util.Map.of(), "it names no Origin"));
        if (!origin.trim().equalsIgnoreCase(PublicOrigin.of(ctx))) {
            throw refused(new Messages.Phrase("http.cross_site.foreign_origin", java.util.Map.of(), "its Origin is not this server"));
        }
    }

    private static ApiException refused(Messages.Phrase why) {
        return new ApiException(403, "cross_site", "A change sent with the session cookie was refused because " + why.english()
                + ". Use the map's own pages, or send the bearer token (Authorization: Bearer …) instead of the cookie.")
                .says("http.cross_site", java.util.Map.of("why", why));
    }
}
