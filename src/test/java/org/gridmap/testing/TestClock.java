package org.gridmap.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test sets and moves; the server counts its months, periods and deadlines on it. */
public final class TestClock extends Clock {
    public volatile Instant now;

    public TestClock(Instant start) { now = start; }

    public void set(Instant t) { now = t; }

    public void advance(Duration d) { now = now.plus(d); }

    @Override public Instant instant() { return now; }
    @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
    @Override public Clock withZone(ZoneId zone) { return this; }
}
