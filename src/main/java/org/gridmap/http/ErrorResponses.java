package org.gridmap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into the one JSON error shape; internals never reach the client. */
public final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() { }

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), textOf(e, Lang.of(ctx)), e.details()));
        config.routes.exception(JsonProcessingException.class, (e, ctx) -> write(ctx, 400, "bad_json",
                say(ctx, "http.bad_json", Map.of("detail", String.valueOf(e.getOriginalMessage())),
                        "The request body is not valid JSON: " + e.getOriginalMessage()), Map.of()));
        // A known path asked with a method it does not take is a 405 naming the ones it does (RFC 9110 §15.5.6).
        config.http.prefer405over404 = true;
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                allow(ctx, e.getDetails().get("availableMethods"));
                write(ctx, 405, codeFor(405), defaultMessage(405, ctx), Map.of());
                return;
            }
            // Only Javalin throws these (an unknown route, a body past the server's limit): its English texts
            // give way to ours, in the reader's language.
            write(ctx, e.getStatus(), codeFor(e.getStatus()), defaultMessage(e.getStatus(), ctx), Map.of());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            var unavailable = DatabaseFailures.classify(e);
            if (unavailable.isPresent()) {
                log.warn("{} {}: {} ({})", ctx.method(), ctx.path(), unavailable.get().message(), e.toString());
                ctx.header("Retry-After", Integer.toString(unavailable.get().retryAfterSeconds()));
                write(ctx, 503, "unavailable", say(ctx, unavailable.get().key(), Map.of(), unavailable.get().message()), Map.of());
                return;
            }
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal", say(ctx, "http.internal", Map.of(),
                    "The server failed to handle this request; it has been logged."), Map.of());
        });
        // Statuses set without a body (unknown route, wrong method, oversized body) get the same shape.
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 429, 500, 503}) {
            config.routes.error(status, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    write(ctx, status, codeFor(status), defaultMessage(status, ctx), Map.of());
                }
            });
        }
    }

    /** What a person reads: the catalogue's text in their language, else the English message. */
    public static String textOf(ApiException e, Lang lang) {
        if (e.key() == null) return e.getMessage();
        return Messages.text(lang, e.key(), e.args(), e.getMessage());
    }

    public static void write(Context ctx, int status, String code, String message, Map<String, Object> details) {
        drainUnreadBody(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.putAll(details);
        if (status == 401) ctx.header("WWW-Authenticate", "Bearer realm=\"gridmap\"");
        ctx.status(status).json(body);
    }

    /**
     * A refusal that comes before the body was read (401, 403, 415...) would otherwise make the server drop the
     * connection, and a client that reuses it for its next request loses that request. A body of a known, modest
     * size is read and discarded first, so the connection stays usable; larger ones are still cut off.
     */
    private static void drainUnreadBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length <= 0 || length > DRAIN_LIMIT) return;
        try {
            ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (Exception alreadyReadOrGone) {
            // the body was read already, or the client went away: nothing to keep
        }
    }

    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    /** Sets {@code Allow}; HEAD goes wherever GET does. */
    private static void allow(Context ctx, String available) {
        if (available == null) return;
        java.util.TreeSet<String> methods = new java.util.TreeSet<>();
        for (String m : available.split(",")) if (!m.isBlank()) methods.add(m.trim().toUpperCase(java.util.Locale.ROOT));
        if (methods.contains("GET")) methods.add("HEAD");
        ctx.header("Allow", String.join(", ", methods));
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }

    private static String defaultMessage(int status, Context ctx) {
        Map<String, Object> args = Map.of("method", ctx.method().name(), "path", ctx.path(), "status", status);
        return switch (status) {
            case 404 -> say(ctx, "http.not_found", args, "Nothing here: " + ctx.method() + " " + ctx.path());
            case 405 -> say(ctx, "http.method_not_allowed", args, "Method " + ctx.method() + " is not allowed on " + ctx.path());
            case 413 -> say(ctx, "http.too_large", args, "The request body is too large.");
            default -> say(ctx, "http.failed", args, "Request failed with status " + status + ".");
        };
    }

    /** The catalogue's text for {@code key} in the reader's language (the English {@code fallback} if it lacks it). */
    private static String say(Context ctx, String key, Map<String, ?> args, String fallback) {
        return Messages.text(Lang.of(ctx), key, args, fallback);
    }
}
