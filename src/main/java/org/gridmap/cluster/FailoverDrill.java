package org.gridmap.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bin/gridmap cluster test}: under a steady write and read load through HAProxy, kill -9 the primary's
 * PostgreSQL and its Patroni, then one gridmap node, and hold the system to what a city needs: no acknowledged
 * edit lost, no stale tile after an edit, every failed answer a 503 with Retry-After (never a 500, never no
 * answer), and the failures stop once a new primary is elected. Prints the figures; exits 1 when a check fails.
 * The cluster is started and stopped by bin/cluster, which passes where everything is in GRIDMAP_DRILL_*.
 */
public final class FailoverDrill {
    /**
     * After the new primary is elected: HAProxy's next check (1 s), the surviving replica re-attaching as the new
     * primary's synchronous standby (commits wait for it) and the pools' reconnects (2 s) take a few seconds.
     */
    static final long SETTLE_MS = 8_000;

    /** A request the killed node held ends when the kernel closes its sockets: at once, well within this. */
    static final long HELD_MS = 1_000;

    private final String http;
    private final String jdbc;
    private final String dbPassword;
    private final List<Integer> restPorts = new ArrayList<>();
    private final Path dir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> failures = new ArrayList<>();

    FailoverDrill(java.util.Map<String, String> env) {
        this.http = env.get("GRIDMAP_DRILL_HTTP");
        this.jdbc = env.get("GRIDMAP_DB_URL");
        this.dbPassword = env.get("GRIDMAP_DB_PASSWORD");
        for (String p : env.get("GRIDMAP_DRILL_REST").split(",")) restPorts.add(Integer.parseInt(p.trim()));
        this.dir = Path.of(env.get("GRIDMAP_DRILL_DIR"));
    }

    public static void main(String[] args) throws Exception {
        FailoverDrill drill = new FailoverDrill(System.getenv());
        int code = drill.run(System.getenv("GRIDMAP_DRILL_USER"), System.getenv("GRIDMAP_DRILL_PASSWORD"));
        System.exit(code);
    }

    int run(String user, String password) throws Exception {
        double[][] spots = spots();
        DrillLoad load = new DrillLoad(http, login(user, password), spots[0], spots[1]);
        long start = System.currentTimeMillis();
        load.start(2, 2);
        DrillLoad.pause(6_000);

        int primary = primaryNode();
        long killedDb = System.currentTimeMillis();
        kill(dir.resolve("pg" + primary + "/data/postmaster.pid"), "PostgreSQL pg" + primary + " (the primary)");
        kill(dir.resolve("pg" + primary + "/patroni.pid"), "Patroni pg" + primary);
        int newPrimary = -1;
        long elected = -1;
        while (System.currentTimeMillis() - killedDb < 60_000 && elected < 0) {
            DrillLoad.pause(100);
            for (int n = 1; n <= restPorts.size(); n++) {
                if (n != primary && isPrimary(n)) { newPrimary = n; elected = System.currentTimeMillis(); break; }
            }
        }
        if (elected < 0) failures.add("no new primary within 60 s");
        long firstWrite = waitForWrite(load, killedDb, elected, 60_000);
        DrillLoad.pause(Math.max(0, Math.max(elected, firstWrite) + SETTLE_MS + 4_000 - System.currentTimeMillis()));

        long killedApp = System.currentTimeMillis();
        kill(dir.resolve("app2/gridmap.pid"), "gridmap node 2");
        DrillLoad.pause(12_000);
        load.stop();
        long end = System.currentTimeMillis();

        Outcomes o = load.outcomes();
        checkAnswers(o, killedDb, elected, killedApp, end);
        long lost = checkNothingLost(load.acknowledged());
        checkFreshAfterRecovery(spots[1], user, password);
        if (load.staleTiles() > 0) failures.add(load.staleTiles() + " tiles did not show an acknowledged edit within "
                + DrillLoad.STALE_AFTER_MS + " ms");

        System.out.println();
        System.out.println("failover drill (" + (end - start) / 1000 + " s of load: 2 writers, 2 readers, 1 edit-then-tile probe)");
        long firstRefused = o.firstFailure("write", killedDb);
        long backAgain = firstRefused < 0 ? -1 : o.firstSuccess("write", firstRefused);
        System.out.printf(Locale.ROOT, "  primary pg%d killed (postgres, then Patroni, kill -9); new primary pg%d elected after %s; "
                + "writes refused from %s to %s after the kill (%s without writes)%n", primary, newPrimary, seconds(elected, killedDb),
                seconds(firstRefused, killedDb), seconds(backAgain, killedDb),
                firstRefused < 0 || backAgain < 0 ? "never" : seconds(backAgain, firstRefused));
        System.out.println("  answers before the kill:        " + o.byStatus(start, killedDb));
        System.out.println("  answers during the failover:    " + o.byStatus(killedDb, killedApp));
        System.out.println("  answers after killing a node:   " + o.byStatus(killedApp, end + 1));
        long lastDbFailure = o.lastFailure(killedDb, killedApp);
        long lastAppFailure = o.lastFailure(killedApp, end + 1);
        System.out.println("  last failed answer after the primary's kill: " + seconds(lastDbFailure, killedDb)
                + "; after the node's kill: " + seconds(lastAppFailure, killedApp) + "; requests the killed node held, "
                + "their connection closed without an answer: " + o.heldByTheDeadNode(killedApp, HELD_MS));
        System.out.printf(Locale.ROOT, "  acknowledged edits: %d, lost: %d; probe tiles showing their edit: %d, stale: %d, "
                + "slowest to show: %d ms%n", load.acknowledged().size(), lost, load.probesSeen(), load.staleTiles(),
                load.worstProbeDelayMs());
        if (failures.isEmpty()) {
            System.out.println("PASS");
            return 0;
        }
        failures.forEach(f -> System.out.println("FAIL: " + f));
        return 1;
    }

