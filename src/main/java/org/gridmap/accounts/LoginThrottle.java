package org.gridmap.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxPerUser} failed logins for one user name, or {@code maxPerAddress}
 * from one client address (higher: a village office may share one address), within {@code window}, further
 * attempts are refused until the oldest failure ages out.
 *
 * <p>An attempt is charged when it is reserved, before its password is checked, and given back only when it
 * succeeds or no check took place. Checking first and recording afterwards let concurrent guesses all pass the
 * check before any was recorded (16 guesses where 5 are allowed).
 */
public final class LoginThrottle {
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    /** Guarded by {@code this}: a reservation must test and charge both keys as one step. */
    private final Map<String, Deque<Long>> failures = new HashMap<>();

    /** One attempt: granted when {@code retryAfterSeconds} is 0, else refused for that long. */
    public record Reservation(String username, String clientAddress, long at, long retryAfterSeconds) {
        public boolean granted() { return retryAfterSeconds == 0; }
    }

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Grants and charges one attempt, or refuses it with the seconds until one is allowed again. */
    public synchronized Reservation reserve(String username, String clientAddress) {
        long now = clock.millis();
        long wait = Math.max(wait(userKey(username), maxPerUser, now), wait(addressKey(clientAddress), maxPerAddress, now));
        if (wait > 0) return new Reservation(username, clientAddress, now, wait);
        failures.computeIfAbsent(userKey(username), k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent(addressKey(clientAddress), k -> new ArrayDeque<>()).addLast(now);
        return new Reservation(username, clientAddress, now, 0);
    }

    /** The password was right: the name's failures are forgotten and the address is not charged for it. */
    public synchronized void succeeded(Reservation r) {
        failures.remove(userKey(r.username()));
        giveBack(addressKey(r.clientAddress()), r.at());
    }

    /** No password was checked (the server was busy or the database failed): the attempt costs nothing. */
    public synchronized void cancel(Reservation r) {
        giveBack(userKey(r.username()), r.at());
        giveBack(addressKey(r.clientAddress()), r.at());
    }

    /** Seconds until the next attempt is allowed, or 0 when it is allowed now; charges nothing. */
    public synchronized long retryAfterSeconds(String username, String clientAddress) {
        long now = clock.millis();
        return Math.max(wait(userKey(username), maxPerUser, now), wait(addressKey(clientAddress), maxPerAddress, now));
    }

    private long wait(String key, int maxFailures, long now) {
        Deque<Long> q = failures.get(key);
        if (q == null) return 0;
        long cutoff = now - window.toMillis();
        while (!q.isEmpty() && q.peekFirst() < cutoff) q.removeFirst();
        if (q.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        if (q.size() < maxFailures) return 0;
        long freeAt = q.peekFirst() + window.toMillis();
        return Math.max(1, (freeAt - now + 999) / 1000);
    }

    private void giveBack(String key, long at) {
        Deque<Long> q = failures.get(key);
        if (q == null) return;
        q.removeLastOccurrence(at);
        if (q.isEmpty()) failures.remove(key);
    }

    // User names are compared without case here so that "Admin" and "admin" share one budget of guesses.
    private static String userKey(String username) { return "u:" + username.toLowerCase(Locale.ROOT); }

    private static String addressKey(String address) { return "a:" + address; }
}
