package org.gridmap.visits;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.gridmap.layers.Tile;
import org.gridmap.layers.TileCoord;

/**
 * The unvisited tiles this node rendered, each kept with the grid's change number it was rendered at (V30) and
 * the households it shows, least recently used out first, bounded in bytes. Nothing here decides freshness or
 * access: a kept tile is served only while its grid's number is still its own, as the database says in one small
 * statement with who the reader is and whether they may see the grid, or as {@link UnvisitedVouchers} may still
 * vouch for from the database's last word and the change feed since.
 */
final class UnvisitedTiles {
    record Key(long grid, LocalDate month, int z, int x, int y) {
        static Key of(long grid, Visits.Month m, TileCoord t) { return new Key(grid, m.first(), t.z(), t.x(), t.y()); }
    }

    record Kept(long revision, int households, Tile tile) { }

    private final long maxBytes;
    private final LinkedHashMap<Key, Kept> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final LongAdder served = new LongAdder();
    private final LongAdder rendered = new LongAdder();
    private long bytes;

    UnvisitedTiles(long maxBytes) { this.maxBytes = maxBytes; }

    synchronized Kept get(Key k) { return entries.get(k); }

    /**
     * Keeps {@code kept} under {@code k}. Two requests rendering at once may leave the older of their two tiles:
     * harmless, as the next request finds its number out of date and renders again.
     */
    synchronized void put(Key k, Kept kept) {
        if (kept.tile().bytes() > maxBytes / 4) return;
        Kept old = entries.put(k, kept);
        if (old != null) bytes -= old.tile().bytes();
        bytes += kept.tile().bytes();
        Iterator<Map.Entry<Key, Kept>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().tile().bytes();
            it.remove();
        }
    }

    /**
     * Lets go of the grids' tiles: a visit recorded through this node, or one the change feed announced, changed
     * them, and their staff's maps ask for them next. Not needed for correctness (the grid's number tells), but it
     * spares that request the round trip that would find the number moved before the one that renders.
     */
    synchronized void dropGrids(java.util.Set<Long> grids) {
        Iterator<Map.Entry<Key, Kept>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Kept> e = it.next();
            if (grids.contains(e.getKey().grid())) {
                bytes -= e.getValue().tile().bytes();
                it.remove();
            }
        }
    }

    void servedKept() { served.increment(); }

    void servedRendered() { rendered.increment(); }

    /** Requests answered with a kept tile. */
    long served() { return served.sum(); }

    /** Requests that rendered their tile (none kept, or the grid changed since). */
    long rendered() { return rendered.sum(); }

    synchronized int size() { return entries.size(); }

    synchronized long bytes() { return bytes; }
}
