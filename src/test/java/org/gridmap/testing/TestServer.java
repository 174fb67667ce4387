package org.gridmap.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridmap.app.Config;
import org.gridmap.app.GridmapServer;
import org.gridmap.db.Database;

/** A real gridmap HTTP server on a free port over a test database, and a small client for it. */
public final class TestServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final GridmapServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public TestServer(Database.Credentials credentials) throws IOException, java.sql.SQLException {
        this(credentials, Map.of());
    }

    /** A server with some settings changed (e.g. {@code pool.size}); the pool is built from them as {@code serve} builds it. */
    public TestServer(Database.Credentials credentials, Map<String, String> settings) throws IOException, java.sql.SQLException {
        this(credentials, settings, java.time.Clock.systemUTC());
    }

    /** A server whose deadlines run on {@code clock}. */
    public TestServer(Database.Credentials credentials, java.time.Clock clock) throws IOException, java.sql.SQLException {
        this(credentials, Map.of(), clock);
    }

    private TestServer(Database.Credentials credentials, Map<String, String> settings, java.time.Clock clock)
            throws IOException, java.sql.SQLException {
        Map<String, String> all = new java.util.HashMap<>(Map.of("port", "0", "host", "127.0.0.1", "pool.size", "4",
                "max.request.bytes", Long.toString(1024 * 1024), "db.statement.timeout.ms", "0"));
        all.putAll(settings);
        Config config = Config.load(null, Map.of(), all);
        this.db = new Database(credentials, config.poolSize(), config.statementTimeoutMs());
        this.server = new GridmapServer(config, db, clock).start();
    }

    public Database database() { return db; }

    public GridmapServer app() { return server; }

    public String url(String path) { return "http://127.0.0.1:" + server.port() + path; }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        server.stop();
        db.close();
    }

}
