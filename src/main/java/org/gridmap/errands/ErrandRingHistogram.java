package org.gridmap.errands;

/**
 * The stage-time histogram the database keeps per village, ring and day or month (migration V16,
 * {@code errand_ring_bucket}): 64 buckets, 0.5 h wide below 24 h, 2 h wide from 24 to 48 h, then 48–72, 72–120,
 * 120–240 h and one open bucket from 240 h. The median is read from it the way {@code percentile_cont(0.5)} reads
 * the sorted times, with the times of a bucket taken as evenly spread across it: so it lies in the bucket of the
 * exact median and is off by less than that bucket's width (for a median of 240 h or more it is given as 240 h).
 */
final class ErrandRingHistogram {
    static final int BUCKETS = 64;
    /** LOWER[b - 1] is the lower edge of bucket b, in hours; the upper edge is the next one's lower edge. */
    private static final double[] LOWER = new double[BUCKETS + 1];

    static {
        for (int b = 1; b <= 48; b++) LOWER[b - 1] = 0.5 * (b - 1);
        for (int b = 49; b <= 60; b++) LOWER[b - 1] = 24 + 2.0 * (b - 49);
        LOWER[60] = 48;
        LOWER[61] = 72;
        LOWER[62] = 120;
        LOWER[63] = 240;
        LOWER[64] = Double.POSITIVE_INFINITY;
    }

    private ErrandRingHistogram() { }

    /** The bucket (1–64) of a stage time, as {@code errand_ring_bucket} in the database gives it. */
    static int bucket(double hours) {
        int b = 1;
        while (b < BUCKETS && hours >= LOWER[b]) b++;
        return b;
    }

    /** How far the median read from the histogram may be from the exact one when the exact one is {@code hours}. */
    static double precision(double hours) {
        int b = bucket(hours);
        return b == BUCKETS ? Double.POSITIVE_INFINITY : LOWER[b] - LOWER[b - 1];
    }

    /** The median stage time of the hand-offs counted in {@code counts} (counts[b - 1] in bucket b); 0 when none. */
    static double median(long[] counts) {
        long n = 0;
        for (long c : counts) n += c;
        if (n == 0) return 0;
        // percentile_cont(0.5): the mean of the two middle times (the same one when n is odd)
        return (nth(counts, (n - 1) / 2) + nth(counts, n / 2)) / 2;
    }

    /** The k-th (from 0) time in order, its bucket's times spread evenly across the bucket. */
    private static double nth(long[] counts, long k) {
        long before = 0;
        for (int i = 0; i < counts.length; i++) {
            long c = counts[i];
            if (k < before + c) {
                if (i == BUCKETS - 1) return LOWER[i];
                double width = LOWER[i + 1] - LOWER[i];
                return LOWER[i] + width * (k - before + 0.5) / c;
            }
            before += c;
        }
        throw new IllegalArgumentException("rank " + k + " beyond " + before + " times");
    }
}
