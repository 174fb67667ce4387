package org.gridmap.rings.graph;

import java.util.ArrayDeque;

/**
 * Search spaces handed out per query and returned afterwards. A pool rather than a ThreadLocal: request threads
 * may be many (or virtual), and each space is sized to the whole graph (~30 bytes per node), so only as many exist
 * as run at once, and at most a few idle ones are kept.
 */
final class SearchSpacePool {
    private static final int MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final int nodeCount;
    private final ArrayDeque<SearchSpace> idle = new ArrayDeque<>();

    SearchSpacePool(int nodeCount) {
        this.nodeCount = nodeCount;
    }

    SearchSpace acquire() {
        SearchSpace s;
        synchronized (idle) {
            s = idle.pollFirst();
        }
        return s != null ? s : new SearchSpace(nodeCount);
    }

    void release(SearchSpace s) {
        synchronized (idle) {
            if (idle.size() < MAX_IDLE) idle.addFirst(s);
        }
    }
}
