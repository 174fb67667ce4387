package org.gridmap.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.ResultSet;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccountsTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newMigratedDatabase());
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ada", Role.ADMIN, "admin-password-1".toCharArray());
        users.create("pei", Role.PLANNER, "planner-password-1".toCharArray());
        users.create("mo", Role.MONITOR, "monitor-password-1".toCharArray());
        users.create("victim", Role.STAFF, "staff-password-1".toCharArray());
    }

    @AfterAll
    static void stop() { server.close(); }

    static String login(String user, String password) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    @Test
    void loginSetsAnHttpOnlySameSiteCookieAndReturnsABearerToken() throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"pei\",\"password\":\"planner-password-1\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("gridmap_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String token = TestServer.json(r).get("token").asText();
        assertThat(TestServer.json(r).get("user").get("role").asText()).isEqualTo("planner");

        HttpResponse<String> me = server.get("/api/session", "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(me).get("user").get("username").asText()).isEqualTo("pei");

        String cookieValue = cookie.substring(0, cookie.indexOf(';'));
        assertThat(server.get("/api/session", "Cookie", cookieValue).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIs401WithTheJsonErrorShape() throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"mo\",\"password\":\"wrong-password\"}",
                "Accept-Language", "en");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("unauthorized");
        assertThat(TestServer.json(r).get("message").asText()).contains("Wrong user name or password");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> zh = server.send("POST", "/api/session", "{\"username\":\"mo\",\"password\":\"wrong-password-2\"}");
        assertThat(TestServer.json(zh).get("error").asText()).isEqualTo("unauthorized");
        assertThat(TestServer.json(zh).get("message").asText()).isEqualTo("用户名或密码错误。");
    }

    @Test
    void repeatedFailuresAreRateLimitedEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(server.send("POST", "/api/session", "{\"username\":\"victim\",\"password\":\"guess-" + i + "-xxxx\"}")
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = server.send("POST", "/api/session",
                "{\"username\":\"victim\",\"password\":\"staff-password-1\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(TestServer.json(limited).get("error").asText()).isEqualTo("too_many_requests");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String token = login("mo", "monitor-password-1");
        assertThat(server.send("DELETE", "/api/session", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/session", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void routesDeclareTheirRoleAnonymousGets401WrongRole403() throws Exception {
        String body = "{\"username\":\"newbie\",\"role\":\"staff\",\"password\":\"a-long-password\"}";
        HttpResponse<String> anonymous = server.send("POST", "/api/users", body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(anonymous).get("error").asText()).isEqualTo("unauthorized");

        HttpResponse<String> planner = server.send("POST", "/api/users", body,
                "Authorization", "Bearer " + login("pei", "planner-password-1"), "Accept-Language", "en");
        assertThat(planner.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(planner).get("message").asText()).contains("planner");

        HttpResponse<String> admin = server.send("POST", "/api/users", body,
                "Authorization", "Bearer " + login("ada", "admin-password-1"));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
        assertThat(server.send("POST", "/api/session", "{\"username\":\"newbie\",\"password\":\"a-long-password\"}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnly() throws Exception {
        try (var c = server.database().connection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_hash FROM users WHERE username = 'pei'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("$2b$").doesNotContain("planner-password-1");
        }
        assertThat(new PasswordHasher(4).verify(new PasswordHasher(4).hash("correct-horse".toCharArray()),
                "correct-horse".toCharArray())).isTrue();
        assertThat(new PasswordHasher(4).verify(new PasswordHasher(4).hash("correct-horse".toCharArray()),
                "wrong-horse!".toCharArray())).isFalse();
    }

    @Test
    void userNamesAreUniqueIgnoringCaseAndLoginIgnoresCase() throws Exception {
        String admin = login("ada", "admin-password-1");
        HttpResponse<String> twin = server.send("POST", "/api/users",
                "{\"username\":\"PEI\",\"role\":\"admin\",\"password\":\"another-password\"}", "Authorization", "Bearer " + admin);
        assertThat(twin.statusCode()).as(twin.body()).isEqualTo(409);
        assertThat(TestServer.json(twin).get("error").asText()).isEqualTo("already_exists");
        assertThat(TestServer.json(twin).get("message").asText()).contains("PEI");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UserStore(server.database().dataSource(), new PasswordHasher(4))
                .create("Mo", Role.ADMIN, "monitor-password-2".toCharArray())).hasMessageContaining("already exists");
        // the database itself holds the rule, whoever writes
        try (var c = server.database().connection(); var s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO users (username, password_hash, role) VALUES ('ADA', 'x', 'admin')"))
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("users_username_lower");
        }
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"Pei\",\"password\":\"planner-password-1\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(TestServer.json(r).get("user").get("username").asText()).isEqualTo("pei");
    }

    @Test
    void changingTheCaseOfANameDoesNotEscapeTheThrottle() throws Exception {
        new UserStore(server.database().dataSource(), new PasswordHasher(4)).create("casey", Role.STAFF, "staff-password-2".toCharArray());
        String[] spellings = {"casey", "Casey", "CASEY", "cAsey", "caSey"};
        for (String name : spellings) {
            assertThat(server.send("POST", "/api/session", "{\"username\":\"" + name + "\",\"password\":\"guess-xxxx-1\"}")
                    .statusCode()).isEqualTo(401);
        }
        assertThat(server.send("POST", "/api/session", "{\"username\":\"casEY\",\"password\":\"staff-password-2\"}")
                .statusCode()).isEqualTo(429);
    }
}
