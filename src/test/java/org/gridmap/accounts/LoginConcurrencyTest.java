package org.gridmap.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Many logins at once: bcrypt must neither starve the other requests nor let more guesses through than allowed. */
class LoginConcurrencyTest {

    @Test
    void aBurstOfWrongLoginsLeavesEveryOtherRequestAnswering() throws Exception {
        try (TestServer server = new TestServer(TestPostgis.newMigratedDatabase())) {
            List<Future<HttpResponse<String>>> logins = new ArrayList<>();
            List<String> others = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(40);
            try {
                CountDownLatch go = new CountDownLatch(1);
                for (int i = 0; i < 40; i++) {
                    String body = "{\"username\":\"nobody-" + i + "\",\"password\":\"wrong-password-" + i + "\"}";
                    logins.add(clients.submit(() -> {
                        go.await();
                        return server.send("POST", "/api/session", body);
                    }));
                }
                go.countDown();
                // While the logins run (and a few rounds more), requests that need the database must still get through.
                for (int round = 0; round < 3 || logins.stream().anyMatch(f -> !f.isDone()); round++) {
                    for (String path : List.of("/health", "/ogc/collections/households/items?limit=1")) {
                        HttpResponse<String> r = server.get(path);
                        others.add(r.statusCode() + " " + path);
                    }
                }
                int checked = 0;
                for (Future<HttpResponse<String>> f : logins) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).as(r.body()).isIn(401, 429);
                    assertErrorShape(r);
                    if (r.statusCode() == 429) assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    else checked++;
                }
                assertThat(checked).as("some passwords were checked").isPositive();
            } finally {
                clients.shutdownNow();
            }
            assertThat(others).allMatch(s -> s.startsWith("200 "));
        }
    }

    @Test
    void concurrentGuessesForOneNameGetNoMoreChecksThanTheLimit() throws Exception {
        try (TestServer server = new TestServer(TestPostgis.newMigratedDatabase())) {
            new UserStore(server.database().dataSource(), new PasswordHasher())
                    .create("victim", Role.STAFF, "the-right-password".toCharArray());
            List<Future<HttpResponse<String>>> logins = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(30);
            try {
                CountDownLatch go = new CountDownLatch(1);
                for (int i = 0; i < 30; i++) {
                    String body = "{\"username\":\"victim\",\"password\":\"guess-number-" + i + "\"}";
                    logins.add(clients.submit(() -> {
                        go.await();
                        return server.send("POST", "/api/session", body);
                    }));
                }
                go.countDown();
                int checked = 0;
                for (Future<HttpResponse<String>> f : logins) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).as(r.body()).isIn(401, 429);
                    assertErrorShape(r);
                    if (r.statusCode() != 429) checked++;
                }
                assertThat(checked).as("password checks for one name").isBetween(1, 5);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private static void assertErrorShape(HttpResponse<String> r) throws Exception {
        JsonNode body = TestServer.json(r);
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("message").asText()).isNotBlank();
    }
}
