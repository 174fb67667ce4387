package org.gridmap.errands;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps errand numbers unguessable in practice: a client address that misses {@code maxMisses} times within
 * {@code window} is refused every lookup until its oldest miss ages out. Hits do not count, so a resident
 * checking their errand again and again is never slowed down.
 */
public final class LookupLimiter {
    private final int maxMisses;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> misses = new ConcurrentHashMap<>();

    public LookupLimiter(int maxMisses, Duration window, Clock clock) {
        this.maxMisses = maxMisses;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds this address must wait, or 0 when it may look up now. */
    public long retryAfterSeconds(String address) {
        Deque<Long> q = misses.get(address);
        if (q == null) return 0;
        long now = clock.millis();
        synchronized (q) {
            prune(q, now);
            if (q.size() < maxMisses) return 0;
            return Math.max(1, (q.peekFirst() + window.toMillis() - now + 999) / 1000);
        }
    }

    public void recordMiss(String address) {
        long now = clock.millis();
        Deque<Long> q = misses.computeIfAbsent(address, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
        }
    }

    private void prune(Deque<Long> q, long now) {
        long cutoff = now - window.toMillis();
        while (!q.isEmpty() && q.peekFirst() <= cutoff) q.removeFirst();
    }
}
