package org.gridmap.layers;

/**
 * A rendered tile: its bytes and a hash for its ETags; the gzipped bytes are made on the first request
 * that accepts gzip and kept with the tile, so a cached tile is compressed once, not per request. Empty = 204.
 */
public final class Tile {
    private static final Tile EMPTY = new Tile(new byte[0], "empty");
    private final byte[] raw;
    private final String hash;
    private volatile byte[] gzip;

    private Tile(byte[] raw, String hash) {
        this.raw = raw;
        this.hash = hash;
    }

    public static Tile of(byte[] raw) {
        if (raw == null || raw.length == 0) return EMPTY;
        return new Tile(raw, Representation.hash(raw));
    }

    public byte[] raw() { return raw; }

    /** The opaque part of the ETags: the identity encoding's tag is {@code "hash"}, gzip's {@code "hash-gzip"}. */
    public String hash() { return hash; }

    public String etag() { return Representation.etag(hash, false); }

    public byte[] gzip() {
        byte[] g = gzip;
        if (g == null) gzip = g = Representation.gzip(raw);
        return g;
    }

    public boolean isEmpty() { return raw.length == 0; }

    /** Bytes held in the cache: the tile and, on average, its compressed copy. */
    public long bytes() { return raw.length + raw.length / 2 + 96; }
}
