package org.gridmap.rings.graph;

/**
 * An indexed 4-ary min-heap of node ids keyed by seconds, on int/double arrays. A 4-ary heap halves the depth of a
 * binary one and keeps the children of a slot in one cache line, which pays off on road graphs where most
 * operations are decrease-key. {@code pos[node]} is the node's slot, or {@link #SETTLED} once polled; it is only
 * meaningful for nodes the current search has touched (the search space's stamps say which).
 */
final class NodeHeap {
    static final int SETTLED = -1;

    final int[] pos;
    private final int[] nodes;
    private final double[] keys;
    private int size;

    NodeHeap(int capacity) {
        pos = new int[capacity];
        nodes = new int[capacity];
        keys = new double[capacity];
    }

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double minKey() {
        return size == 0 ? Double.POSITIVE_INFINITY : keys[0];
    }

    void insert(int node, double key) {
        siftUp(size++, node, key);
    }

    void decrease(int node, double key) {
        siftUp(pos[node], node, key);
    }

    int poll() {
        int top = nodes[0];
        pos[top] = SETTLED;
        int last = --size;
        if (last > 0) siftDown(nodes[last], keys[last]);
        return top;
    }

    private void siftUp(int i, int node, double key) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            double pk = keys[parent];
            if (pk <= key) break;
            int pn = nodes[parent];
            nodes[i] = pn;
            keys[i] = pk;
            pos[pn] = i;
            i = parent;
        }
        nodes[i] = node;
        keys[i] = key;
        pos[node] = i;
    }

    private void siftDown(int node, double key) {
        int i = 0;
        while (true) {
            int c = (i << 2) + 1;
            if (c >= size) break;
            int best = c;
            double bk = keys[c];
            int end = Math.min(c + 4, size);
            for (int j = c + 1; j < end; j++) {
                if (keys[j] < bk) {
                    bk = keys[j];
                    best = j;
                }
            }
            if (bk >= key) break;
            int bn = nodes[best];
            nodes[i] = bn;
            keys[i] = bk;
            pos[bn] = i;
            i = best;
        }
        nodes[i] = node;
        keys[i] = key;
        pos[node] = i;
    }
}
