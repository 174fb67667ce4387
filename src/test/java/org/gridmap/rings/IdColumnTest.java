package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An id column gives back every id it was given and finds them as a binary search over the plain array would. */
class IdColumnTest {
    @Test
    void narrowAndWideColumnsGiveBackTheirIdsAndFindThemLikeArraysBinarySearch() {
        Random r = new Random(11);
        for (long[] ids : new long[][] {
                ascending(r, 5_000_000_000_000L, 10_000, 7),          // a big base, a small span: kept in 32 bits
                ascending(r, -3_000_000_000L, 10_000, 700_000),        // negative to positive, a span over 2^31
                ascending(r, 0, 10_000, 1_000_000_000L),               // a span over 2^32: kept in 64 bits
                {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE},                // the widest span there is
                {42}, {}}) {
            IdColumn c = IdColumn.of(ids);
            assertThat(c.size()).isEqualTo(ids.length);
            for (int i = 0; i < ids.length; i++) assertThat(c.get(i)).isEqualTo(ids[i]);
            for (int k = 0; k < 2_000 && ids.length > 0; k++) {
                long probe = k % 2 == 0 ? ids[r.nextInt(ids.length)] : ids[r.nextInt(ids.length)] + 1;
                int expected = Arrays.binarySearch(ids, probe);
                assertThat(c.indexOf(probe)).as("id %d", probe).isEqualTo(expected);
            }
        }
    }

    @Test
    void aColumnWithSomeIdsChangedIsACopyWithThoseIdsWhetherTheyFitItsBaseOrNot() {
        long[] ids = {100, 7, 5_000, 100, 12};   // households' grids: not ascending, repeated
        IdColumn c = IdColumn.of(ids);
        IdColumn inBase = c.with(new int[] {1, 3}, new long[] {9, 4_000_000_000L});
        IdColumn below = c.with(new int[] {4}, new long[] {-1});
        long[] expect = ids.clone();
        expect[1] = 9;
        expect[3] = 4_000_000_000L;
        for (int i = 0; i < ids.length; i++) {
            assertThat(inBase.get(i)).isEqualTo(expect[i]);
            assertThat(below.get(i)).isEqualTo(i == 4 ? -1 : ids[i]);
            assertThat(c.get(i)).as("the column itself is unchanged").isEqualTo(ids[i]);
        }
    }

    private static long[] ascending(Random r, long from, int n, long maxStep) {
        long[] out = new long[n];
        long v = from;
        for (int i = 0; i < n; i++) {
            out[i] = v;
            v += 1 + (long) (r.nextDouble() * maxStep);
        }
        return out;
    }
}
