package org.gridmap.layers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** A rendered tile: its bytes, the same bytes gzipped once, and an ETag from their hash. Empty = 204. */
public record Tile(byte[] raw, byte[] gzip, String etag) {
    public static Tile of(byte[] raw) {
        if (raw == null || raw.length == 0) return new Tile(new byte[0], new byte[0], "\"empty\"");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return new Tile(raw, out.toByteArray(), "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isEmpty() { return raw.length == 0; }

    public long bytes() { return raw.length + gzip.length + 96; }
}
