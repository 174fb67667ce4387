package org.gridmap.http;

import java.util.Map;

/**
 * A failure the client can act on. Every 4xx/5xx leaves the server as {@code {"error": code, "message": text}}
 * (plus optional details), so clients handle one shape. The text a person reads comes from the message
 * catalogue ({@link Messages}) in the reader's language, under {@link #key()} with {@link #args()} filling its
 * placeholders (give them with {@link #says}); the message the exception was made with is the English fallback
 * and what the server log shows. A generic code such as {@code bad_request} carries many messages, so the code
 * alone never selects a text.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;
    private final String key;
    private final Map<String, Object> args;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        this(status, code, message, details, null, Map.of());
    }

    private ApiException(int status, String code, String message, Map<String, Object> details,
                         String key, Map<String, Object> args) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
        this.key = key;
        this.args = args;
    }

    /** The same answer under a subclass (e.g. one a caller can catch by type). */
    protected ApiException(ApiException same) {
        this(same.status, same.code, same.getMessage(), same.details, same.key, same.args);
        setStackTrace(same.getStackTrace());
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, Object> details() { return details; }
    /** The message catalogue's key for the text a person reads; null: only the English message exists. */
    public String key() { return key; }
    /** Values for the placeholders of that text (not sent as fields; {@link #details()} are). */
    public Map<String, Object> args() { return args; }

    /** The same failure, read to people as catalogue entry {@code key} with these placeholder values. */
    public ApiException says(String key, Map<String, Object> args) {
        ApiException e = new ApiException(status, code, getMessage(), details, key, args);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public static ApiException badRequest(String message) { return new ApiException(400, "bad_request", message); }
    public static ApiException notFound(String message) { return new ApiException(404, "not_found", message); }
    public static ApiException unauthorized(String message) { return new ApiException(401, "unauthorized", message); }
    public static ApiException forbidden(String message) { return new ApiException(403, "forbidden", message); }
    public static ApiException conflict(String message) { return new ApiException(409, "conflict", message); }
    public static ApiException unprocessable(String message) { return new ApiException(422, "unprocessable", message); }
}
