package org.gridmap.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code scheme://host[:port]} clients reach this server at, for absolute links (OGC API, TileJSON) and for
 * the cross-site check. Only {@code http}/{@code https} and a well-formed host[:port] are ever used, so no header
 * can put {@code javascript:} or markup into a link. {@code X-Forwarded-Proto}/{@code -Host} count only when the
 * peer is a trusted proxy; otherwise the connection's own scheme and the {@code Host} header (when well formed)
 * decide, falling back to the local address the request arrived on.
 */
public final class PublicOrigin {
    private static final String ATTRIBUTE = "gridmap.publicOrigin";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST = Pattern.compile(
            "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::([0-9]{1,5}))?");
    private final TrustedProxies proxies;

    private PublicOrigin(TrustedProxies proxies) { this.proxies = proxies; }

    static void install(JavalinConfig config, TrustedProxies proxies) {
        PublicOrigin origin = new PublicOrigin(proxies);
        // the rule, not the origin: few routes build links or check writes, so most requests never pay its parsing
        config.routes.before(ctx -> ctx.attribute(ATTRIBUTE, origin));
    }

    /** The origin of this request, without a trailing slash. */
    public static String of(Context ctx) {
        Object known = ctx.attribute(ATTRIBUTE);
        if (known instanceof String s) return s;
        String origin = (known instanceof PublicOrigin rule ? rule : new PublicOrigin(TrustedProxies.NONE)).compute(ctx);
        ctx.attribute(ATTRIBUTE, origin);
        return origin;
    }

    String compute(Context ctx) {
        String scheme = scheme(ctx.req().getScheme());
        String host = validHost(ctx.header("Host"));
        if (proxies.contains(ctx.req().getRemoteAddr())) {
            String forwardedScheme = scheme(first(ctx.header("X-Forwarded-Proto")));
            if (forwardedScheme != null) scheme = forwardedScheme;
            String forwardedHost = validHost(first(ctx.header("X-Forwarded-Host")));
            if (forwardedHost != null) host = forwardedHost;
        }
        if (scheme == null) scheme = "http";
        if (host == null) {
            String local = ctx.req().getLocalAddr();
            host = (local.contains(":") ? "[" + local + "]" : local) + ":" + ctx.req().getLocalPort();
        }
        return scheme + "://" + host;
    }

    /** A proxy chain appends to the header; the first value is what the client used. */
    private static String first(String header) {
        if (header == null) return null;
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

    private static String scheme(String s) {
        if (s == null) return null;
        String lower = s.trim().toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? lower : null;
    }

    static String validHost(String s) {
        if (s == null) return null;
        String h = s.trim();
        var m = HOST.matcher(h);
        if (h.length() > 260 || !m.matches()) return null;
        if (m.group(1) != null && Integer.parseInt(m.group(1)) > 65535) return null;
        return h.toLowerCase(Locale.ROOT);
    }
}
