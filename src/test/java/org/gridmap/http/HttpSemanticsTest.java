package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.RawHttp;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HEAD, 405 with Allow, WWW-Authenticate, Jetty's own errors, and bodies and parameters that are not text. */
class HttpSemanticsTest {
    static TestServer server;
    static String admin;
    static String gridCode;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("ada", Role.ADMIN, "admin-password-1".toCharArray());
        admin = TestServer.json(server.send("POST", "/api/session", "{\"username\":\"ada\",\"password\":\"admin-password-1\"}"))
                .get("token").asText();
        gridCode = one("SELECT code FROM grids ORDER BY code LIMIT 1");
    }

    @AfterAll
    static void stop() { server.close(); }

    static String one(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static HttpResponse<String> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void headIsGetWithoutTheBody() throws Exception {
        for (String path : new String[] {"/api/rings", "/ogc/collections", "/tiles/basemap.json", "/api/hazards/vocabulary", "/"}) {
            HttpResponse<String> get = request("GET", path);
            HttpResponse<String> head = request("HEAD", path);
            assertThat(get.statusCode()).as(path).isEqualTo(200);
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            get.headers().firstValue("Content-Length").ifPresent(length ->
                    assertThat(head.headers().firstValue("Content-Length")).as(path).contains(length));
        }
        HttpResponse<String> missing = request("HEAD", "/ogc/collections/no-such-collection");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        HttpResponse<String> missingHazard = request("HEAD", "/api/hazards/999999");
        assertThat(missingHazard.statusCode()).isEqualTo(request("GET", "/api/hazards/999999").statusCode()).isEqualTo(404);
        HttpResponse<String> locked = request("HEAD", "/api/users");
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(locked.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gridmap\"");
    }

    static Set<String> allow(HttpResponse<String> r) {
        return new TreeSet<>(Arrays.stream(r.headers().firstValue("Allow").orElse("").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    @Test
    void aKnownPathWithTheWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> rings = request("DELETE", "/api/rings");
        assertThat(rings.statusCode()).isEqualTo(405);
        assertThat(allow(rings)).containsExactly("GET", "HEAD");
        JsonNode body = TestServer.json(rings);
        assertThat(body.get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(body.get("message").asText()).contains("DELETE");

        HttpResponse<String> staff = request("PUT", "/api/staff/12");
        assertThat(staff.statusCode()).isEqualTo(405);
        assertThat(allow(staff)).containsExactly("DELETE", "GET", "HEAD", "PATCH");
        HttpResponse<String> session = request("PUT", "/api/session");
        assertThat(allow(session)).containsExactly("DELETE", "GET", "HEAD", "POST");
        assertThat(request("POST", "/ogc/collections/grids/items").statusCode()).isEqualTo(405);
        // an unknown path stays a 404
        assertThat(request("DELETE", "/api/no-such-thing").statusCode()).isEqualTo(404);
    }

    @Test
    void a401NamesTheAuthenticationScheme() throws Exception {
        HttpResponse<String> anonymous = request("GET", "/api/users");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gridmap\"");
        HttpResponse<String> wrong = server.send("POST", "/api/session", "{\"username\":\"ada\",\"password\":\"not-the-password\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gridmap\"");
        assertThat(request("GET", "/api/users", "Authorization", "Bearer " + admin).headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void jettysOwnRefusalsUseTheJsonShape() throws Exception {
        RawHttp.Response[] refusals = {
            RawHttp.get(server.app().port(), "/api/search?q=%zz"),
            RawHttp.get(server.app().port(), "/ogc/%zz"),
            RawHttp.send(server.app().port(), "GET /api/rings HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x", null),
            RawHttp.send(server.app().port(), "GET /api/rings HTTP/1.1\r\nHost: a\r\nHost: b", null),
        };
        for (RawHttp.Response r : refusals) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/json");
            JsonNode body = TestServer.JSON.readTree(r.body());
            assertThat(body.get("error").asText()).isEqualTo("bad_request");
            assertThat(body.get("message").asText()).isNotBlank();
        }
    }

    long staffNamed(String like) throws Exception {
        return Long.parseLong(one("SELECT count(*) FROM staff WHERE name LIKE '" + like + "'"));
    }

    @Test
    void nulBytesAndInvalidUtf8AreRefusedNotStored() throws Exception {
        String escapedNul = "{\"grid\":\"" + gridCode + "\",\"role\":\"caring_mother\",\"name\":\"试\\u0000验\"}";
        HttpResponse<String> nul = post("/api/staff", escapedNul.getBytes(StandardCharsets.UTF_8));
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(TestServer.json(nul).get("message").asText()).contains("NUL");

        byte[] prefix = ("{\"grid\":\"" + gridCode + "\",\"role\":\"caring_mother\",\"name\":\"试").getBytes(StandardCharsets.UTF_8);
        byte[] broken = concat(prefix, new byte[] {(byte) 0xC3, (byte) 0x28}, "验\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> utf8 = post("/api/staff", broken);
        assertThat(utf8.statusCode()).as(utf8.body()).isEqualTo(400);
        assertThat(TestServer.json(utf8).get("message").asText()).contains("UTF-8");
        byte[] rawNul = concat(prefix, new byte[] {0}, "验\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/api/staff", rawNul).statusCode()).isEqualTo(400);
        assertThat(staffNamed("试%验")).isZero();

        // the same text, well formed, is stored
        String fine = "{\"grid\":\"" + gridCode + "\",\"role\":\"caring_mother\",\"name\":\"试验\"}";
        assertThat(post("/api/staff", fine.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        assertThat(staffNamed("试验")).isEqualTo(1);

        for (String target : new String[] {"/api/search?q=%00", "/api/search?q=%FF%FE", "/api/grids/%00/staff",
                "/api/hazards?type=%C3%28", "/ogc/collections/grids/items?village=%00"}) {
            RawHttp.Response r = RawHttp.get(server.app().port(), target);
            assertThat(r.status()).as(target + " → " + r.body()).isEqualTo(400);
            assertThat(TestServer.JSON.readTree(r.body()).get("error").asText()).as(target).isEqualTo("bad_request");
        }
    }

    @Test
    void aNullBodyIsA400Everywhere() throws Exception {
        String hazard = one("SELECT id FROM hazards ORDER BY id LIMIT 1");
        String staff = one("SELECT id FROM staff ORDER BY id LIMIT 1");
        String[][] writes = {
            {"POST", "/api/session"}, {"POST", "/api/users"}, {"POST", "/api/staff"}, {"PATCH", "/api/staff/" + staff},
            {"POST", "/api/hazards"}, {"POST", "/api/hazards/impact"}, {"PATCH", "/api/hazards/" + hazard},
            {"POST", "/api/hazards/" + hazard + "/inspections"}, {"POST", "/api/grids/edits"}, {"POST", "/api/grids/merge"},
            {"POST", "/api/grids/" + one("SELECT id FROM grids ORDER BY id LIMIT 1") + "/split"},
        };
        for (String[] w : writes) {
            HttpResponse<String> r = server.send(w[0], w[1], "null", "Authorization", "Bearer " + admin);
            assertThat(r.statusCode()).as(w[0] + " " + w[1] + " → " + r.body()).isEqualTo(400);
            assertThat(TestServer.json(r).get("error").asText()).isEqualTo("bad_request");
            assertThat(TestServer.json(r).get("message").asText()).contains("null");
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
