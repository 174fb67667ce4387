package org.gridmap.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
            assertThat(t.retryAfterSeconds("u", "1.2.3.4")).isZero();
            t.recordFailure("u", "1.2.3.4");
        }
        assertThat(t.retryAfterSeconds("u", "5.6.7.8")).isEqualTo(900);
        assertThat(t.retryAfterSeconds("other", "5.6.7.8")).isZero();
        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertThat(t.retryAfterSeconds("u", "1.2.3.4")).isZero();
    }

    @Test
    void blocksAnAddressThatGuessesManyNames() {
        LoginThrottle t = new LoginThrottle(3, 10, Duration.ofMinutes(15), new MovableClock());
        for (int i = 0; i < 10; i++) t.recordFailure("name" + i, "9.9.9.9");
        assertThat(t.retryAfterSeconds("fresh-name", "9.9.9.9")).isPositive();
        assertThat(t.retryAfterSeconds("fresh-name", "8.8.8.8")).isZero();
    }

    @Test
    void successClearsTheUsersFailures() {
        LoginThrottle t = new LoginThrottle(3, 10, Duration.ofMinutes(15), new MovableClock());
        t.recordFailure("u", "a");
        t.recordFailure("u", "a");
        t.recordSuccess("u");
        t.recordFailure("u", "a");
        assertThat(t.retryAfterSeconds("u", "a")).isZero();
    }
}
