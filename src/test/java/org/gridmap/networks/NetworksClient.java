package org.gridmap.networks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.testing.TestServer;

/** A test server's HTTP and database, as the networks' tests use them. */
final class NetworksClient {
    final TestServer server;

    NetworksClient(TestServer server) { this.server = server; }

    String login(String user, String password) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    HttpResponse<String> send(String method, String path, String body, String token, boolean english) throws Exception {
        List<String> h = new ArrayList<>();
        if (token != null) h.addAll(List.of("Authorization", "Bearer " + token));
        if (english) h.addAll(List.of("Accept-Language", "en"));
        return server.send(method, path, body, h.toArray(String[]::new));
    }

    JsonNode expect(int status, String method, String path, String body, String token) throws Exception {
        HttpResponse<String> r = send(method, path, body, token, true);
        assertThat(r.statusCode()).as(method + " " + path + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : TestServer.json(r);
    }

    JsonNode get(String path) throws Exception { return expect(200, "GET", path, null, null); }

    long[] longs(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getLong(i + 1);
            return out;
        }
    }

    long one(String sql) throws Exception { return longs(sql)[0]; }

    String text(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
