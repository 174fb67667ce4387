package org.gridmap.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.db.Database;
import org.gridmap.layers.TileCache;
import org.gridmap.rings.RingEngine;

/**
 * The server's Prometheus registry and what it reports besides requests ({@link RequestMetrics}): the JVM, the
 * connection pool (HikariCP's own meters, {@code hikaricp_*}), the tile cache, the rings' refresh times, the
 * change feed and the database's replication state. Histograms have fixed buckets, so the series stay few and
 * comparable between nodes.
 */
public final class Metrics implements AutoCloseable {
    /** 1 ms to 10 s: a request, a tile, a rings refresh in a town or a city. */
    static final Duration[] LATENCY_BUCKETS = millis(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);
    /** The change feed's lag: 5 ms (same machine, idle) to 30 s (a long transaction, a stalled listener). */
    static final Duration[] LAG_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final RequestMetrics requests = new RequestMetrics(registry);
    private volatile DatabaseState database = DatabaseState.DOWN;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("gridmap.db.up", this, m -> m.database.up() ? 1 : 0)
                .description("1 when the database answered the last scrape").strongReference(true).register(registry);
        Gauge.builder("gridmap.db.in.recovery", this, m -> m.database.up() ? (m.database.inRecovery() ? 1 : 0) : Double.NaN)
                .description("1 on a replica (pg_is_in_recovery), 0 on the primary").strongReference(true).register(registry);
        Gauge.builder("gridmap.db.replay.lag", this, m -> orNaN(m.database.replayLagSeconds())).baseUnit("seconds")
                .description("how far a replica's replay is behind; NaN on a primary").strongReference(true).register(registry);
        Gauge.builder("gridmap.db.replicas", this, m -> orNaN(m.database.replicas()))
                .description("replicas streaming from this primary; NaN on a replica").strongReference(true).register(registry);
        Gauge.builder("gridmap.db.sync.replicas", this, m -> orNaN(m.database.syncReplicas()))
                .description("synchronous replicas of this primary (needs pg_monitor to be seen)").strongReference(true)
                .register(registry);
    }

    public RequestMetrics requests() { return requests; }

    /** The state the replication gauges report until the next one. */
    public void database(DatabaseState state) { this.database = state; }

    public void bindPool(Database db) { db.reportPoolTo(registry); }

    /**
     * A grid's unvisited households (visits.UnvisitedTiles): answered from a kept tile, and rendered. The meters
     * hold {@code owner} weakly, as Micrometer does: it must be the long-lived object itself, not a lambda over it.
     */
    public <T> void bindUnvisitedTiles(T owner, java.util.function.ToLongFunction<T> kept, java.util.function.ToLongFunction<T> vouched,
                                       java.util.function.ToLongFunction<T> rendered) {
        FunctionCounter.builder("gridmap.unvisited.tiles.kept", owner, o -> kept.applyAsLong(o))
                .description("unvisited-households tiles answered from memory while the grid's change number held").register(registry);
        FunctionCounter.builder("gridmap.unvisited.tiles.vouched", owner, o -> vouched.applyAsLong(o))
                .description("of those, answered with no database round trip (reader, number and logged view vouched for)").register(registry);
        FunctionCounter.builder("gridmap.unvisited.tiles.rendered", owner, o -> rendered.applyAsLong(o))
                .description("unvisited-households tiles rendered: none kept, or the grid changed since").register(registry);
    }

    public void bindTiles(TileCache cache) {
        FunctionCounter.builder("gridmap.tile.cache.hits", cache, TileCache::hits)
                .description("tiles answered from memory").register(registry);
        FunctionCounter.builder("gridmap.tile.cache.misses", cache, TileCache::misses)
                .description("tiles rendered because memory did not have them").register(registry);
        Gauge.builder("gridmap.tile.cache.bytes", cache, TileCache::bytes).baseUnit("bytes").strongReference(true)
                .description("bytes of tiles held").register(registry);
        Gauge.builder("gridmap.tile.cache.entries", cache, TileCache::size).strongReference(true)
                .description("tiles held").register(registry);
    }

    public void bindRings(RingEngine rings) {
        rings.onRefresh((kind, nanos) -> Timer.builder("gridmap.rings.refresh").tag("kind", kind)
                .description("time to recompute the rings after a change, by what changed")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS));
    }

    public void bindFeed(ChangeFeed feed, Clock clock) {
        Timer lag = Timer.builder("gridmap.change.feed.lag")
                .description("from the statement that announced a change to the server handling it")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry);
        feed.observeLag(lag::record);
        Gauge.builder("gridmap.change.feed.listening", feed, f -> f.state().listening() ? 1 : 0).strongReference(true)
                .description("1 while the change feed holds its LISTEN connection").register(registry);
        Gauge.builder("gridmap.change.feed.last.event.age", feed, f -> lastEventAge(f, clock)).baseUnit("seconds")
                .strongReference(true).description("since the last change was handled; NaN before the first")
                .register(registry);
        FunctionCounter.builder("gridmap.change.feed.events", feed, f -> f.state().events())
                .description("changes handled").register(registry);
        FunctionCounter.builder("gridmap.change.feed.reconnects", feed, f -> f.state().reconnects())
                .description("times the feed lost its connection and told every cache to drop everything")
                .register(registry);
    }

    /** The exposition in Prometheus text format 0.0.4. */
    public String scrape() { return registry.scrape(); }

    private static double lastEventAge(ChangeFeed f, Clock clock) {
        var last = f.state().lastEvent();
        return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    private static double orNaN(Number n) { return n == null ? Double.NaN : n.doubleValue(); }

    private static Duration[] millis(double... ms) {
        Duration[] out = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) out[i] = Duration.ofNanos(Math.round(ms[i] * 1_000_000));
        return out;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
