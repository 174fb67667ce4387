package org.gridmap.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void blocksAUserAfterTheLimitAndReleasesWhenTheWindowPasses() {
        MovableClock clock = new MovableClock();
        LoginThrottle t = new LoginThrottle(3, 10, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(t.reserve("u", "1.2.3.4").granted()).isTrue();
        }
        LoginThrottle.Reservation refused = t.reserve("u", "5.6.7.8");
        assertThat(refused.granted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(900);
        assertThat(t.reserve("other", "5.6.7.8").granted()).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertThat(t.retryAfterSeconds("u", "1.2.3.4")).isZero();
    }

    @Test
    void blocksAnAddressThatGuessesManyNames() {
        LoginThrottle t = new LoginThrottle(3, 10, Duration.ofMinutes(15), new MovableClock());
        for (int i = 0; i < 10; i++) assertThat(t.reserve("name" + i, "9.9.9.9").granted()).isTrue();
        assertThat(t.reserve("fresh-name", "9.9.9.9").granted()).isFalse();
        assertThat(t.reserve("fresh-name", "8.8.8.8").granted()).isTrue();
    }

    @Test
    void successClearsTheUsersFailuresAndDoesNotChargeTheAddress() {
        LoginThrottle t = new LoginThrottle(3, 3, Duration.ofMinutes(15), new MovableClock());
        t.reserve("u", "a");
        t.reserve("u", "a");
        t.succeeded(t.reserve("u", "a"));
        assertThat(t.retryAfterSeconds("u", "b")).isZero();
        assertThat(t.retryAfterSeconds("someone", "a")).isZero();
        assertThat(t.reserve("U", "b").granted()).as("names are counted without case").isTrue();
    }

    @Test
    void aCancelledAttemptCostsNothing() {
        LoginThrottle t = new LoginThrottle(2, 10, Duration.ofMinutes(15), new MovableClock());
        for (int i = 0; i < 10; i++) t.cancel(t.reserve("u", "a"));
        assertThat(t.reserve("u", "a").granted()).isTrue();
        assertThat(t.reserve("u", "a").granted()).isTrue();
        assertThat(t.reserve("u", "a").granted()).isFalse();
    }

    @Test
    void concurrentAttemptsGetNoMoreThanTheLimit() throws Exception {
        LoginThrottle t = new LoginThrottle(5, 50, Duration.ofMinutes(15), new MovableClock());
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return t.reserve("victim", "10.0.0." + Thread.currentThread().getId() % 7).granted();
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Boolean> f : answers) if (f.get()) granted++;
            assertThat(granted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
