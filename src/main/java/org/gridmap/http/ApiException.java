package org.gridmap.http;

import java.util.Map;

/**
 * A failure the client can act on. Every 4xx/5xx leaves the server as {@code {"error": code, "message": text}}
 * (plus optional details), so clients handle one shape.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, Object> details() { return details; }

    public static ApiException badRequest(String message) { return new ApiException(400, "bad_request", message); }
    public static ApiException notFound(String message) { return new ApiException(404, "not_found", message); }
    public static ApiException unauthorized(String message) { return new ApiException(401, "unauthorized", message); }
    public static ApiException forbidden(String message) { return new ApiException(403, "forbidden", message); }
    public static ApiException conflict(String message) { return new ApiException(409, "conflict", message); }
    public static ApiException unprocessable(String message) { return new ApiException(422, "unprocessable", message); }
}
