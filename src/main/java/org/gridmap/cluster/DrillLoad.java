package org.gridmap.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gridmap.layers.TileCoord;

/**
 * The drill's steady load through the load balancer: writers pinning hazards (each acknowledged id kept, to be
 * looked for afterwards), readers fetching basemap tiles and OGC items, and a probe that pins a hazard and then
 * fetches the tile it lies in until the tile shows it (how stale a tile can be after an edit).
 */
final class DrillLoad {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** A tile that does not show an acknowledged edit within this long counts as stale. */
    static final long STALE_AFTER_MS = 3_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String token;
    private final double[] writeSpot;
    private final double[] probeSpot;
    private final Outcomes outcomes = new Outcomes();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger staleTiles = new AtomicInteger();
    private final AtomicLong worstProbeDelay = new AtomicLong();
    private final AtomicInteger probesSeen = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    DrillLoad(String base, String token, double[] writeSpot, double[] probeSpot) {
        this.base = base;
        this.token = token;
        this.writeSpot = writeSpot;
        this.probeSpot = probeSpot;
    }

    void start(int writers, int readers) {
        for (int i = 0; i < writers; i++) {
            int w = i;
            threads.add(started("drill-writer-" + i, () -> writeLoop(w)));
        }
        for (int i = 0; i < readers; i++) {
            int r = i;
            threads.add(started("drill-reader-" + i, () -> readLoop(r)));
        }
        threads.add(started("drill-probe", this::probeLoop));
    }

    private static Thread started(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(REQUEST_TIMEOUT.toMillis() + 5_000);
    }

    Outcomes outcomes() { return outcomes; }

    Set<Long> acknowledged() { return acknowledged; }

    int staleTiles() { return staleTiles.get(); }

    long worstProbeDelayMs() { return worstProbeDelay.get(); }

    int probesSeen() { return probesSeen.get(); }

    private void writeLoop(int writer) {
        Random random = new Random(writer);
        int n = 0;
        while (running) {
            double lon = writeSpot[0] + (random.nextDouble() - 0.5) * 0.002;
            double lat = writeSpot[1] + (random.nextDouble() - 0.5) * 0.002;
            Long id = pin("drill-w" + writer + "-" + n++, lon, lat, "write");
            if (id != null) acknowledged.add(id);
            pause(40);
        }
    }

    private void readLoop(int reader) {
        Random random = new Random(100 + reader);
        while (running) {
            if (random.nextInt(4) == 0) {
                send(get("/ogc/collections/hazards/items?limit=20&offset=" + random.nextInt(50)), "read");
            } else {
                send(get(tilePath("basemap", writeSpot[0], writeSpot[1], random.nextInt(9) - 4, random.nextInt(9) - 4)), "read");
            }
            pause(20);
        }
    }

    /** Pin, then read the probe's tile until it shows the new name; every acknowledged pin must show within the limit. */
    private void probeLoop() {
        String path = tilePath("hazards", probeSpot[0], probeSpot[1], 0, 0);
        int n = 0;
        while (running) {
            String name = "drill-probe-" + n++ + "-" + Long.toString(System.nanoTime(), 36);
            Long id = pin(name, probeSpot[0] + n * 1e-6, probeSpot[1], "probe-write");
            if (id != null) {
                acknowledged.add(id);
                long acked = System.currentTimeMillis();
                boolean seen = false;
                while (!seen && System.currentTimeMillis() - acked < STALE_AFTER_MS) {
                    HttpResponse<byte[]> r = send(get(path), "probe-tile");
                    seen = r != null && r.statusCode() == 200 && contains(r.body(), name.getBytes(StandardCharsets.UTF_8));
                    if (!seen) pause(50);
                }
                if (seen) {
                    probesSeen.incrementAndGet();
                    worstProbeDelay.accumulateAndGet(System.currentTimeMillis() - acked, Math::max);
                } else {
                    staleTiles.incrementAndGet();
                }
            }
            pause(300);
        }
    }

    /** Pins a small hazard; its id when the server acknowledged it (201), else null. */
    Long pin(String name, double lon, double lat, String kind) {
        String body = String.format(Locale.ROOT, "{\"name\":\"%s\",\"type\":\"landslide\",\"radius_m\":5,\"blocks_roads\":false,"
                + "\"description\":\"drill\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}", name, lon, lat);
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/hazards")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> r = send(req, kind);
        if (r == null || r.statusCode() != 201) return null;
        try {
            return json.readTree(r.body()).get("id").asLong();
        } catch (Exception e) {
            return null;
        }
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    HttpResponse<byte[]> send(HttpRequest req, String kind) {
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            outcomes.add(new Outcomes.Answer(System.currentTimeMillis(), kind, r.statusCode(),
                    r.headers().firstValue("Retry-After").isPresent(), null));
            return r;
        } catch (java.io.IOException e) {
            outcomes.add(new Outcomes.Answer(System.currentTimeMillis(), kind, 0, false, e.toString()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The tile path of the place at zoom 15. */
    static String tilePath(String set, double lon, double lat, int dx, int dy) {
        TileCoord t = TileCoord.containing(lon, lat, 15);
        return "/tiles/" + set + "/15/" + (t.x() + dx) + "/" + (t.y() + dy) + ".mvt";
    }
}
