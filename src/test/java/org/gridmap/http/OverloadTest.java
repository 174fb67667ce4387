package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.db.Database;
import org.gridmap.db.DatabaseProvisioner;
import org.gridmap.db.LocalPostgres;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Overload and outages: an exhausted pool, a blocked query and a stopped database answer 503 with Retry-After
 * in the JSON error shape within seconds, never 500; huge geometries are refused before any database work.
 */
class OverloadTest {
    static final String HOUSEHOLDS = "/ogc/collections/households/items?limit=1000";
    static Database.Credentials demo;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        demo = TestPostgis.newDemoDatabase();
        // A deliberately small pool, and the production request limit so that the JSON limit is the one that acts.
        server = new TestServer(demo, Map.of("pool.size", "2", "db.statement.timeout.ms", "2000",
                "max.request.bytes", Long.toString(10L * 1024 * 1024)));
        new UserStore(server.database().dataSource(), new PasswordHasher(4))
                .create("planner", Role.PLANNER, "planner-password-1".toCharArray());
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void sixtyFourReadersPagingHouseholdsGet200Or503NeverAnError() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(64);
        List<Future<List<HttpResponse<String>>>> readers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 64; i++) {
                int first = i % 15;
                readers.add(clients.submit(() -> {
                    go.await();
                    List<HttpResponse<String>> pages = new ArrayList<>();
                    for (int p = 0; p < 3; p++) pages.add(server.get(HOUSEHOLDS + "&offset=" + ((first + p) % 15) * 1000));
                    return pages;
                }));
            }
            go.countDown();
            int ok = 0;
            for (Future<List<HttpResponse<String>>> f : readers) {
                for (HttpResponse<String> r : f.get()) {
                    if (r.statusCode() == 200) {
                        ok++;
                    } else {
                        assertUnavailable(r);
                    }
                }
            }
            assertThat(ok).as("pages served").isPositive();
        } finally {
            clients.shutdownNow();
        }
        assertThat(server.get(HOUSEHOLDS).statusCode()).isEqualTo(200);
    }

    @Test
    void anExhaustedPoolAnswers503WithRetryAfterWithinSeconds() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) held.add(server.database().connection());
            for (String path : List.of(HOUSEHOLDS, "/api/search?q=500107", "/api/hazards", "/health")) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = server.get(path);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertUnavailable(r);
                assertThat(ms).as(path + " answered after ms").isLessThan(4_000);
            }
        } finally {
            for (Connection c : held) c.close();
        }
        assertThat(server.get(HOUSEHOLDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aReadBlockedLongerThanTheStatementTimeoutAnswers503() throws Exception {
        try (Database other = new Database(demo, 1); Connection c = other.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE households IN ACCESS EXCLUSIVE MODE");
            long t0 = System.nanoTime();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url(HOUSEHOLDS + "&offset=3000"))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            c.rollback();
            assertUnavailable(r);
            assertThat(ms).as("answered after ms").isBetween(1_500L, 5_000L);
        }
        assertThat(server.get(HOUSEHOLDS + "&offset=3000").statusCode()).isEqualTo(200);
    }

    @Test
    void aStoppedDatabaseAnswers503WithRetryAfterWithinSeconds() throws Exception {
        Path dir = TestPostgis.newClusterDir("gridmap-outage-pg");
        LocalPostgres pg = new LocalPostgres(dir, TestPostgis.freePort());
        try {
            pg.start();
            Database.Credentials creds = DatabaseProvisioner.ensureDatabase(pg, "gridmap");
            try (Database db = new Database(creds, 2)) {
                db.migrate();
            }
            try (TestServer s = new TestServer(creds)) {
                List<String> paths = List.of("/ogc/collections/households/items?limit=10", "/api/search?q=500107",
                        "/api/hazards");
                for (String path : paths) assertThat(s.get(path).statusCode()).as(path).isEqualTo(200);

                pg.stop();
                for (String path : paths) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = s.get(path);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertUnavailable(r);
                    assertThat(ms).as(path + " answered after ms").isLessThan(5_000);
                }
                HttpResponse<String> withSession = s.get("/api/session", "Authorization", "Bearer some-token-value");
                assertUnavailable(withSession);

                pg.start();
                HttpResponse<String> back = null;
                for (int i = 0; i < 40; i++) {
                    back = s.get(paths.get(0));
                    if (back.statusCode() == 200) break;
                    Thread.sleep(250);
                }
                assertThat(back.statusCode()).isEqualTo(200);
            }
        } finally {
            pg.stop();
            TestPostgis.deleteTree(dir);
        }
    }

    @Test
    void aHundredThousandVertexPreviewIs413AtOnce() throws Exception {
        String body = hazardPreview(circle(100_000));
        assertThat(body.length()).isGreaterThan(1024 * 1024);
        // A connection of its own: the server closes a connection after refusing a large body, and a pooled
        // connection another test left behind may be one the server has already closed.
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long t0 = System.nanoTime();
        HttpResponse<String> r = own.send(HttpRequest.newBuilder(URI.create(server.url("/api/hazards/impact")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(TestServer.json(r).get("message").asText()).contains("1048576");
        assertThat(ms).isLessThan(1_000);
    }

    @Test
    void tooManyVerticesIs422NamingTheLimitBeforeAnyDatabaseWork() throws Exception {
        String body = hazardPreview(circle(20_000));
        assertThat(body.length()).isLessThan(1024 * 1024);
        warmUp("/api/hazards/impact", body);
        List<Connection> held = new ArrayList<>();
        try {
            // With every connection taken, a request that reached the database would wait and get 503.
            for (int i = 0; i < 2; i++) held.add(server.database().connection());
            long t0 = System.nanoTime();
            HttpResponse<String> r = server.send("POST", "/api/hazards/impact", body);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(TestServer.json(r).get("error").asText()).isEqualTo("too_many_vertices");
            assertThat(TestServer.json(r).get("message").asText()).contains("10000");
            assertThat(ms).isLessThan(1_000);
        } finally {
            for (Connection c : held) c.close();
        }
        assertThat(server.send("POST", "/api/hazards/impact", hazardPreview(circle(64))).statusCode()).isEqualTo(200);
    }

    @Test
    void aGridEditDryRunWithTooManyVerticesIs422() throws Exception {
        HttpResponse<String> login = server.send("POST", "/api/session",
                "{\"username\":\"planner\",\"password\":\"planner-password-1\"}");
        assertThat(login.statusCode()).isEqualTo(201);
        String token = TestServer.json(login).get("token").asText();
        String body = "{\"dryRun\":true,\"edits\":[{\"id\":1,\"version\":1,\"geometry\":" + circle(20_000) + "}]}";
        warmUp("/api/grids/edits", body, "Authorization", "Bearer " + token);
        long t0 = System.nanoTime();
        HttpResponse<String> r = server.send("POST", "/api/grids/edits", body, "Authorization", "Bearer " + token);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("too_many_vertices");
        assertThat(TestServer.json(r).get("message").asText()).contains("grid 1").contains("10000");
        assertThat(ms).isLessThan(1_000);
    }

    /** The first large body a fresh JVM parses runs interpreted; the bound is for the steady cost. */
    static void warmUp(String path, String body, String... headers) throws Exception {
        server.send("POST", path, body, headers);
    }

    /** A convex polygon of {@code n} vertices, about 1 km across, around a hazard of the demo town. */
    static String circle(int n) {
        StringBuilder sb = new StringBuilder(n * 40).append("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * (i % n) / n;
            sb.append(i == 0 ? "" : ",").append('[').append(106.3621727 + 0.005 * Math.cos(a)).append(',')
                    .append(29.3871379 + 0.005 * Math.sin(a)).append(']');
        }
        return sb.append("]]}").toString();
    }

    static String hazardPreview(String geometry) {
        return "{\"name\":\"preview\",\"type\":\"landslide\",\"radius_m\":50,\"geometry\":" + geometry + "}";
    }

    static void assertUnavailable(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
        assertThat(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        JsonNode body = TestServer.json(r);
        assertThat(body.path("error").asText()).isEqualTo("unavailable");
        assertThat(body.path("message").asText()).isNotBlank();
    }
}
