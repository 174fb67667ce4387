package org.gridmap.errands;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per client address and refuses the address once {@code maxEvents} fall within {@code window},
 * until the oldest ages out. The lookup counts only its misses, so guessing numbers is slowed while a resident
 * checking their errand again and again never is; the public Open311 POST counts every submission.
 */
public final class AddressLimiter {
    private final int maxEvents;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();

    public AddressLimiter(int maxEvents, Duration window, Clock clock) {
        this.maxEvents = maxEvents;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds this address must wait, or 0 when it may go on now. */
    public long retryAfterSeconds(String address) {
        Deque<Long> q = events.get(address);
        if (q == null) return 0;
        long now = clock.millis();
        synchronized (q) {
            prune(q, now);
            if (q.size() < maxEvents) return 0;
            return Math.max(1, (q.peekFirst() + window.toMillis() - now + 999) / 1000);
        }
    }

    public void record(String address) {
        long now = clock.millis();
        if (events.size() > 10_000) sweep(now);   // forget addresses whose events have all aged out
        Deque<Long> q = events.computeIfAbsent(address, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
        }
    }

    private void sweep(long now) {
        events.values().removeIf(q -> {
            synchronized (q) {
                prune(q, now);
                return q.isEmpty();
            }
        });
    }

    private void prune(Deque<Long> q, long now) {
        long cutoff = now - window.toMillis();
        while (!q.isEmpty() && q.peekFirst() <= cutoff) q.removeFirst();
    }
}
