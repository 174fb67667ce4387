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
}
