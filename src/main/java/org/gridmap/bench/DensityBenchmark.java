package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
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
 * Uncached basemap tiles per zoom, household density aggregated per request (before V21) vs. read from the cells
 * aggregated ahead (after), in the same run on the same tiles: the raw SQL of each, and the served tile over HTTP
 * from a server without tile cache.
 */
public final class DensityBenchmark {
    private final PrintStream out;

    public DensityBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds, double[] bbox) throws Exception {
        out.printf("%n== basemap density: %s ==%n", label);
        out.printf("%-5s %6s %22s %22s %22s%n", "zoom", "tiles", "before SQL p50/p99 ms", "after SQL p50/p99 ms",
                "after HTTP p50/p99 ms");
        String before = beforeSql();
        try (Database db = new Database(creds, 8)) {
            Config config = Config.load(null, Map.of(), Map.of("port", "0", "host", "127.0.0.1", "tile.cache.bytes", "0"));
            GridmapServer uncached = new GridmapServer(config, db).start();
            try (Connection c = db.connection()) {
                TileService tiles = uncached.tiles();
                for (int z = 6; z <= 16; z++) {
                    List<TileCoord> coords = LayerBenchmark.tilesOver(bbox, z, z, 40);
                    for (TileCoord t : coords) {
                        render(c, before, t);
                        tiles.render(TileService.BASEMAP, t);
                    }
                    Stats oldSql = new Stats(), newSql = new Stats();
                    for (int rep = 0; rep < 3; rep++) {
                        for (TileCoord t : coords) {
                            long t0 = System.nanoTime();
                            render(c, before, t);
                            long t1 = System.nanoTime();
                            tiles.render(TileService.BASEMAP, t);
                            long t2 = System.nanoTime();
                            oldSql.add(t1 - t0);
                            newSql.add(t2 - t1);
                        }
                    }
                    List<String> paths = new ArrayList<>();
                    for (TileCoord t : coords) paths.add("/tiles/basemap/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt");
                    HttpLoad.run("127.0.0.1", uncached.port(), paths, 1, paths.size(), "");
                    Stats http = HttpLoad.run("127.0.0.1", uncached.port(), paths, 1, 3 * paths.size(), "").latency();
                    out.printf(Locale.ROOT, "%-5d %6d %10.2f / %-9.2f %10.2f / %-9.2f %10.2f / %-9.2f%n", z, coords.size(),
                            oldSql.p50(), oldSql.p99(), newSql.p50(), newSql.p99(), http.p50(), http.p99());
                }
            } finally {
                uncached.stop();
            }
        }
    }

    /** The basemap statement as it was: the density layer aggregated from the households at every request. */
    private static String beforeSql() {
        LayerCatalog catalog = new LayerCatalog();
        List<String> layers = new ArrayList<>();
        for (String id : TileService.BASEMAP_LAYERS) {
            Layer l = catalog.find(id).orElseThrow();
            if (id.equals("households")) layers.add(FeatureSql.householdDensityPerRequest());
            layers.add(FeatureSql.tileLayer(l));
        }
        return FeatureSql.tile(layers);
    }

    private static int render(Connection c, String sql, TileCoord t) throws Exception {
        return TileService.render(c, sql, t).length;
    }
}
