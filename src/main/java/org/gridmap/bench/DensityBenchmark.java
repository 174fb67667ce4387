package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmap.app.Config;
import org.gridmap.app.GridmapServer;
import org.gridmap.db.Database;
import org.gridmap.layers.FeatureSql;
import org.gridmap.layers.Layer;
import org.gridmap.layers.LayerCatalog;
import org.gridmap.layers.TileCoord;
import org.gridmap.layers.TileService;

/**
 * Uncached basemap tiles per zoom (density read from the cells aggregated ahead, V21; shapes generalised ahead, V25):
 * villages drawn from zoom 0 without the towns (before) vs. the towns at every zoom and the villages from
 * {@link LayerCatalog#VILLAGES_MIN_ZOOM} (after), in the same run on the same tiles — the raw SQL of each, each layer's own
 * SQL, and the served tile over HTTP from a server without tile cache. The slowest tile of each zoom is rendered again,
 * so a p99 that comes from the machine (another process on the cores) can be told from one that comes from the tile.
 */
public final class DensityBenchmark {
    private static final int REPEATS = 3;
    /** At low zooms a city has a tile or two: each is rendered again until a zoom has this many samples. */
    private static final int MIN_SAMPLES = 30;
    private final PrintStream out;

    public DensityBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds, double[] bbox) throws Exception {
        out.printf("%n== uncached basemap tiles per zoom: %s ==%n", label);
        out.printf("%-5s %6s %22s %22s %22s %s%n", "zoom", "tiles", "before SQL p50/p99 ms", "after SQL p50/p99 ms",
                "after HTTP p50/p99 ms", "slowest tile after: first / median of 9 again, ms");
        String before = beforeSql();
        Map<String, String[]> perLayer = perLayerSql();
        List<String> layerLines = new ArrayList<>();
        try (Database db = new Database(creds, 8)) {
            Config config = Config.load(null, Map.of(), Map.of("port", "0", "host", "127.0.0.1", "tile.cache.bytes", "0"));
            GridmapServer uncached = new GridmapServer(config, db).start();
            try (Connection c = db.connection()) {
                TileService tiles = uncached.tiles();
                for (int z = 6; z <= 16; z++) {
                    List<TileCoord> coords = LayerBenchmark.tilesOver(bbox, z, z, 40);
                    for (TileCoord t : coords) {
                        TileService.render(c, before, t);
                        tiles.render(TileService.BASEMAP, t);
                    }
                    Stats oldSql = new Stats(), newSql = new Stats();
                    TileCoord slowest = null;
                    long slowestNanos = -1;
                    int repeats = repeats(coords.size());
                    for (int rep = 0; rep < repeats; rep++) {
                        for (TileCoord t : coords) {
                            long t0 = System.nanoTime();
                            TileService.render(c, before, t);
                            long t1 = System.nanoTime();
                            tiles.render(TileService.BASEMAP, t);
                            long t2 = System.nanoTime();
                            oldSql.add(t1 - t0);
                            newSql.add(t2 - t1);
                            if (t2 - t1 > slowestNanos) {
                                slowestNanos = t2 - t1;
                                slowest = t;
                            }
                        }
                    }
                    Stats again = new Stats();
                    for (int i = 0; i < 9; i++) {
                        long t0 = System.nanoTime();
                        tiles.render(TileService.BASEMAP, slowest);
                        again.add(System.nanoTime() - t0);
                    }
                    List<String> paths = new ArrayList<>();
                    for (TileCoord t : coords) paths.add("/tiles/basemap/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt");
                    HttpLoad.run("127.0.0.1", uncached.port(), paths, 1, paths.size(), "");
                    Stats http = HttpLoad.run("127.0.0.1", uncached.port(), paths, 1, repeats * paths.size(), "").latency();
                    out.printf(Locale.ROOT, "%-5d %6d %10.2f / %-9.2f %10.2f / %-9.2f %10.2f / %-9.2f %d/%d/%d: %.2f / %.2f%n", z,
                            coords.size(), oldSql.p50(), oldSql.p99(), newSql.p50(), newSql.p99(), http.p50(), http.p99(),
                            slowest.z(), slowest.x(), slowest.y(), slowestNanos / 1e6, again.p50());
                    layerLines.add(layerCosts(c, z, coords, perLayer));
                }
            } finally {
                uncached.stop();
            }
        }
        out.printf("%nper layer, raw SQL p50 / p99 ms before → after (%s)%n%-5s", label, "zoom");
        for (String id : perLayer.keySet()) out.printf(" %26s", id);
        out.println();
        layerLines.forEach(out::println);
    }

    private static String layerCosts(Connection c, int z, List<TileCoord> coords, Map<String, String[]> perLayer) throws Exception {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5d", z));
        for (String[] sql : perLayer.values()) {
            Stats[] s = {new Stats(), new Stats()};
            for (int i = 0; i < 2; i++) {
                for (TileCoord t : coords) TileService.render(c, sql[i], t);
                // one pass over a zoom's 40 tiles; the few tiles of a low zoom again, for half the main table's samples
                for (int pass = 0; pass < Math.max(1, MIN_SAMPLES / 2 / coords.size()); pass++) for (TileCoord t : coords) {
                    long t0 = System.nanoTime();
                    TileService.render(c, sql[i], t);
                    s[i].add(System.nanoTime() - t0);
                }
            }
            line.append(String.format(Locale.ROOT, " %6.1f / %-5.1f → %5.1f / %-5.1f", s[0].p50(), s[0].p99(), s[1].p50(), s[1].p99()));
        }
        return line.toString();
    }

    private static int repeats(int tiles) { return Math.max(REPEATS, (MIN_SAMPLES + tiles - 1) / tiles); }

    /** The villages' first zoom before the towns carried the zooms below {@link LayerCatalog#VILLAGES_MIN_ZOOM}. */
    static final int VILLAGES_MIN_ZOOM_BEFORE = 0;

    /** A layer the basemap did not draw before: nothing, with the statement's parameters kept. */
    private static final String NOT_DRAWN = "''::bytea";

    /** The basemap statement as it was before: no towns, villages at every zoom. */
    private static String beforeSql() {
        List<String> layers = new ArrayList<>();
        for (String id : TileService.BASEMAP_LAYERS) layers.addAll(beforeLayer(id));
        return FeatureSql.tile(layers);
    }

    private static List<String> beforeLayer(String id) {
        if (id.equals("towns")) return List.of(NOT_DRAWN);
        Layer l = new LayerCatalog().find(id).orElseThrow();
        if (id.equals("villages")) {
            l = new Layer(l.id(), l.title(), l.description(), l.table(), l.from(), l.geometryType(), l.properties(),
                    VILLAGES_MIN_ZOOM_BEFORE, l.tileFilter(), l.timeSql());
        }
        return TileService.layerExpressions(l);
    }

    /** Each basemap layer alone, before and after. */
    private static Map<String, String[]> perLayerSql() {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (String id : TileService.BASEMAP_LAYERS) {
            m.put(id, new String[] {FeatureSql.tile(beforeLayer(id)), FeatureSql.tile(TileService.layerExpressions(new LayerCatalog().find(id).orElseThrow()))});
        }
        return m;
    }
}
