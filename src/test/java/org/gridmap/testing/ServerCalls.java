package org.gridmap.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's calls on its server: HTTP as an account — in English unless the test asks for no language, since the
 * tests read the English texts (a request naming no language is answered in Chinese) — and plain SQL, to set the
 * scene and to check answers against the database.
 */
public class ServerCalls {
    public final TestServer server;

    public ServerCalls(TestServer server) { this.server = server; }

    /** Logs in through the API; the session's token. */
    public String login(String user, String password) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    /** A request as the account of {@code token} (none: anonymous), in English or naming no language. */
    public HttpResponse<String> send(String method, String path, String body, String token, boolean english) throws Exception {
        List<String> h = new ArrayList<>();
        if (token != null) h.addAll(List.of("Authorization", "Bearer " + token));
        if (english) h.addAll(List.of("Accept-Language", "en"));
        return server.send(method, path, body, h.toArray(String[]::new));
    }

    /** A request in English. */
    public HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return send(method, path, body, token, true);
    }

    /** The JSON of a request (in English) that must answer this status; null for an empty answer. */
    public JsonNode expect(int status, String method, String path, String body, String token) throws Exception {
        HttpResponse<String> r = send(method, path, body, token, true);
        assertThat(r.statusCode()).as(method + " " + path + " → " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : TestServer.json(r);
    }

    /** The first row of a query, every column read as a whole number. */
    public long[] longs(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getLong(i + 1);
            return out;
        }
    }

    /** The first column of the first row as a whole number. */
    public long one(String sql) throws Exception { return longs(sql)[0]; }

    /** The first column of the first row as text. */
    public String text(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    public void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
