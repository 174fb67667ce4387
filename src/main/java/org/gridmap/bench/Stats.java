package org.gridmap.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles. */
public final class Stats {
    private long[] samples = new long[1024];
    private int n;

    public void add(long nanos) {
        if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
        samples[n++] = nanos;
    }

    public void addAll(Stats other) {
        for (int i = 0; i < other.n; i++) add(other.samples[i]);
    }

    public int count() { return n; }

    public double percentileMillis(double p) {
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return s[i] / 1e6;
    }

    public double p50() { return percentileMillis(50); }

    public double p99() { return percentileMillis(99); }

    public double meanMillis() {
        long sum = 0;
        for (int i = 0; i < n; i++) sum += samples[i];
        return n == 0 ? Double.NaN : sum / 1e6 / n;
    }
}
