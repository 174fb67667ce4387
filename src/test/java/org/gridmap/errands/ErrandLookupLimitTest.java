package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guessing numbers is slowed down: misses from one address are limited, hits are not. */
class ErrandLookupLimitTest {
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void tenMissesLockTheAddressForTenMinutesWhileHitsNeverCount() throws Exception {
        String n = town.file("id_card", false, "100-0000-4321").get("number").asText();
        String right = "/api/errands/lookup?number=" + n + "&phone=4321";
        for (int i = 0; i < 15; i++) assertThat(town.send("GET", right, null, null).statusCode()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(town.send("GET", "/api/errands/lookup?number=" + n + "&phone=" + (1000 + i), null, null).statusCode())
                    .isEqualTo(404);
        }
        HttpResponse<String> locked = town.send("GET", right, null, null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(org.gridmap.testing.TestServer.json(locked).get("error").asText()).isEqualTo("too_many_lookups");
        long retry = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 600L);
        town.clock.advance(Duration.ofSeconds(retry));
        assertThat(town.send("GET", right, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenPostTakesTwentyErrandsAnHourFromOneAddress() throws Exception {
        String xy = town.text("SELECT ST_X(geom) || '&lat=' || ST_Y(geom) FROM households ORDER BY id LIMIT 1 OFFSET 7");
        String form = "service_code=residence_certificate&first_name=%E6%9F%90&phone=100-0000-8888&long=" + xy;
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Supplier<java.net.http.HttpRequest> post = () -> java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(town.server.url("/open311/v2/requests.json")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        long before = town.longs("SELECT count(*) FROM errands WHERE channel = 'online'")[0];
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = http.send(post.get(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HttpResponse<String> refused = http.send(post.get(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(town.longs("SELECT count(*) FROM errands WHERE channel = 'online'")[0]).isEqualTo(before + 20);
    }
}
