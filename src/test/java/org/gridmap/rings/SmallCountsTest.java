package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A column of counts gives back every count it was given, in bytes or, past 127, in ints. */
class SmallCountsTest {
    @Test
    void everyCountComesBackWhetherItFitsAByteOrNot() {
        Random r = new Random(3);
        int[] small = r.ints(5_000, 0, 128).toArray();
        int[] large = small.clone();
        large[4_321] = 128;
        int[] negative = small.clone();
        negative[17] = -1;
        for (int[] counts : new int[][] {small, large, negative, {}, {Integer.MAX_VALUE}}) {
            SmallCounts c = SmallCounts.of(counts);
            assertThat(c.size()).isEqualTo(counts.length);
            for (int i = 0; i < counts.length; i++) assertThat(c.get(i)).as("count %d", i).isEqualTo(counts[i]);
        }
    }
}
