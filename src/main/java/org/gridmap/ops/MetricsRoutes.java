package org.gridmap.ops;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.gridmap.http.ApiException;

/**
 * {@code GET /metrics} in the Prometheus text format. Who may scrape: with {@code metrics.token} set, whoever
 * sends {@code Authorization: Bearer <token>}; without it, only clients on this machine (the connection's own
 * peer address, never a forwarded header), since the figures describe the deployment.
 */
public final class MetricsRoutes {
    private final Metrics metrics;
    private final OpsService ops;
    private final byte[] token;

    public MetricsRoutes(Metrics metrics, OpsService ops, String token) {
        this.metrics = metrics;
        this.ops = ops;
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public void metrics(Context ctx) {
        if (!mayScrape(ctx)) {
            throw new ApiException(403, "forbidden", token == null
                    ? "Metrics are answered only to this machine; set metrics.token to scrape from elsewhere."
                    : "Metrics need the scrape token: Authorization: Bearer <metrics.token>.")
                    .says(token == null ? "ops.metrics_loopback_only" : "ops.metrics_token", Map.of());
        }
        metrics.database(ops.databaseState());
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private boolean mayScrape(Context ctx) {
        if (token != null) {
            String given = ctx.header("Authorization");
            // compared in constant time: the token must not leak through timing
            return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
