package org.gridmap.reports;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open station views, by village, and what is sent to them live. An urgent report reaches them the moment it is
 * committed; the notification log in the database keeps it for views opened later.
 */
public final class StationEvents {
    private static final Logger log = LoggerFactory.getLogger(StationEvents.class);
    /** Views that asked for every village (admins). */
    static final long ALL = -1;
    private final Map<Long, Set<SseClient>> views = new ConcurrentHashMap<>();

    /** Keeps the client open until it leaves; it is told at once that it is listening. */
    void join(long village, SseClient client) {
        Set<SseClient> set = views.computeIfAbsent(village, v -> new CopyOnWriteArraySet<>());
        set.add(client);
        client.onClose(() -> set.remove(client));
        client.keepAlive();
        client.sendEvent("ready", "{\"village\":" + village + "}");
    }

    /** Sends {@code json} as event {@code name} to the village's open views and to the views of every village. */
    void publish(long village, String name, String json) {
        for (long key : new long[] {village, ALL}) {
            for (SseClient c : views.getOrDefault(key, Set.of())) {
                try {
                    if (c.terminated()) views.get(key).remove(c);
                    else c.sendEvent(name, json);
                } catch (RuntimeException e) {
                    log.debug("a station view left while being told: {}", e.toString());
                    views.get(key).remove(c);
                }
            }
        }
    }

    /** Open views (for tests and health). */
    public int open() { return views.values().stream().mapToInt(Set::size).sum(); }
}
