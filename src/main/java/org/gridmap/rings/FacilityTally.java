package org.gridmap.rings;

import java.util.List;

/**
 * Per ring of facilities (1–3): how many facilities of its level there are and how many reach their parent within its
 * limit. Counted once when the rings are built and then kept by every change from the facilities whose time changed,
 * so the totals a hazard's or an edit's answer shows need no pass over the city's facilities.
 */
final class FacilityTally {
    /** By ring number: {origins, within}; null for the households' ring. */
    private final long[][] counts;

    private FacilityTally(long[][] counts) { this.counts = counts; }

    static FacilityTally of(RingPolicy policy, List<TownModel.Facility> fs, double[] toParent) {
        long[][] out = new long[maxRing(policy) + 1][];
        for (RingPolicy.Ring ring : policy.rings()) {
            if (ring.from().equals("household")) continue;
            long[] t = new long[2];
            for (int i = 0; i < fs.size(); i++) {
                if (!fs.get(i).level().equals(ring.from())) continue;
                t[0]++;
                if (toParent[i] <= ring.limitSeconds()) t[1]++;
            }
            out[ring.ring()] = t;
        }
        return new FacilityTally(out);
    }

    /** {origins, within} of a ring, or null when it is not a ring of facilities. */
    long[] of(RingPolicy.Ring ring) {
        long[] t = ring.ring() < counts.length ? counts[ring.ring()] : null;
        return t == null ? null : t.clone();
    }

    /** A copy to change. */
    FacilityTally copy() {
        long[][] out = new long[counts.length][];
        for (int r = 0; r < out.length; r++) out[r] = counts[r] == null ? null : counts[r].clone();
        return new FacilityTally(out);
    }

    /** Facility f's time to its parent went from {@code was} to {@code is} (only on a copy). */
    void changed(RingPolicy policy, TownModel.Facility f, double was, double is) {
        for (RingPolicy.Ring ring : policy.rings()) {
            long[] t = ring.ring() < counts.length ? counts[ring.ring()] : null;
            if (t == null || !f.level().equals(ring.from())) continue;
            if (was <= ring.limitSeconds()) t[1]--;
            if (is <= ring.limitSeconds()) t[1]++;
        }
    }

    private static int maxRing(RingPolicy policy) {
        int max = 0;
        for (RingPolicy.Ring ring : policy.rings()) max = Math.max(max, ring.ring());
        return max;
    }
}
