package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.ServerCalls;
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
        HttpResponse<String> r = server.get("/no/such/thing", "Accept-Language", "en");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("not_found");
        assertThat(TestServer.json(r).get("message").asText()).isEqualTo("Nothing here: GET /no/such/thing");
    }

    @Test
    void aReaderWithoutALanguageReadsChineseUnderTheSameCode() throws Exception {
        HttpResponse<String> r = server.get("/no/such/thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("not_found");
        assertThat(TestServer.json(r).get("message").asText()).isEqualTo("这里没有内容：GET /no/such/thing");

        HttpResponse<String> form = WebDefenceTest.send(server, "POST", "/api/session", "text/plain", "username=x");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(TestServer.json(form).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(TestServer.json(form).get("message").asText()).startsWith("请以 JSON 发送请求正文").endsWith("而不是 text/plain。");

        HttpResponse<String> nul = server.send("POST", "/api/session", "{\"username\":\"a\\u0000b\"}",
                "Content-Type", "application/json", "Accept-Language", "fr, zh-CN;q=0.5");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(nul).get("message").asText()).isEqualTo("请求正文中“username”的文本含有 NUL 字符（\\u0000）；文本中不能有它。");
    }

    @Test
    void everyRouteThatTakesAnObjectRefusesOtherBodiesInOneWay() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("shape-staff", Role.STAFF,
                "shape-password-1".toCharArray());
        ServerCalls calls = new ServerCalls(server);
        String token = calls.login("shape-staff", "shape-password-1");
        for (String path : java.util.List.of("/api/visits", "/api/cases", "/api/reports", "/api/firms")) {
            for (String body : java.util.List.of("[1]", "\"text\"", "42")) {
                HttpResponse<String> zh = calls.send("POST", path, body, token, false);
                assertThat(zh.statusCode()).as(path + " " + body + " → " + zh.body()).isEqualTo(400);
                assertThat(TestServer.json(zh).get("error").asText()).isEqualTo("bad_request");
                assertThat(TestServer.json(zh).get("message").asText()).isEqualTo("请求体须为 JSON 对象。");
                HttpResponse<String> en = calls.send("POST", path, body, token, true);
                assertThat(TestServer.json(en).get("message").asText()).isEqualTo("The body must be a JSON object.");
            }
        }
    }

    @Test
    void brokenJsonIsA400ThatSaysSo() throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("bad_json");
    }

    @Test
    void missingFieldsAreA400() throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"x\"}", "Accept-Language", "en");
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
