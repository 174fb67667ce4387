package org.gridmap.layers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered tile: its bytes and an ETag from their hash; the gzipped bytes are made on the first request
 * that accepts gzip and kept with the tile, so a cached tile is compressed once, not per request. Empty = 204.
 */
public final class Tile {
    private static final Tile EMPTY = new Tile(new byte[0], "\"empty\"");
    private final byte[] raw;
    private final String etag;
    private volatile byte[] gzip;

    private Tile(byte[] raw, String etag) {
        this.raw = raw;
        this.etag = etag;
    }

    public static Tile of(byte[] raw) {
        if (raw == null || raw.length == 0) return EMPTY;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            return new Tile(raw, "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] raw() { return raw; }

    public String etag() { return etag; }

    public byte[] gzip() {
        byte[] g = gzip;
        if (g == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            gzip = g = out.toByteArray();
        }
        return g;
    }

    public boolean isEmpty() { return raw.length == 0; }

    /** Bytes held in the cache: the tile and, on average, its compressed copy. */
    public long bytes() { return raw.length + raw.length / 2 + 96; }
}
