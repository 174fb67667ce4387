package org.gridmap.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.gridmap.http.TrustedProxies;

/**
 * Settings, from lowest to highest precedence: built-in defaults, a properties file
 * ({@code gridmap.properties} in the working directory, or {@code --config FILE}, or {@code GRIDMAP_CONFIG}),
 * environment variables ({@code GRIDMAP_PORT}, {@code GRIDMAP_DB_URL}, …), then command-line flags.
 */
public record Config(
        String host,
        int port,
        String dbUrl,          // null → the project-local cluster
        String dbUser,
        String dbPassword,
        Path varDir,
        int localPgPort,
        int poolSize,
        boolean secureCookies,
        long maxRequestBytes,
        long tileCacheBytes,
        Path ringPolicy,
        String tiandituKey,
        TrustedProxies trustedProxies,
        long statementTimeoutMs,   // 0 → no limit; the server's reads and writes are stopped after this long
        long maxJsonBytes,         // JSON request bodies; file uploads are bounded by maxRequestBytes
        ReadDatabase readDb,       // null → reads go to the primary with everything else
        String metricsToken,       // null → /metrics answers loopback clients only
        String logFormat) {        // "text" or "json"

    public static final String[] KEYS = {
        "host", "port", "db.url", "db.user", "db.password", "var.dir", "local.pg.port", "pool.size",
        "secure.cookies", "max.request.bytes", "tile.cache.bytes", "rings.policy", "tianditu.key",
        "trusted.proxies", "db.statement.timeout.ms", "max.json.bytes", "db.read.url", "db.read.user", "db.read.password",
        "metrics.token", "log.format"};

    /**
     * A second database (a streaming replica, or a load balancer's read port in front of the replicas) for the
     * reads that tolerate a little staleness: tiles and OGC items. User and password default to the primary's.
     */
    public record ReadDatabase(String url, String user, String password) {
        @Override public String toString() { return "ReadDatabase[" + url + ", user=" + user + "]"; }
    }

    @Override
    public String toString() {
        return "Config[host=" + host + ", port=" + port + ", db=" + (dbUrl == null ? "local cluster" : dbUrl)
                + ", var=" + varDir + "]";
    }

    public boolean usesLocalCluster() { return dbUrl == null || dbUrl.isBlank(); }

    public Config withPort(int p) {
        return new Config(host, p, dbUrl, dbUser, dbPassword, varDir, localPgPort, poolSize, secureCookies, maxRequestBytes,
                tileCacheBytes, ringPolicy, tiandituKey, trustedProxies, statementTimeoutMs, maxJsonBytes, readDb,
                metricsToken, logFormat);
    }

    public static Config load(Path configFile, Map<String, String> env, Map<String, String> flags) throws IOException {
        Properties p = new Properties();
        p.setProperty("host", "0.0.0.0");
        p.setProperty("port", "7070");
        p.setProperty("var.dir", "var");
        p.setProperty("local.pg.port", "54329");
        p.setProperty("pool.size", "16");
        p.setProperty("secure.cookies", "false");
        p.setProperty("max.request.bytes", Long.toString(10L * 1024 * 1024));
        p.setProperty("tile.cache.bytes", Long.toString(128L * 1024 * 1024));
        p.setProperty("db.statement.timeout.ms", "30000");
        p.setProperty("max.json.bytes", Long.toString(1024 * 1024));
        p.setProperty("log.format", "text");

        Path file = configFile;
        if (file == null && env.get("GRIDMAP_CONFIG") != null) file = Path.of(env.get("GRIDMAP_CONFIG"));
        if (file == null && Files.exists(Path.of("gridmap.properties"))) file = Path.of("gridmap.properties");
        if (file != null) {
            if (!Files.exists(file)) throw new IOException("configuration file not found: " + file);
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties fromFile = new Properties();
                fromFile.load(r);
                for (String k : fromFile.stringPropertyNames()) {
                    requireKnown(k, file.toString());
                    p.setProperty(k, fromFile.getProperty(k));
                }
            }
        }
        for (String key : KEYS) {
            String envName = "GRIDMAP_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
            if (env.get(envName) != null && !env.get(envName).isBlank()) p.setProperty(key, env.get(envName));
        }
        flags.forEach((k, v) -> {
            requireKnown(k, "command line");
            if (v != null) p.setProperty(k, v);
        });
        try {
            return new Config(
                    p.getProperty("host"),
                    Integer.parseInt(p.getProperty("port")),
                    blankToNull(p.getProperty("db.url")),
                    blankToNull(p.getProperty("db.user")),
                    blankToNull(p.getProperty("db.password")),
                    Path.of(p.getProperty("var.dir")),
                    Integer.parseInt(p.getProperty("local.pg.port")),
                    Integer.parseInt(p.getProperty("pool.size")),
                    Boolean.parseBoolean(p.getProperty("secure.cookies")),
                    Long.parseLong(p.getProperty("max.request.bytes")),
                    Long.parseLong(p.getProperty("tile.cache.bytes")),
                    p.getProperty("rings.policy") == null ? null : Path.of(p.getProperty("rings.policy")),
                    blankToNull(p.getProperty("tianditu.key")),
                    TrustedProxies.parse(p.getProperty("trusted.proxies")),
                    Long.parseLong(p.getProperty("db.statement.timeout.ms")),
                    Long.parseLong(p.getProperty("max.json.bytes")),
                    readDatabase(p),
                    blankToNull(p.getProperty("metrics.token")),
                    logFormat(p.getProperty("log.format")));
        } catch (NumberFormatException e) {
            throw new IOException("a numeric setting is not a number: " + e.getMessage());
        }
    }

    private static ReadDatabase readDatabase(Properties p) {
        String url = blankToNull(p.getProperty("db.read.url"));
        if (url == null) return null;
        String user = blankToNull(p.getProperty("db.read.user"));
        String password = blankToNull(p.getProperty("db.read.password"));
        return new ReadDatabase(url, user == null ? blankToNull(p.getProperty("db.user")) : user,
                password == null ? blankToNull(p.getProperty("db.password")) : password);
    }

    private static void requireKnown(String key, String where) {
        for (String k : KEYS) if (k.equals(key)) return;
        throw new IllegalArgumentException("unknown setting '" + key + "' in " + where
                + "; known settings: " + String.join(", ", KEYS));
    }

    private static String logFormat(String f) {
        if (f.equals("text") || f.equals("json")) return f;
        throw new IllegalArgumentException("log.format must be text or json, not '" + f + "'");
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
