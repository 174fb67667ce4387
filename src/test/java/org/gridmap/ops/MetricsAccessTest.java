package org.gridmap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With metrics.token set, only a scraper with the token reads /metrics, even from this machine. */
class MetricsAccessTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newMigratedDatabase(), Map.of("metrics.token", "scrape-secret-42"));
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void theTokenOpensMetrics() throws Exception {
        HttpResponse<String> ok = server.get("/metrics", "Authorization", "Bearer scrape-secret-42");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(PromText.parse(ok.body()).value("gridmap_db_up")).isEqualTo(1);
    }

    @Test
    void noTokenOrAWrongOneIsRefusedInTheReadersLanguage() throws Exception {
        HttpResponse<String> none = server.get("/metrics");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(none).get("error").asText()).isEqualTo("forbidden");
        assertThat(TestServer.json(none).get("message").asText()).contains("令牌");
        assertThat(none.body()).doesNotContain("gridmap_");

        HttpResponse<String> wrong = server.get("/metrics", "Authorization", "Bearer scrape-secret-43", "Accept-Language", "en");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(wrong).get("message").asText()).contains("scrape token");
    }
}
