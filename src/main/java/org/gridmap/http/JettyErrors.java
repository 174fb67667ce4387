package org.gridmap.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before they reach a route (a broken URI, a malformed header, two Host headers) get the
 * same JSON error shape and security headers as every other answer, instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "application/json; charset=utf-8";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPE);
        SecurityHeaders.apply((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(body(Lang.parse(request.getHeaders().get("Accept-Language")), code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, TYPE);
        SecurityHeaders.apply(fields::put);
        // The request could not be read, so its Accept-Language is unknown: the default language answers.
        return ByteBuffer.wrap(body(Lang.parse(null), status, reason));
    }

    private static byte[] body(Lang lang, int status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ErrorResponses.codeFor(status));
        boolean plain = reason == null || reason.isBlank();
        // Jetty's reason is a short English phrase of the protocol ("Bad Request", "Duplicate Host Header").
        body.put("message", Messages.text(lang, plain ? "http.refused" : "http.refused_because",
                Map.of("status", status, "reason", plain ? "" : reason),
                "The request was refused (" + status + ")" + (plain ? "." : ": " + reason + ".")));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
