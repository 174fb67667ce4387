package org.gridmap.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster that gridmap owns: initdb'd into a directory of its own, listening on its own
 * port and socket directory, so it never touches a system cluster. As root it runs the server as the
 * {@code postgres} user, because PostgreSQL refuses to run as root.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String SUPERUSER = "gridmap";

    private final Path baseDir;
    private final int port;
    private final Path binDir;
    private final boolean asPostgresUser;
    private boolean startedByUs;

    public LocalPostgres(Path baseDir, int port) {
        this(baseDir, port, PostgresBinaries.find());
    }

    public LocalPostgres(Path baseDir, int port, Path binDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.port = port;
        this.binDir = binDir;
        this.asPostgresUser = Processes.isRoot();
    }

    public Path dataDir() { return baseDir.resolve("data"); }
    private Path socketDir() { return baseDir.resolve("run"); }
    private Path passwordFile() { return baseDir.resolve("superuser.password"); }
    private Path logFile() { return baseDir.resolve("postgres.log"); }
    public int port() { return port; }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String password() {
        try {
            return Files.readString(passwordFile(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the local cluster's password file " + passwordFile(), e);
        }
    }

    public boolean isInitialized() { return Files.exists(dataDir().resolve("PG_VERSION")); }

    /** Creates the cluster on first use; a second call finds it and does nothing, so data survives restarts. */
    public void initialize() throws IOException {
        if (isInitialized()) return;
        Files.createDirectories(baseDir);
        Files.createDirectories(socketDir());
        String pw = randomPassword();
        Files.writeString(passwordFile(), pw + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-------"));
        Path pwForInitdb = baseDir.resolve("initdb.pw");
        Files.writeString(pwForInitdb, pw + "\n", StandardCharsets.UTF_8);
        if (asPostgresUser) Processes.chownRecursive(baseDir, "postgres");
        try {
            run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir().toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwForInitdb, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
                    "--no-instructions"), 180);
        } finally {
            Files.deleteIfExists(pwForInitdb);
        }
        // Loopback only; the socket stays inside our directory so no system path is needed.
        Files.writeString(dataDir().resolve("postgresql.auto.conf"),
                "listen_addresses = '127.0.0.1'\n"
                        + "unix_socket_directories = '" + socketDir() + "'\n"
                        + "fsync = on\nmax_connections = 100\nshared_buffers = '256MB'\n"
                        + "logging_collector = off\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        log.info("initialised a new PostgreSQL cluster in {}", dataDir());
    }

    public boolean isRunning() {
        if (!isInitialized()) return false;
        try {
            return runQuietly(List.of(binDir.resolve("pg_ctl").toString(), "status", "-D", dataDir().toString())) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the server unless it already runs (a server from an earlier command is reused, not restarted). */
    public void start() throws IOException {
        initialize();
        if (isRunning()) {
            log.info("PostgreSQL in {} is already running; reusing it", dataDir());
            return;
        }
        run(List.of(binDir.resolve("pg_ctl").toString(), "start", "-w", "-t", "120", "-D", dataDir().toString(),
                "-l", logFile().toString(), "-o", "-p " + port), 150);
        startedByUs = true;
        log.info("PostgreSQL started on 127.0.0.1:{} (data in {})", port, dataDir());
    }

    /** Fast shutdown: open transactions roll back, committed data is on disk. */
    public void stop() {
        if (!isRunning()) return;
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "stop", "-w", "-m", "fast", "-D", dataDir().toString()), 120);
            log.info("PostgreSQL in {} stopped", dataDir());
        } catch (IOException e) {
            log.warn("could not stop PostgreSQL in {}: {}", dataDir(), e.getMessage());
        }
    }

    public boolean startedByUs() { return startedByUs; }

    @Override
    public void close() { if (startedByUs) stop(); }

    private List<String> asServerUser(List<String> command) {
        if (!asPostgresUser) return command;
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException {
        Processes.Result r = Processes.run(asServerUser(command), timeoutSeconds);
        if (r.exitCode() != 0) {
            String tail = "";
            try {
                if (Files.exists(logFile())) {
                    List<String> lines = Files.readAllLines(logFile());
                    tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                }
            } catch (IOException ignored) { }
            throw new IOException("command failed (" + r.exitCode() + "): " + String.join(" ", command) + "\n"
                    + r.output() + (tail.isEmpty() ? "" : "\nserver log:\n" + tail));
        }
    }

    private int runQuietly(List<String> command) throws IOException {
        return Processes.run(asServerUser(command), 30).exitCode();
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static void sleep(long ms) {
        try { TimeUnit.MILLISECONDS.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }
}
