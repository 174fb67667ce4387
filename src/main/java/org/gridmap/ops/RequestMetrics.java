package org.gridmap.ops;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Requests and their latency per route: the route's template ({@code /tiles/{set}/{z}/{x}/{file}}), never the
 * path asked, so the number of series is bounded by the route table whatever clients send. Requests no route
 * matched (the web map's files, unknown paths) share the route label {@code unmatched}.
 */
public final class RequestMetrics {
    public static final String UNMATCHED = "unmatched";
    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) { this.registry = registry; }

    /** A Javalin request logger: called once per request after its answer is written. */
    public void record(Context ctx, Float ms) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? UNMATCHED : endpoint.path;
        Timer.builder("gridmap.http.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.status().getCode()))
                .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
                .register(registry)
                .record(Math.round(ms * 1_000_000.0), TimeUnit.NANOSECONDS);
    }
}
