package org.gridmap.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxPerUser} failed logins for one user name, or {@code maxPerAddress}
 * from one client address (higher: a village office may share one address), within {@code window}, further
 * attempts are refused until the oldest failure ages out.
 */
public final class LoginThrottle {
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
    public long retryAfterSeconds(String username, String clientAddress) {
        return Math.max(wait(userKey(username), maxPerUser), wait("a:" + clientAddress, maxPerAddress));
    }

    public void recordFailure(String username, String clientAddress) {
        long now = clock.millis();
        for (String key : new String[] {userKey(username), "a:" + clientAddress}) {
            Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                prune(q, now);
                q.addLast(now);
            }
        }
    }

    public void recordSuccess(String username) { failures.remove(userKey(username)); }

    /** Logins ignore the case of the name, so the count must too, or "Pei" would get five more guesses than "pei". */
    private static String userKey(String username) {
        return "u:" + (username == null ? "" : username.toLowerCase(java.util.Locale.ROOT));
    }

    private long wait(String key, int maxFailures) {
        Deque<Long> q = failures.get(key);
        if (q == null) return 0;
        long now = clock.millis();
        synchronized (q) {
            prune(q, now);
            if (q.size() < maxFailures) return 0;
            long freeAt = q.peekFirst() + window.toMillis();
            return Math.max(1, (freeAt - now + 999) / 1000);
        }
    }

    private void prune(Deque<Long> q, long now) {
        long cutoff = now - window.toMillis();
        while (!q.isEmpty() && q.peekFirst() < cutoff) q.removeFirst();
    }
}
