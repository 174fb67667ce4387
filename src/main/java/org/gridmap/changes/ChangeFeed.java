package org.gridmap.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gridmap.db.Database;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the database's 'gridmap_change' announcements (see migration V3) on a connection of its own
 * and hands each change to the subscribers (tile cache, extents, routing graph). Writers in this process
 * also {@link #publish} right after their commit, so their own next read never sees stale caches.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    public static final List<String> TABLES = List.of("towns", "villages", "grids", "facilities", "roads",
            "households", "hazards", "staff");
    private final Database.Credentials credentials;
    private final List<Consumer<DataChange>> subscribers = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public ChangeFeed(Database.Credentials credentials) {
        this.credentials = credentials;
        this.thread = new Thread(this::listen, "gridmap-change-feed");
        this.thread.setDaemon(true);
    }

    public ChangeFeed start() {
        thread.start();
        return this;
    }

    public void subscribe(Consumer<DataChange> subscriber) { subscribers.add(subscriber); }

    public void publish(DataChange change) {
        for (Consumer<DataChange> s : subscribers) {
            try {
                s.accept(change);
            } catch (RuntimeException e) {
                log.warn("a change subscriber failed on {}: {}", change, e.toString());
            }
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection c = DriverManager.getConnection(credentials.url(), credentials.user(), credentials.password())) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN gridmap_change");
                }
                // After a reconnect we may have missed messages: tell everyone to drop what they derived.
                if (!first) TABLES.forEach(t -> publish(DataChange.everything(t)));
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(1000);
                    if (ns == null) continue;
                    for (PGNotification n : ns) publish(parse(n.getParameter()));
                }
            } catch (SQLException e) {
                if (!running) return;
                log.debug("change feed connection lost ({}); reconnecting", e.getMessage());
                sleep(1000);
            }
        }
    }

    DataChange parse(String payload) {
        try {
            JsonNode n = json.readTree(payload);
            JsonNode b = n.get("bbox");
            Envelope env = b == null || b.isNull() ? null
                    : new Envelope(b.get(0).asDouble(), b.get(2).asDouble(), b.get(1).asDouble(), b.get(3).asDouble());
            return new DataChange(n.get("table").asText(), n.get("op").asText(), env);
        } catch (Exception e) {
            return DataChange.everything("unknown");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            Connection c = connection;
            if (c != null) c.close();
        } catch (SQLException ignored) { }
        thread.interrupt();
    }
}