    private void checkAnswers(Outcomes o, long killedDb, long elected, long killedApp, long end) {
        List<Outcomes.Answer> bad = o.forbidden(killedApp, HELD_MS);
        if (!bad.isEmpty()) failures.add(bad.size() + " answers were not a success or a 503 with Retry-After, e.g. " + bad.get(0));
        long lastDb = o.lastFailure(killedDb, killedApp);
        if (elected > 0 && lastDb > elected + SETTLE_MS) {
            failures.add("requests still failed " + (lastDb - elected) + " ms after the new primary was elected");
        }
        long lastApp = o.lastFailure(killedApp, end + 1);
        if (lastApp > killedApp + SETTLE_MS) {
            failures.add("requests still failed " + (lastApp - killedApp) + " ms after a gridmap node was killed");
        }
        if (o.firstSuccess("write", killedApp) < 0) failures.add("no write succeeded after a gridmap node was killed");
    }

    /** Every acknowledged hazard is in the database now served as primary: asked directly, not through gridmap. */
    private long checkNothingLost(Set<Long> acknowledged) throws Exception {
        Set<Long> found = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc, "gridmap", dbPassword);
             PreparedStatement ps = c.prepareStatement("SELECT id FROM hazards WHERE id = ANY(?)")) {
            Array ids = c.createArrayOf("bigint", acknowledged.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(rs.getLong("id"));
            }
        }
        long lost = acknowledged.stream().filter(id -> !found.contains(id)).count();
        if (lost > 0) failures.add(lost + " acknowledged edits are missing after the failover");
        if (acknowledged.isEmpty()) failures.add("no edit was acknowledged at all");
        return lost;
    }

    /** After recovery: the surviving node's cached tile shows a new edit at once (its cache was dropped, not kept). */
    private void checkFreshAfterRecovery(double[] spot, String user, String password) throws Exception {
        DrillLoad direct = new DrillLoad(http, login(user, password), spot, spot);
        HttpRequest tile = direct.get(DrillLoad.tilePath("hazards", spot[0], spot[1], 0, 0));
        direct.send(tile, "final");   // cached now, if it was not
        String name = "drill-final-" + Long.toString(System.nanoTime(), 36);
        if (direct.pin(name, spot[0], spot[1] + 1e-5, "final") == null) {
            failures.add("the final edit after recovery was not acknowledged");
            return;
        }
        HttpResponse<byte[]> r = direct.send(tile, "final");
        if (r == null || !DrillLoad.contains(r.body(), name.getBytes(StandardCharsets.UTF_8))) {
            failures.add("after recovery, a tile fetched right after an edit did not show it");
        }
    }

    /** The first write acknowledged after the new primary's election (and after the first refused write). */
    private long waitForWrite(DrillLoad load, long from, long elected, long limitMs) {
        while (System.currentTimeMillis() - from < limitMs) {
            long after = Math.max(elected, load.outcomes().firstFailure("write", from));
            long t = load.outcomes().firstSuccess("write", after);
            if (t > 0) return t;
            DrillLoad.pause(100);
        }
        failures.add("no write succeeded within " + limitMs / 1000 + " s of the primary's loss");
        return -1;
    }

    /** Two places inside the town: one for the writers' pins, one (another tile) for the probe's. */
    private double[][] spots() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "gridmap", dbPassword);
             PreparedStatement ps = c.prepareStatement("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM "
                     + "(SELECT ST_PointOnSurface(geom) AS p FROM grids ORDER BY code LIMIT 2) s");
             ResultSet rs = ps.executeQuery()) {
            double[][] out = new double[2][];
            for (int i = 0; i < 2 && rs.next(); i++) out[i] = new double[] {rs.getDouble("lon"), rs.getDouble("lat")};
            if (out[1] == null) throw new IllegalStateException("the cluster's database holds no town");
            return out;
        }
    }

    private String login(String user, String password) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(http + "/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("token").asText();
    }

    private int primaryNode() {
        for (int n = 1; n <= restPorts.size(); n++) if (isPrimary(n)) return n;
        throw new IllegalStateException("no member says it is the primary");
    }

    /** Patroni's own answer: GET /primary is 200 only on the member holding the leader lock and running as primary. */
    private boolean isPrimary(int node) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPorts.get(node - 1) + "/primary"))
                    .timeout(Duration.ofSeconds(1)).GET().build();
            return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** kill -9 of the process whose id is the first line of {@code pidFile}. */
    private static void kill(Path pidFile, String what) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        boolean sent = ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        System.out.println("  kill -9 " + what + " (pid " + pid + ")" + (sent ? "" : ": not running"));
    }

    private static String seconds(long at, long from) {
        return at < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", (at - from) / 1000.0);
    }
}
