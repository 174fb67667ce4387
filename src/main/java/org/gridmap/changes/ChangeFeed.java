package org.gridmap.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * also {@link #publish} right after their commit, so their own next read never sees stale caches. On the same
 * connection it listens to 'gridmap_access' (migration V33): changes to sessions, accounts, who may see which grid
 * and grids' unvisited households, for what a node vouches for without asking the database ({@link AccessChange}).
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    public static final List<String> TABLES = List.of("towns", "villages", "grids", "facilities", "roads",
            "households", "hazards", "staff");
    private final Database.Credentials credentials;
    private final List<Consumer<DataChange>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<AccessChange>> accessSubscribers = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    private final Clock clock;
    private final List<Consumer<Duration>> lagObservers = new CopyOnWriteArrayList<>();
    private volatile boolean listening;
    private volatile Instant stateSince;
    private volatile Instant lastEvent;
    private final java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong accessEvents = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Whether the feed holds its LISTEN connection now and since when (it was not listening before that), when it
     * last handled an announcement (null: none yet), how many it handled and how often it had to reconnect.
     */
    public record State(boolean listening, Instant since, Instant lastEvent, long events, long reconnects) { }

    public ChangeFeed(Database.Credentials credentials) {
        this(credentials, Clock.systemUTC());
    }

    /** With the clock that the feed's state and lag are read on. */
    public ChangeFeed(Database.Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.stateSince = clock.instant();
        this.thread = new Thread(this::listen, "gridmap-change-feed");
        this.thread.setDaemon(true);
    }

    public ChangeFeed start() {
        thread.start();
        return this;
    }

    public void subscribe(Consumer<DataChange> subscriber) { subscribers.add(subscriber); }

    /**
     * Told of every change to facts a node may vouch for (channel {@code gridmap_access}, migration V33), and told
     * {@link AccessChange#everything} whenever the feed loses its connection (from then on it cannot hear them) and
     * again once it listens anew.
     */
    public void subscribeAccess(Consumer<AccessChange> subscriber) { accessSubscribers.add(subscriber); }

    /** Whether the feed holds its LISTEN connection now: what a node vouches for holds only while it hears changes. */
    public boolean listening() { return listening; }

    /** How many access announcements the feed has handled (a test waits on it for a change made elsewhere). */
    public long accessEvents() { return accessEvents.get(); }

    /**
     * Told, for every announcement from the database, how long after the announcing statement it was handled
     * (the statement's time is the database's clock: the figure includes the rest of that transaction and any
     * clock difference between the two machines).
     */
    public void observeLag(Consumer<Duration> observer) { lagObservers.add(observer); }

    public State state() { return new State(listening, stateSince, lastEvent, events.get(), reconnects.get()); }

    private void setListening(boolean now) {
        if (listening == now) return;
        listening = now;
        stateSince = clock.instant();
    }

    /** For writers in this process: what they changed is dropped at once, before the database's announcement arrives. */
    public void publishAccess(AccessChange change) {
        for (Consumer<AccessChange> s : accessSubscribers) {
            try {
                s.accept(change);
            } catch (RuntimeException e) {
                log.warn("an access subscriber failed on {}: {}", change.kind(), e.toString());
            }
        }
    }

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
                    s.execute("LISTEN gridmap_access");
                }
                // After a reconnect we may have missed messages: tell everyone to drop what they derived.
                if (!first) {
                    reconnects.incrementAndGet();
                    TABLES.forEach(t -> publish(DataChange.everything(t)));
                }
                publishAccess(AccessChange.everything());
                first = false;
                setListening(true);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(1000);
                    if (ns == null) continue;
                    for (PGNotification n : ns) {
                        if ("gridmap_access".equals(n.getName())) handleAccess(n.getParameter());
                        else handle(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                setListening(false);
                publishAccess(AccessChange.everything());   // deaf from now on: nothing vouched for holds
                if (!running) return;
                log.debug("change feed connection lost ({}); reconnecting", e.getMessage());
                sleep(1000);
            }
        }
    }

    private void handle(String payload) {
        publish(parse(payload));
        Instant now = clock.instant();
        lastEvent = now;
        events.incrementAndGet();
        Instant at = announcedAt(payload);
        if (at == null) return;
        Duration lag = Duration.between(at, now);
        for (Consumer<Duration> o : lagObservers) o.accept(lag.isNegative() ? Duration.ZERO : lag);
    }

    private void handleAccess(String payload) {
        publishAccess(parseAccess(payload));
        accessEvents.incrementAndGet();
    }

    AccessChange parseAccess(String payload) {
        try {
            JsonNode n = json.readTree(payload);
            AccessChange.Kind kind = AccessChange.Kind.valueOf(n.get("kind").asText().toUpperCase(java.util.Locale.ROOT));
            JsonNode ids = n.get("ids");
            if (ids == null || !ids.isArray()) return new AccessChange(kind, null);
            long[] out = new long[ids.size()];
            for (int i = 0; i < out.length; i++) out[i] = ids.get(i).asLong();
            return new AccessChange(kind, out);
        } catch (Exception e) {
            return AccessChange.everything();
        }
    }

    /** When the announcing statement ran (field {@code at}, epoch seconds; migration V21), or null. */
    private Instant announcedAt(String payload) {
        try {
            JsonNode at = json.readTree(payload).get("at");
            if (at == null || !at.isNumber()) return null;
            return Instant.ofEpochMilli(Math.round(at.asDouble() * 1000));
        } catch (Exception e) {
            return null;
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
        setListening(false);
        publishAccess(AccessChange.everything());
        try {
            Connection c = connection;
            if (c != null) c.close();
        } catch (SQLException ignored) { }
        thread.interrupt();
    }
}
