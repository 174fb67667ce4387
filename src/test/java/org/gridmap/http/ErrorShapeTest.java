package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorShapeTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newMigratedDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void unknownRouteIsAJson404() throws Exception {
        HttpResponse<String> r = server.get("/no/such/thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("not_found");
        assertThat(TestServer.json(r).get("message").asText()).contains("/no/such/thing");
    }

    @Test
    void brokenJsonIsA400ThatSaysSo() throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("bad_json");
    }

    @Test
    void missingFieldsAreA400() throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).get("message").asText()).contains("password");
    }

    @Test
    void oversizedBodyIsA413() throws Exception {
        String big = "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"password\":\"y\"}";
        HttpResponse<String> r = server.send("POST", "/api/session", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("payload_too_large");
    }
}
