package org.gridmap.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

/**
 * Refuses JSON request bodies above a size (413) before they are read or parsed. JSON bodies carry edits and
 * previews whose cost grows with their geometry; the general request limit is sized for file uploads, which
 * the named upload routes keep.
 */
public final class JsonBodyLimit implements Handler {
    private final long maxBytes;
    private final long maxRequestBytes;
    private final Set<String> uploadPaths;

    /** {@code maxRequestBytes}: the general limit, up to which a refused body is still read and dropped. */
    public JsonBodyLimit(long maxBytes, long maxRequestBytes, Set<String> uploadPaths) {
        this.maxBytes = maxBytes;
        this.maxRequestBytes = maxRequestBytes;
        this.uploadPaths = uploadPaths;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        String method = ctx.method().name();
        if (!(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) return;
        if (uploadPaths.contains(ctx.path())) return;
        long declared = ctx.req().getContentLengthLong();
        // Without a declared length (chunked), the body is read within the general limit and measured.
        long size = declared >= 0 ? declared : ctx.bodyAsBytes().length;
        if (size > maxBytes) {
            // Answering before the client has sent its body makes the server drop the connection, and the
            // client may lose the answer; a body within the general limit is read (not kept) first.
            if (declared >= 0 && declared <= maxRequestBytes) {
                try (InputStream in = ctx.req().getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            throw new ApiException(413, "payload_too_large", "The request body has " + size + " bytes; at most "
                    + maxBytes + " are accepted here. Send fewer or simpler geometries.")
                    .says("http.body_too_large", java.util.Map.of("size", size, "max", maxBytes));
        }
    }
}
