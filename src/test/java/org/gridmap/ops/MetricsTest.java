package org.gridmap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /metrics over real HTTP: the figures move as requests, tiles, database changes and ring refreshes happen. */
class MetricsTest {
    static TestServer server;
    static final String SEARCH = "gridmap_http_requests_seconds_count";

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
    }

    @AfterAll
    static void stop() { server.close(); }

    static PromText scrape() throws Exception {
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain").contains("version=0.0.4");
        return PromText.parse(r.body());
    }

    @Test
    void requestsAreCountedPerRouteTemplateNotPerPath() throws Exception {
        Map<String, String> search = Map.of("method", "GET", "route", "/api/search", "status", "200");
        Map<String, String> tile = Map.of("route", "/tiles/{set}/{z}/{x}/{file}");
        PromText before = scrape();
        for (int i = 0; i < 5; i++) assertThat(server.get("/api/search?q=" + (char) ('a' + i)).statusCode()).isEqualTo(200);
        server.get("/tiles/grids/14/13230/6889.mvt");
        server.get("/tiles/roads/14/13231/6889.mvt");
        server.get("/no/such/path/" + System.nanoTime());
        PromText after = scrape();

        assertThat(after.value(SEARCH, search) - before.value(SEARCH, search)).isEqualTo(5);
        assertThat(after.named(SEARCH, tile).stream().mapToDouble(PromText.Sample::value).sum()
                - before.named(SEARCH, tile).stream().mapToDouble(PromText.Sample::value).sum()).isEqualTo(2);
        assertThat(after.value(SEARCH, Map.of("route", "unmatched", "status", "404"))
                - before.value(SEARCH, Map.of("route", "unmatched", "status", "404"))).isEqualTo(1);
        // no label ever carries a path as asked: the series stay bounded by the route table
        assertThat(after.named(SEARCH)).allSatisfy(s -> assertThat(s.labels().get("route"))
                .doesNotContain("13230").doesNotContain("/no/such").doesNotContain("?"));
    }

    @Test
    void latencyHistogramHasFixedAscendingCumulativeBuckets() throws Exception {
        for (int i = 0; i < 3; i++) server.get("/api/rings");
        PromText p = scrape();
        Map<String, String> rings = Map.of("method", "GET", "route", "/api/rings", "status", "200");
        List<PromText.Sample> buckets = p.named("gridmap_http_requests_seconds_bucket", rings);
        List<Double> les = buckets.stream().map(s -> parseLe(s.labels().get("le"))).toList();
        assertThat(les).containsExactly(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                Double.POSITIVE_INFINITY);
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value()).isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }
        double count = p.value("gridmap_http_requests_seconds_count", rings);
        assertThat(count).isGreaterThanOrEqualTo(3);
        assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(count);
        double sum = p.value("gridmap_http_requests_seconds_sum", rings);
        assertThat(sum).isPositive().isLessThan(count * 10);
    }

    @Test
    void tileCacheCountsOneMissThenOneHitAndHoldsTheBytes() throws Exception {
        String path = "/tiles/villages/13/6615/3444.mvt";
        PromText before = scrape();
        HttpResponse<String> first = server.get(path);
        HttpResponse<String> second = server.get(path);
        assertThat(second.statusCode()).isEqualTo(first.statusCode());
        PromText after = scrape();
        assertThat(after.value("gridmap_tile_cache_misses_total") - before.value("gridmap_tile_cache_misses_total")).isEqualTo(1);
        assertThat(after.value("gridmap_tile_cache_hits_total") - before.value("gridmap_tile_cache_hits_total")).isEqualTo(1);
        assertThat(after.value("gridmap_tile_cache_bytes")).isEqualTo(server.app().tiles().cache().bytes());
        assertThat(after.value("gridmap_tile_cache_entries")).isPositive();
    }

    @Test
    void aChangeInTheDatabaseShowsAsFeedLagAndARingsRefresh() throws Exception {
        PromText before = scrape();
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE households SET members = members WHERE id = (SELECT min(id) FROM households)");
        }
        PromText after = before;
        for (int i = 0; i < 100; i++) {
            after = scrape();
            if (after.value("gridmap_rings_refresh_seconds_count", Map.of("kind", "town"))
                    > before.value("gridmap_rings_refresh_seconds_count", Map.of("kind", "town"))) break;
            Thread.sleep(100);
        }
        assertThat(after.value("gridmap_change_feed_events_total") - before.value("gridmap_change_feed_events_total")).isEqualTo(1);
        assertThat(after.value("gridmap_change_feed_lag_seconds_count") - before.value("gridmap_change_feed_lag_seconds_count"))
                .isEqualTo(1);
        double lag = after.value("gridmap_change_feed_lag_seconds_sum") - before.value("gridmap_change_feed_lag_seconds_sum");
        assertThat(lag).isGreaterThanOrEqualTo(0).isLessThan(5);
        assertThat(after.value("gridmap_change_feed_listening")).isEqualTo(1);
        assertThat(after.value("gridmap_change_feed_last_event_age_seconds")).isBetween(0.0, 30.0);
        assertThat(after.value("gridmap_rings_refresh_seconds_count", Map.of("kind", "town"))
                - before.value("gridmap_rings_refresh_seconds_count", Map.of("kind", "town"))).isEqualTo(1);
    }

    @Test
    void poolAndReplicationStateAreReported() throws Exception {
        server.get("/api/search?q=x");
        PromText p = scrape();
        assertThat(p.value("hikaricp_connections_max", Map.of("pool", "gridmap"))).isEqualTo(4);
        assertThat(p.value("hikaricp_connections_acquire_seconds_count", Map.of("pool", "gridmap"))).isPositive();
        assertThat(p.value("hikaricp_connections_pending", Map.of("pool", "gridmap"))).isZero();
        assertThat(p.value("gridmap_db_up")).isEqualTo(1);
        // the test cluster is a lone primary
        assertThat(p.value("gridmap_db_in_recovery")).isZero();
        assertThat(p.value("gridmap_db_replicas")).isZero();
        assertThat(p.value("gridmap_db_replay_lag_seconds")).isNaN();
    }

    private static double parseLe(String le) { return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le); }
}
