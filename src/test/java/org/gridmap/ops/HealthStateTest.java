package org.gridmap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.Test;

/** /health tells primary or replica and the change feed's state; a feed down past its grace is a 503. */
class HealthStateTest {
    @Test
    void healthNamesThePrimaryAndTheFeedsLastEvent() throws Exception {
        try (TestServer server = new TestServer(TestPostgis.newMigratedDatabase())) {
            JsonNode h = TestServer.json(server.get("/health"));
            for (int i = 0; i < 50 && !h.path("changeFeed").path("listening").asBoolean(); i++) {
                Thread.sleep(100);
                h = TestServer.json(server.get("/health"));
            }
            assertThat(h.get("status").asText()).isEqualTo("ok");
            assertThat(h.get("role").asText()).isEqualTo("primary");
            assertThat(h.has("replayLagSeconds")).isFalse();
            assertThat(h.get("changeFeed").get("listening").asBoolean()).isTrue();
            assertThat(h.get("changeFeed").get("lastEventAgeSeconds").isNull()).isTrue();

            try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO towns (code, name, geom) VALUES ('500107999001', 'T', "
                        + "ST_Multi(ST_MakeEnvelope(100, 20, 100.01, 20.01, 4326)))");
            }
            HttpResponse<String> r = server.get("/health");
            for (int i = 0; i < 50 && TestServer.json(r).get("changeFeed").get("events").asLong() == 0; i++) {
                Thread.sleep(100);
                r = server.get("/health");
            }
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode feed = TestServer.json(r).get("changeFeed");
            assertThat(feed.get("events").asLong()).isEqualTo(1);
            assertThat(feed.get("lastEventAgeSeconds").asDouble()).isBetween(0.0, 30.0);
        }
    }

    @Test
    void aFeedDownLongerThanTheGraceIsUnhealthy() {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        assertThat(FeedHealth.healthy(new ChangeFeed.State(true, now.minus(Duration.ofHours(1)), null, 0, 0), now)).isTrue();
        assertThat(FeedHealth.healthy(new ChangeFeed.State(false, now.minusSeconds(10), null, 0, 0), now)).isTrue();
        assertThat(FeedHealth.healthy(new ChangeFeed.State(false, now.minusSeconds(11), null, 0, 0), now)).isFalse();
        assertThat(FeedHealth.lastEventAgeSeconds(new ChangeFeed.State(true, now, now.minusMillis(1500), 3, 0), now))
                .isEqualTo(1.5);
    }
}
