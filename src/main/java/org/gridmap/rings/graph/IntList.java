package org.gridmap.rings.graph;

import java.util.Arrays;

/** A growable int[] without boxing. */
final class IntList {
    private int[] a;
    private int size;

    IntList(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (size == a.length) a = Arrays.copyOf(a, DoubleList.grow(a.length));
        a[size++] = v;
    }

    int get(int i) {
        return a[i];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }

    int[] trimmed() {
        return size == a.length ? a : Arrays.copyOf(a, size);
    }
}
