package org.gridmap.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmap.app.Config;
import org.gridmap.app.GridmapServer;
import org.gridmap.db.Database;
import org.gridmap.layers.TileCoord;
import org.gridmap.layers.TileService;

/**
 * Tiles: the raw ST_AsMVT query vs. the same tiles through HTTP, uncached (a server without tile cache)
 * and cached (a warm server under concurrent load); items: pages of 1,000 features.
 */
public final class LayerBenchmark {
    private static final List<String> TILE_SETS = List.of("basemap", "grids", "roads", "service-points", "households");
    private final PrintStream out;

    public LayerBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds, double[] bbox) throws Exception {
        out.printf("%n== layers: %s ==%n", label);
        List<TileCoord> tiles = tilesOver(bbox, 12, 16, 40);
        out.printf("%d tiles at z12–z16 over the town%n", tiles.size());
        try (Database db = new Database(creds, 16)) {
            GridmapServer uncached = server(db, 0);
            GridmapServer cached = server(db, 256L << 20);
            try {
                out.println("one at a time: mean ms per tile (HTTP floor = the same tile from the cache); set ×4: ms for the whole set"
                        + " (3 passes) with 4 workers; cached: tiles/s, 8 connections");
                out.printf("%-15s %10s %10s %8s %10s %10s %10s %8s %10s %8s %10s%n", "tile set", "SQL ms", "HTTP ms", "ratio",
                        "floor ms", "SQL set×4", "HTTP set×4", "ratio", "cached/s", "x SQL", "tile bytes");
                for (String set : TILE_SETS) {
                    TileService direct = cached.tiles();
                    // warm the database's caches and the statement once
                    for (TileCoord t : tiles) direct.render(set, t);
                    List<String> paths = new ArrayList<>();
                    for (TileCoord t : tiles) paths.add("/tiles/" + set + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt");
                    Stats sql = new Stats();
                    long bytes = 0;
                    for (int rep = 0; rep < 3; rep++) {
                        for (TileCoord t : tiles) {
                            long t0 = System.nanoTime();
                            bytes += direct.render(set, t).length;
                            sql.add(System.nanoTime() - t0);
                        }
                    }
                    // one keep-alive connection, one request at a time: the same work as the SQL loop, plus HTTP
                    // (after one pass to warm the server's code paths, as the SQL loop was warmed above)
                    HttpLoad.run("127.0.0.1", uncached.port(), paths, 1, paths.size(), "");
                    Stats viaHttp = HttpLoad.run("127.0.0.1", uncached.port(), paths, 1, 3 * paths.size(), "").latency();
                    // the whole set with 4 workers on each side: what a map loading a screen of tiles waits for
                    double sqlSet = parallelSql(direct, set, tiles, 4);
                    double httpSet = HttpLoad.run("127.0.0.1", uncached.port(), paths, 4, 3 * paths.size(), "").seconds();
                    HttpLoad.run("127.0.0.1", cached.port(), paths, 4, paths.size(), "Accept-Encoding: gzip\r\n");
                    // the floor: the same requests answered from the cache, one at a time
                    Stats floor = HttpLoad.run("127.0.0.1", cached.port(), paths, 1, 3 * paths.size(), "").latency();
                    HttpLoad.Result load = HttpLoad.run("127.0.0.1", cached.port(), paths, 8, 40_000, "Accept-Encoding: gzip\r\n");
                    out.printf("%-15s %10.3f %10.3f %8.2f %10.3f %10.0f %10.0f %8.2f %10.0f %8.1f %10d%n", set, sql.meanMillis(),
                            viaHttp.meanMillis(), viaHttp.meanMillis() / sql.meanMillis(), floor.meanMillis(), sqlSet * 1000,
                            httpSet * 1000, httpSet / sqlSet, load.perSecond(), load.perSecond() * sql.meanMillis() / 1000,
                            bytes / (3L * tiles.size()));
                    if (load.errors() > 0) out.printf("  (%d errors)%n", load.errors());
                }
                out.printf("%n%-15s %10s %10s%n", "items (1,000)", "p50 ms", "p99 ms");
                for (String c : List.of("households", "roads", "service-points")) {
                    List<String> pages = new ArrayList<>();
                    for (int i = 0; i < 5; i++) pages.add("/ogc/collections/" + c + "/items?limit=1000&offset=" + i * 100);
                    HttpLoad.run("127.0.0.1", cached.port(), pages, 1, 10, "");
                    HttpLoad.Result r = HttpLoad.run("127.0.0.1", cached.port(), pages, 1, 60, "");
                    out.printf("%-15s %10.2f %10.2f%n", c, r.latency().p50(), r.latency().p99());
                }
            } finally {
                uncached.stop();
                cached.stop();
            }
        }
    }

    /** Seconds for 4 threads to render every tile three times straight from SQL (no HTTP, no cache). */
    private static double parallelSql(TileService tiles, String set, List<TileCoord> coords, int threads) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        int total = 3 * coords.size();
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            ts[i] = new Thread(() -> {
                int k;
                while ((k = next.getAndIncrement()) < total) {
                    try {
                        tiles.render(set, coords.get(k % coords.size()));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) t.join();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static GridmapServer server(Database db, long cacheBytes) throws Exception {
        Config config = Config.load(null, Map.of(), Map.of("port", "0", "host", "127.0.0.1",
                "tile.cache.bytes", Long.toString(cacheBytes)));
        return new GridmapServer(config, db).start();
    }

    /** Up to {@code perZoom} tiles per zoom, spread evenly over the box (deterministic). */
    static List<TileCoord> tilesOver(double[] bbox, int minZ, int maxZ, int perZoom) {
        List<TileCoord> out = new ArrayList<>();
        for (int z = minZ; z <= maxZ; z++) {
            int x0 = tileX(bbox[0], z), x1 = tileX(bbox[2], z), y0 = tileY(bbox[3], z), y1 = tileY(bbox[1], z);
            List<TileCoord> all = new ArrayList<>();
            for (int x = x0; x <= x1; x++) for (int y = y0; y <= y1; y++) all.add(new TileCoord(z, x, y));
            int step = Math.max(1, all.size() / perZoom);
            for (int i = 0; i < all.size() && out.size() < (z - minZ + 1) * perZoom; i += step) out.add(all.get(i));
        }
        return out;
    }

    static int tileX(double lon, int z) { return (int) Math.floor((lon + 180) / 360 * (1 << z)); }

    static int tileY(double lat, int z) {
        double r = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }
}
