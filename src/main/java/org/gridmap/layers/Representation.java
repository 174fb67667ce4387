package org.gridmap.layers;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Conditional, content-coded answers for tiles and items. The gzip and the identity encodings are different
 * representations, so they carry different ETags (RFC 9110 §8.8.3); {@code If-None-Match} with a matching tag
 * or {@code *} gives 304.
 */
final class Representation {
    private Representation() { }

    /** A strong ETag opaque value (without quotes) from the bytes' hash. */
    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean acceptsGzip(Context ctx) {
        String ae = ctx.header("Accept-Encoding");
        if (ae == null) return false;
        for (String part : ae.split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim().toLowerCase();
            if (!coding.equals("gzip") && !coding.equals("*")) continue;
            boolean refused = p.length > 1 && p[1].replace(" ", "").matches("q=0(\\.0*)?");
            if (!refused) return true;
        }
        return false;
    }

    /** The ETag (quoted) of the representation this request gets. */
    static String etag(String hash, boolean gzip) { return "\"" + hash + (gzip ? "-gzip" : "") + "\""; }

    /** True when {@code If-None-Match} names {@code etag} (weak comparison, as for GET) or is {@code *}. */
    static boolean notModified(Context ctx, String etag) {
        String inm = ctx.header("If-None-Match");
        if (inm == null) return false;
        for (String tag : inm.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) return true;
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals(etag)) return true;
        }
        return false;
    }

    /**
     * Sends the bytes, gzipped when the client takes gzip, with their ETag, or 304 when the client has them.
     * {@code Vary} must already name what else selects the representation.
     */
    static void send(Context ctx, String contentType, byte[] identity, Supplier<byte[]> gzipped, String hash) {
        boolean gzip = acceptsGzip(ctx);
        String etag = etag(hash, gzip);
        ctx.header("ETag", etag);
        if (notModified(ctx, etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(contentType);
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(gzipped.get());
        } else {
            ctx.result(identity);
        }
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
