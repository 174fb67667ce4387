package org.gridmap.layers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.changes.DataChange;

/**
 * Renders tiles with PostGIS (ST_AsMVT) and keeps them in the {@link TileCache}. Tile sets: one per
 * collection, plus {@code basemap}, all map layers in one tile so a map needs one request per tile.
 */
public final class TileService {
    public static final String BASEMAP = "basemap";
    /** Towns first: they are the outlines a city's map shows below {@link LayerCatalog#VILLAGES_MIN_ZOOM}. */
    public static final List<String> BASEMAP_LAYERS = List.of("towns", "villages", "grids", "roads", "households",
            "service-points", "hazards");

    private final DataSource db;
    private final LayerCatalog catalog;
    private final TileCache cache;
    private final Map<String, String> sqlByTileSet = new LinkedHashMap<>();

    public TileService(DataSource db, LayerCatalog catalog, TileCache cache) {
        this.db = db;
        this.catalog = catalog;
        this.cache = cache;
        for (Layer l : catalog.all()) sqlByTileSet.put(l.id(), FeatureSql.tile(layerExpressions(l)));
        List<String> base = new ArrayList<>();
        for (String id : BASEMAP_LAYERS) base.addAll(layerExpressions(catalog.find(id).orElseThrow()));
        sqlByTileSet.put(BASEMAP, FeatureSql.tile(base));
    }

    /** A collection's MVT layer expressions for {@link FeatureSql#tile} (also the benchmark's "after"). */
    public static List<String> layerExpressions(Layer l) {
        if (l.id().equals("households")) return List.of(FeatureSql.householdDensityLayer(), FeatureSql.tileLayer(l));
        if (FeatureSql.GENERALISED.contains(l.id())) return FeatureSql.generalisedTileLayer(l);
        return List.of(FeatureSql.tileLayer(l));
    }

    public boolean hasTileSet(String name) { return sqlByTileSet.containsKey(name); }

    public List<String> tileSets() { return List.copyOf(sqlByTileSet.keySet()); }

    public TileCache cache() { return cache; }

    /** The tile from the cache, or rendered now and cached. */
    public Tile tile(String tileSet, TileCoord c) throws SQLException {
        Tile cached = cache.get(tileSet, c);
        if (cached != null) return cached;
        long generation = cache.generation();
        Tile t = Tile.of(render(tileSet, c));
        cache.put(tileSet, c, t, generation);
        return t;
    }

    /** The raw SQL path without cache or HTTP, for the benchmark's baseline. */
    public byte[] render(String tileSet, TileCoord c) throws SQLException {
        String sql = Optional.ofNullable(sqlByTileSet.get(tileSet)).orElseThrow();
        try (Connection conn = db.getConnection()) {
            return render(conn, sql, c);
        }
    }

    /** Runs a tile statement of {@link FeatureSql#tile} for one tile (also the benchmark's, for its baselines). */
    public static byte[] render(Connection conn, String sql, TileCoord c) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (int k = 0; k < 2; k++) {
                ps.setInt(i++, c.z());
                ps.setInt(i++, c.x());
                ps.setInt(i++, c.y());
            }
            ps.setInt(i, c.z());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] b = rs.getBytes(1);
                return b == null ? new byte[0] : b;
            }
        }
    }

    /** Drops exactly the tiles an edit touched: in each tile set fed by the changed table, those meeting its box. */
    public void onChange(DataChange change) {
        List<Layer> affected = catalog.fedBy(change.table());
        if (affected.isEmpty()) return;
        for (Layer l : affected) cache.invalidate(l.id(), change.bounds());
        if (affected.stream().anyMatch(l -> BASEMAP_LAYERS.contains(l.id()))) cache.invalidate(BASEMAP, change.bounds());
    }
}
