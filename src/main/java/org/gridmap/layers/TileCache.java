package org.gridmap.layers;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.locationtech.jts.geom.Envelope;

/**
 * Rendered tiles in memory, least recently used out first, bounded in bytes. An edit removes exactly the
 * tiles of the affected tile sets whose (margin-grown) extent meets the changed rows' bounding box.
 * A tile rendered while an invalidation ran is not stored (generation check), so a stale tile cannot
 * slip in after the edit that made it stale.
 */
public final class TileCache {
    /** Tiles are rendered with a 64/4096 margin; invalidate with the same margin so edge strokes go too. */
    private static final double MARGIN = 64.0 / 4096;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private long bytes;

    private record Entry(String tileSet, TileCoord coord, Tile tile) { }

    public TileCache(long maxBytes) { this.maxBytes = maxBytes; }

    public long generation() { return generation.get(); }

    public synchronized Tile get(String tileSet, TileCoord c) {
        Entry e = entries.get(key(tileSet, c));
        if (e == null) {
            misses.increment();
            return null;
        }
        hits.increment();
        return e.tile();
    }

    /** Stores the tile unless an invalidation happened since {@code renderedAtGeneration}. */
    public synchronized void put(String tileSet, TileCoord c, Tile tile, long renderedAtGeneration) {
        if (renderedAtGeneration != generation.get() || tile.bytes() > maxBytes / 4) return;
        Entry old = entries.put(key(tileSet, c), new Entry(tileSet, c, tile));
        if (old != null) bytes -= old.tile().bytes();
        bytes += tile.bytes();
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().tile().bytes();
            it.remove();
        }
    }

    /** Removes the cached tiles of {@code tileSet} meeting {@code bounds} (all of them when bounds is null). */
    public synchronized int invalidate(String tileSet, Envelope bounds) {
        generation.incrementAndGet();
        int removed = 0;
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (!e.tileSet().equals(tileSet)) continue;
            if (bounds == null || e.coord().lonLatBounds(MARGIN).intersects(bounds)) {
                bytes -= e.tile().bytes();
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    public synchronized boolean contains(String tileSet, TileCoord c) { return entries.containsKey(key(tileSet, c)); }

    public synchronized int size() { return entries.size(); }

    public synchronized long bytes() { return bytes; }

    public long hits() { return hits.sum(); }

    public long misses() { return misses.sum(); }

    private static String key(String tileSet, TileCoord c) { return tileSet + '/' + c.z() + '/' + c.x() + '/' + c.y(); }
}
