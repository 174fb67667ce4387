package org.gridmap.rings.graph;

import java.util.Arrays;

/** A growable double[] without boxing. */
final class DoubleList {
    private double[] a;
    private int size;

    DoubleList(int capacity) {
        a = new double[Math.max(4, capacity)];
    }

    void add(double v) {
        if (size == a.length) a = Arrays.copyOf(a, grow(a.length));
        a[size++] = v;
    }

    void add(double x, double y) {
        if (size + 2 > a.length) a = Arrays.copyOf(a, grow(a.length));
        a[size++] = x;
        a[size++] = y;
    }

    double get(int i) {
        return a[i];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    double[] toArray() {
        return Arrays.copyOf(a, size);
    }

    /** Hands the backing array over when it is exactly full, otherwise a trimmed copy. */
    double[] trimmed() {
        return size == a.length ? a : Arrays.copyOf(a, size);
    }

    static int grow(int n) {
        long m = Math.max(8L, n + (n >> 1));
        if (m > Integer.MAX_VALUE - 16) throw new IllegalStateException("array too large");
        return (int) m;
    }
}
