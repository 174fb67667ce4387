package org.gridmap.http;

import io.javalin.config.JavalinConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request: method, path, status, time. Bodies and query strings are not logged (passwords). */
public final class RequestLogging {
    private static final Logger log = LoggerFactory.getLogger("gridmap.http");

    private RequestLogging() { }

    public static void install(JavalinConfig config) {
        config.requestLogger.http((ctx, ms) -> {
            if (ctx.status().getCode() >= 500) {
                log.warn("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms));
            } else {
                log.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms));
            }
        });
    }
}
