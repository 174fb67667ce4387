package org.gridmap.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.gridmap.db.Database;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gridmap nodes on one database, as behind a load balancer: sessions live in the database, so a login on
 * one node holds on the other (bearer token and cookie alike), and a logout on either ends it on both.
 */
class SessionsAcrossNodesTest {
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() throws Exception {
        Database.Credentials db = TestPostgis.newMigratedDatabase();
        a = new TestServer(db);
        b = new TestServer(db);
        new UserStore(a.database().dataSource(), new PasswordHasher()).create("both-nodes", Role.PLANNER,
                "planner-password-1".toCharArray());
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void aLoginOnOneNodeHoldsOnTheOtherAndALogoutOnEitherEndsItOnBoth() throws Exception {
        HttpResponse<String> login = a.send("POST", "/api/session", "{\"username\":\"both-nodes\",\"password\":\"planner-password-1\"}");
        assertThat(login.statusCode()).isEqualTo(201);
        String token = TestServer.json(login).get("token").asText();
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        HttpResponse<String> onB = b.get("/api/session", "Authorization", "Bearer " + token);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(onB).path("user").path("username").asText()).isEqualTo("both-nodes");
        assertThat(b.get("/api/session", "Cookie", cookie).statusCode()).as("the cookie too").isEqualTo(200);
        assertThat(b.get("/api/edits", "Authorization", "Bearer " + token).statusCode()).as("the role holds on B").isEqualTo(200);

        HttpResponse<String> logout = b.send("DELETE", "/api/session", null, "Authorization", "Bearer " + token);
        assertThat(logout.statusCode()).isIn(200, 204);
        assertThat(a.get("/api/session", "Authorization", "Bearer " + token).statusCode()).as("logged out on A too").isEqualTo(401);
        assertThat(a.get("/api/session", "Cookie", cookie).statusCode()).isEqualTo(401);
    }
}
