package org.gridmap.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gridmap.changes.DataChange;

/**
 * numberMatched of recent item queries. Counting a city's 1.5 million households takes longer than building
 * the page, and a client paging through a collection asks the same count on every page; a change to a table
 * drops the counts of the collections it feeds (the change feed), so a count is never stale.
 */
public final class MatchCounts {
    private static final int MAX_ENTRIES = 2000;
    private final LayerCatalog catalog;
    private final Map<String, Long> counts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Long> e) { return size() > MAX_ENTRIES; }
    };
    private long generation;

    public MatchCounts(LayerCatalog catalog) { this.catalog = catalog; }

    static String key(Layer l, FeatureQuery q) {
        return l.id() + "|" + q.selection();
    }

    public synchronized Long get(Layer l, FeatureQuery q) { return counts.get(key(l, q)); }

    public synchronized long generation() { return generation; }

    /** Keeps a count unless a change arrived while it was being computed. */
    public synchronized void put(Layer l, FeatureQuery q, long count, long computedAtGeneration) {
        if (computedAtGeneration == generation) counts.put(key(l, q), count);
    }

    public synchronized void onChange(DataChange change) {
        if (catalog.fedBy(change.table()).isEmpty()) return;
        generation++;
        for (Layer l : catalog.fedBy(change.table())) counts.keySet().removeIf(k -> k.startsWith(l.id() + "|"));
    }
}
