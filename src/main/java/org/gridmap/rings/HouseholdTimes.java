package org.gridmap.rings;

import java.util.Arrays;
import org.gridmap.rings.graph.Snap;

/**
 * Per household: where it meets the roads, the seconds to its nearest service point and which point that is — in
 * pages of 4,096 households, as primitive columns: a snap is kept as its edge, fraction and walk to the road (20 bytes,
 * where a {@link Snap} object and its reference took 52 — at ten million households, the difference is 300 MiB; the
 * snapped point is recomputed when asked, see {@link RingNetwork#householdSnap}). A network recomputed after a
 * closure copies only the pages of the households it
 * changed and shares every other page with the network before: a city of ten million households costs a closure
 * what its town's households cost. Never changed once built (an {@link Editor} makes the next one).
 */
final class HouseholdTimes {
    private static final int SHIFT = 12, PAGE = 1 << SHIFT, MASK = PAGE - 1;

    /** edge -1: the household meets no road. */
    private record Page(double[] seconds, int[] point, int[] edge, double[] fraction, double[] meters) {
        Page copy() { return new Page(seconds.clone(), point.clone(), edge.clone(), fraction.clone(), meters.clone()); }

        void setSnap(int j, Snap s) {
            edge[j] = s == null ? -1 : s.edge();
            fraction[j] = s == null ? 0 : s.fraction();
            meters[j] = s == null ? 0 : s.distanceMeters();
        }
    }

    private final Page[] pages;
    private final int count;
    /** The households' promise (ring 4) and how many keep it: kept by every change, so the total needs no count. */
    private final double limit;
    private final long within;

    private HouseholdTimes(Page[] pages, int count, double limit, long within) {
        this.pages = pages;
        this.count = count;
        this.limit = limit;
        this.within = within;
    }

    /** Households with these snaps, their times still to be set (+Infinity, no point); limitSeconds: see {@link #within}. */
    static HouseholdTimes unset(Snap[] snaps, double limitSeconds) {
        int n = snaps.length;
        Page[] pages = new Page[(n + PAGE - 1) >>> SHIFT];
        for (int p = 0; p < pages.length; p++) {
            int size = Math.min(PAGE, n - (p << SHIFT));
            double[] seconds = new double[size];
            Arrays.fill(seconds, Double.POSITIVE_INFINITY);
            int[] point = new int[size];
            Arrays.fill(point, -1);
            Page page = new Page(seconds, point, new int[size], new double[size], new double[size]);
            for (int j = 0; j < size; j++) page.setSnap(j, snaps[(p << SHIFT) + j]);
            pages[p] = page;
        }
        return new HouseholdTimes(pages, n, limitSeconds, 0);
    }

    int count() { return count; }

    /** The limit given at the start. */
    double limit() { return limit; }

    /** How many households have seconds within the limit. */
    long within() { return within; }

    double seconds(int i) { return pages[i >>> SHIFT].seconds[i & MASK]; }

    int point(int i) { return pages[i >>> SHIFT].point[i & MASK]; }

    /** The edge household i meets the roads on, -1 for none. */
    int edge(int i) { return pages[i >>> SHIFT].edge[i & MASK]; }

    double fraction(int i) { return pages[i >>> SHIFT].fraction[i & MASK]; }

    /** Metres from household i to where it meets the road. */
    double meters(int i) { return pages[i >>> SHIFT].meters[i & MASK]; }

    /** Whether household i's page is the very same in both (then nothing of it changed between them). */
    boolean sharesPage(HouseholdTimes other, int i) {
        return other.count == count && other.pages[i >>> SHIFT] == pages[i >>> SHIFT];
    }

    /** The first household of the next page after i's (for skipping shared pages). */
    static int nextPage(int i) { return ((i >>> SHIFT) + 1) << SHIFT; }

    Editor edit() { return new Editor(this); }

    /** Makes the next households' times from these, copying a page on its first change. */
    static final class Editor {
        private final Page[] pages;
        private final boolean[] copied;
        private final int count;
        private final double limit;
        private long within;

        private Editor(HouseholdTimes from) {
            pages = from.pages.clone();
            copied = new boolean[pages.length];
            count = from.count;
            limit = from.limit;
            within = from.within;
        }

        private Page page(int i) {
            int p = i >>> SHIFT;
            if (!copied[p]) {
                pages[p] = pages[p].copy();
                copied[p] = true;
            }
            return pages[p];
        }

        int edge(int i) { return pages[i >>> SHIFT].edge[i & MASK]; }

        double fraction(int i) { return pages[i >>> SHIFT].fraction[i & MASK]; }

        double meters(int i) { return pages[i >>> SHIFT].meters[i & MASK]; }

        void setSnap(int i, Snap s) { page(i).setSnap(i & MASK, s); }

        void setTime(int i, double seconds, int point) {
            Page pg = pages[i >>> SHIFT];
            if (pg.seconds[i & MASK] == seconds && pg.point[i & MASK] == point) return; // an unchanged page stays shared
            if (pg.seconds[i & MASK] <= limit) within--;
            if (seconds <= limit) within++;
            pg = page(i);
            pg.seconds[i & MASK] = seconds;
            pg.point[i & MASK] = point;
        }

        HouseholdTimes build() { return new HouseholdTimes(pages, count, limit, within); }
    }
}
