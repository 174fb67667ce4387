package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.RawHttp;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cookie sessions cannot be ridden cross-site; answers carry security headers; forwarded headers are not trusted blindly. */
class WebDefenceTest {
    static TestServer server, proxied;
    static UserStore users;
    static String adminCookie, adminToken, plannerToken, proxiedCookie;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static int created;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newMigratedDatabase());
        users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ada", Role.ADMIN, "admin-password-1".toCharArray());
        users.create("pei", Role.PLANNER, "planner-password-1".toCharArray());
        HttpResponse<String> login = server.send("POST", "/api/session", "{\"username\":\"ada\",\"password\":\"admin-password-1\"}");
        adminCookie = cookieOf(login);
        adminToken = TestServer.json(login).get("token").asText();
        plannerToken = TestServer.json(server.send("POST", "/api/session",
                "{\"username\":\"pei\",\"password\":\"planner-password-1\"}")).get("token").asText();

        proxied = new TestServer(TestPostgis.newMigratedDatabase(), Map.of("trusted.proxies", "127.0.0.1, 10.0.0.0/8"));
        new UserStore(proxied.database().dataSource(), new PasswordHasher(4)).create("ada", Role.ADMIN, "admin-password-1".toCharArray());
        proxiedCookie = cookieOf(proxied.send("POST", "/api/session", "{\"username\":\"ada\",\"password\":\"admin-password-1\"}"));
    }

    @AfterAll
    static void stop() {
        server.close();
        proxied.close();
    }

    static String cookieOf(HttpResponse<String> login) {
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static HttpResponse<String> send(TestServer s, String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new account as the body of POST /api/users, with a fresh name each time. */
    static String newUser() {
        return "{\"username\":\"made" + (++created) + "\",\"role\":\"staff\",\"password\":\"staff-password-1\"}";
    }

    static HttpResponse<String> createUser(String... headers) throws Exception {
        return send(server, "POST", "/api/users", "application/json", newUser(), headers);
    }

    @Test
    void aCookieCannotBeRiddenFromAnotherSite() throws Exception {
        int before = users.count();
        List<String[]> crossSite = List.of(
                new String[] {"Cookie", adminCookie, "Origin", "https://evil.example"},
                new String[] {"Cookie", adminCookie, "Origin", "null"},
                new String[] {"Cookie", adminCookie, "Origin", "http://127.0.0.1:" + (server.app().port() + 1)},
                new String[] {"Cookie", adminCookie, "Sec-Fetch-Site", "cross-site"},
                new String[] {"Cookie", adminCookie, "Sec-Fetch-Site", "same-site", "Origin", "http://other.127.0.0.1"},
                new String[] {"Cookie", adminCookie});
        for (String[] headers : crossSite) {
            HttpResponse<String> r = createUser(headers);
            assertThat(r.statusCode()).as(String.join(" ", headers) + " → " + r.body()).isEqualTo(403);
            assertThat(TestServer.json(r).get("error").asText()).isEqualTo("cross_site");
        }
        assertThat(users.count()).isEqualTo(before);
        // logging out is a write too: refused cross-site, and the session still works
        assertThat(send(server, "DELETE", "/api/session", null, null, "Cookie", adminCookie, "Origin", "https://evil.example")
                .statusCode()).isEqualTo(403);
        assertThat(server.get("/api/session", "Cookie", adminCookie).statusCode()).isEqualTo(200);
    }

    @Test
    void theMapsOwnPagesWriteWithTheCookie() throws Exception {
        int before = users.count();
        assertThat(createUser("Cookie", adminCookie, "Origin", server.url("")).statusCode()).isEqualTo(201);
        assertThat(createUser("Cookie", adminCookie, "Sec-Fetch-Site", "same-origin", "Origin", server.url("")).statusCode())
                .isEqualTo(201);
        assertThat(createUser("Cookie", adminCookie, "Sec-Fetch-Site", "none").statusCode()).isEqualTo(201);
        // reads are not writes
        assertThat(server.get("/api/users", "Cookie", adminCookie, "Origin", "https://evil.example").statusCode()).isEqualTo(200);
        assertThat(users.count()).isEqualTo(before + 3);
    }

    @Test
    void aBearerTokenWithoutTheCookieIsNotACrossSiteRisk() throws Exception {
        HttpResponse<String> r = createUser("Authorization", "Bearer " + adminToken, "Origin", "https://tool.example");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void theOriginCheckFollowsThePublicOriginBehindATrustedProxy() throws Exception {
        String body = "{\"username\":\"proxied1\",\"role\":\"staff\",\"password\":\"staff-password-1\"}";
        HttpResponse<String> ok = send(proxied, "POST", "/api/users", "application/json", body, "Cookie", proxiedCookie,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "town.example", "Origin", "https://town.example");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        HttpResponse<String> refused = send(proxied, "POST", "/api/users", "application/json",
                body.replace("proxied1", "proxied2"), "Cookie", proxiedCookie,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "town.example", "Origin", "http://town.example");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void jsonRoutesRefuseOtherBodies() throws Exception {
        String login = "{\"username\":\"ada\",\"password\":\"admin-password-1\"}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            HttpResponse<String> r = send(server, "POST", "/api/session", type, login);
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(TestServer.json(r).get("error").asText()).isEqualTo("unsupported_media_type");
            assertThat(TestServer.json(r).get("message").asText()).contains("application/json");
        }
        assertThat(send(server, "POST", "/api/session", null, login).statusCode()).isEqualTo(415);
        HttpResponse<String> users = send(server, "POST", "/api/users", "text/plain", newUser(), "Authorization", "Bearer " + adminToken);
        assertThat(users.statusCode()).isEqualTo(415);
        assertThat(send(server, "POST", "/api/session", "application/json; charset=utf-8", login).statusCode()).isEqualTo(201);
        // the grid import takes files whatever their media type: the file's own bytes are judged, by the import
        // (wrong_format: not GeoJSON), not by the JSON-body rule (unsupported_media_type)
        HttpResponse<String> upload = send(server, "POST", "/api/grids/import?format=geojson", "application/octet-stream",
                "not a file", "Authorization", "Bearer " + plannerToken);
        assertThat(TestServer.json(upload).get("error").asText()).as(upload.body()).isEqualTo("wrong_format");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(server.get("/"));
        answers.add(server.get("/ogc", "Accept", "text/html"));
        answers.add(server.get("/api/rings"));
        answers.add(server.get("/api/users"));
        answers.add(server.get("/no/such/page"));
        answers.add(send(server, "POST", "/api/session", "text/plain", "x"));
        for (HttpResponse<String> r : answers) {
            String what = r.uri() + " " + r.statusCode();
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(what).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                    "object-src 'none'", "base-uri 'self'", "https://tile.openstreetmap.org", "https://*.tianditu.gov.cn");
            assertThat(csp).as(what).doesNotContain("'unsafe-eval'").doesNotContainPattern("script-src[^;]*unsafe-inline");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).contains("strict-origin-when-cross-origin");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
        }
        RawHttp.Response bad = RawHttp.get(server.app().port(), "/ogc/%zz");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(bad.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    static List<String> hrefs(JsonNode links) {
        List<String> out = new ArrayList<>();
        links.forEach(l -> out.add(l.get("href").asText()));
        return out;
    }

    @Test
    void forwardedHeadersFromAnUntrustedClientAreIgnored() throws Exception {
        String own = "http://127.0.0.1:" + server.app().port() + "/";
        HttpResponse<String> json = server.get("/ogc?f=json", "X-Forwarded-Proto", "javascript:alert(1)//",
                "X-Forwarded-Host", "evil.example");
        List<String> links = hrefs(TestServer.json(json).get("links"));
        assertThat(links).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith(own));
        HttpResponse<String> html = server.get("/ogc", "Accept", "text/html",
                "X-Forwarded-Proto", "javascript:alert(1)//", "X-Forwarded-Host", "evil.example");
        assertThat(html.body()).contains("href=\"" + own).doesNotContain("javascript:").doesNotContain("evil.example");
        JsonNode tileJson = TestServer.json(server.get("/tiles/basemap.json", "X-Forwarded-Proto", "https"));
        assertThat(tileJson.get("tiles").get(0).asText()).startsWith(own + "tiles/basemap/");
    }

    @Test
    void theHostHeaderIsUsedOnlyWhenItIsAHostName() throws Exception {
        RawHttp.Response named = RawHttp.get(server.app().port(), "/ogc?f=json", "Host: gridmap.example:8080");
        assertThat(named.status()).isEqualTo(200);
        assertThat(hrefs(TestServer.JSON.readTree(named.body()).get("links")))
                .allSatisfy(h -> assertThat(h).startsWith("http://gridmap.example:8080/"));
        RawHttp.Response odd = RawHttp.get(proxied.app().port(), "/ogc?f=json", "X-Forwarded-Host: evil.example/\"><x");
        assertThat(odd.status()).isEqualTo(200);
        assertThat(hrefs(TestServer.JSON.readTree(odd.body()).get("links")))
                .allSatisfy(h -> assertThat(h).startsWith("http://127.0.0.1:" + proxied.app().port() + "/"));
    }

    @Test
    void aTrustedProxyNamesSchemeAndHostWhenTheyAreValid() throws Exception {
        HttpResponse<String> https = proxied.get("/ogc?f=json", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "town.example");
        assertThat(hrefs(TestServer.json(https).get("links"))).allSatisfy(h -> assertThat(h).startsWith("https://town.example/ogc"));
        HttpResponse<String> chain = proxied.get("/ogc?f=json", "X-Forwarded-Proto", "https, http",
                "X-Forwarded-Host", "town.example:8443, inner.local");
        assertThat(hrefs(TestServer.json(chain).get("links"))).allSatisfy(h -> assertThat(h).startsWith("https://town.example:8443/"));
        HttpResponse<String> script = proxied.get("/ogc?f=json", "X-Forwarded-Proto", "javascript:alert(1)//");
        assertThat(hrefs(TestServer.json(script).get("links")))
                .allSatisfy(h -> assertThat(h).startsWith("http://127.0.0.1:" + proxied.app().port() + "/"));
    }
}
