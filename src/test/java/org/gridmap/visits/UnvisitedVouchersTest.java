package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridmap.changes.AccessChange;
import org.junit.jupiter.api.Test;

/** What a node vouches for: dropped by the change that names it, by a deaf feed, by time; never stored across a drop. */
class UnvisitedVouchersTest {
    static final Instant T = Instant.parse("2026-11-10T02:00:00Z");
    static final Visits.Month M = new Visits.Month(YearMonth.of(2026, 11));
    final AtomicBoolean hearing = new AtomicBoolean(true);
    final UnvisitedVouchers vouchers = new UnvisitedVouchers(hearing::get);

    static UnvisitedVouchers.Key key(int token, long grid) { return UnvisitedVouchers.Key.of(new byte[] {(byte) token, 1, 2}, grid, M); }

    static UnvisitedVouchers.Vouch vouch(long user) {
        return new UnvisitedVouchers.Vouch(user, 7, T, T.plusSeconds(600), System.nanoTime() + 10_000_000_000L);
    }

    @Test
    void aChangeDropsWhatItNamesAndNothingElse() {
        vouchers.put(vouchers.generation(), key(1, 10), vouch(100));
        vouchers.put(vouchers.generation(), key(2, 11), vouch(200));
        vouchers.put(vouchers.generation(), key(3, 10), vouch(300));
        assertThat(vouchers.get(key(1, 10), T)).isNotNull();
        vouchers.drop(AccessChange.grids(11));
        assertThat(vouchers.get(key(2, 11), T)).isNull();
        assertThat(vouchers.get(key(1, 10), T)).isNotNull();
        vouchers.drop(AccessChange.users(300));
        assertThat(vouchers.get(key(3, 10), T)).isNull();
        assertThat(vouchers.get(key(1, 10), T)).as("same grid, another reader").isNotNull();
        vouchers.drop(AccessChange.everything());
        assertThat(vouchers.size()).isZero();
    }

    @Test
    void aCheckThatADropOvertookIsNotStored() {
        long before = vouchers.generation();
        vouchers.drop(AccessChange.users(999));   // heard while the check was in the database
        vouchers.put(before, key(1, 10), vouch(100));
        assertThat(vouchers.get(key(1, 10), T)).isNull();
        vouchers.put(vouchers.generation(), key(1, 10), vouch(100));
        assertThat(vouchers.get(key(1, 10), T)).isNotNull();
    }

    @Test
    void aDeafFeedVouchesForNothing() {
        vouchers.put(vouchers.generation(), key(1, 10), vouch(100));
        hearing.set(false);
        assertThat(vouchers.get(key(1, 10), T)).isNull();
        vouchers.put(vouchers.generation(), key(2, 10), vouch(100));
        hearing.set(true);
        assertThat(vouchers.get(key(2, 10), T)).as("stored while deaf").isNull();
    }

    @Test
    void aVouchEndsWithItsLogWindowAndItsDeadline() {
        vouchers.put(vouchers.generation(), key(1, 10), vouch(100));
        assertThat(vouchers.get(key(1, 10), T.plusSeconds(599))).isNotNull();
        assertThat(vouchers.get(key(1, 10), T.plusSeconds(600))).as("the view's log row no longer covers a read").isNull();
        vouchers.put(vouchers.generation(), key(2, 10), vouch(100));
        assertThat(vouchers.get(key(2, 10), T.minusSeconds(1))).as("a read before the log row").isNull();
        vouchers.put(vouchers.generation(), key(3, 10), new UnvisitedVouchers.Vouch(100, 7, T, T.plusSeconds(600), System.nanoTime() - 1));
        assertThat(vouchers.get(key(3, 10), T)).as("past its deadline").isNull();
    }
}
