package org.gridmap.rings.graph;

import java.util.Arrays;

/** Road id → edge index by binary search over a sorted copy: 12 bytes per edge instead of a boxed map. */
final class RoadIdIndex {
    private final long[] sortedIds;
    private final int[] edgeAt;

    RoadIdIndex(long[] roadIdByEdge) {
        int m = roadIdByEdge.length;
        sortedIds = roadIdByEdge.clone();
        Arrays.sort(sortedIds);
        edgeAt = new int[m];
        int[] used = new int[m]; // per run of equal ids: slots already handed out, so duplicates stay O(log n)
        for (int e = 0; e < m; e++) {
            int first = lowerBound(roadIdByEdge[e]);
            edgeAt[first + used[first]++] = e;
        }
    }

    /** The lowest edge index carrying this road id, or -1. */
    int edgeOf(long roadId) {
        int p = lowerBound(roadId);
        return p < sortedIds.length && sortedIds[p] == roadId ? edgeAt[p] : -1;
    }

    /** Every edge index carrying this road id. */
    int[] edgesOf(long roadId) {
        int p = lowerBound(roadId), q = p;
        while (q < sortedIds.length && sortedIds[q] == roadId) q++;
        return Arrays.copyOfRange(edgeAt, p, q);
    }

    private int lowerBound(long key) {
        int lo = 0, hi = sortedIds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedIds[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
