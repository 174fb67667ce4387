package org.gridmap.layers;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.http.PublicOrigin;

/** {@code /tiles/{set}/{z}/{x}/{y}.mvt} and {@code /tiles/{set}.json} (TileJSON 3.0.0). */
public final class TileRoutes {
    public static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final int MAX_ZOOM = 16;
    private static final int CENTER_ZOOM = 13;
    private final TileService tiles;
    private final LayerCatalog catalog;
    private final Extents extents;

    public TileRoutes(TileService tiles, LayerCatalog catalog, Extents extents) {
        this.tiles = tiles;
        this.catalog = catalog;
        this.extents = extents;
    }

    public void tile(Context ctx) throws Exception {
        String set = ctx.pathParam("set");
        String file = ctx.pathParam("file");
        // v: a revision token clients add to refetch tiles after an edit (the web map does); it selects nothing.
        QueryParams.allow(ctx.queryParamMap(), Set.of("v"), "a tile");
        if (!tiles.hasTileSet(set)) throw noTileSet(set);
        if (!file.endsWith(".mvt")) throw ApiException.notFound("Tiles are served as .mvt").says("layers.tiles_mvt", Map.of());
        TileCoord c = TileCoord.parse(ctx.pathParam("z"), ctx.pathParam("x"), file.substring(0, file.length() - 4));
        Tile t = tiles.tile(set, c);
        // Short max-age: edits invalidate tiles server-side at once; clients revalidate cheaply with the ETag.
        ctx.header("Cache-Control", "public, max-age=30, must-revalidate");
        answer(ctx, t);
    }

    /** A tile as every tile route answers it: 204 when empty, gzip when taken, its ETag and 304. */
    public static void answer(Context ctx, Tile t) {
        ctx.header("Vary", "Accept-Encoding");
        if (t.isEmpty()) {
            String etag = Representation.etag(t.hash(), false);
            ctx.header("ETag", etag);
            ctx.status(Representation.notModified(ctx, etag) ? 304 : 204);
            return;
        }
        Representation.send(ctx, MVT, t.raw(), t::gzip, t.hash());
    }

    public void tileJson(Context ctx) throws Exception {
        String name = ctx.pathParam("name");
        QueryParams.allow(ctx.queryParamMap(), Set.of(), "TileJSON");
        if (!name.endsWith(".json")) throw ApiException.notFound("TileJSON is at /tiles/{set}.json").says("layers.tilejson_at", Map.of());
        String set = name.substring(0, name.length() - 5);
        if (!tiles.hasTileSet(set)) throw noTileSet(set);
        List<Layer> layers = set.equals(TileService.BASEMAP)
                ? TileService.BASEMAP_LAYERS.stream().map(id -> catalog.find(id).orElseThrow()).toList()
                : List.of(catalog.find(set).orElseThrow());
        double[] bbox = extents.of(catalog.find("towns").orElseThrow());
        Map<String, Object> tj = new LinkedHashMap<>();
        tj.put("tilejson", "3.0.0");
        tj.put("name", "gridmap " + set);
        tj.put("description", set.equals(TileService.BASEMAP) ? "All gridmap map layers in one tile" : layers.get(0).description());
        tj.put("scheme", "xyz");
        tj.put("tiles", List.of(baseUrl(ctx) + "/tiles/" + set + "/{z}/{x}/{y}.mvt"));
        int minZoom = layers.stream().mapToInt(TileRoutes::minZoom).min().orElse(0);
        tj.put("minzoom", minZoom);
        tj.put("maxzoom", MAX_ZOOM);
        if (bbox != null) {
            tj.put("bounds", List.of(bbox[0], bbox[1], bbox[2], bbox[3]));
            tj.put("center", List.of((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2,
                    Math.max(minZoom, Math.min(MAX_ZOOM, CENTER_ZOOM))));
        }
        List<Map<String, Object>> vectorLayers = new ArrayList<>();
        for (Layer l : layers) {
            Map<String, Object> vl = new LinkedHashMap<>();
            vl.put("id", FeatureSql.tileLayerName(l));
            vl.put("description", l.title());
            vl.put("minzoom", minZoom(l));
            vl.put("maxzoom", MAX_ZOOM);
            // The attributes the tiles carry, no more: the feature id travels as the MVT id, not as an attribute.
            Map<String, String> fields = new LinkedHashMap<>();
            for (Property p : l.tileProperties()) fields.put(p.name(), p.type().equals("string") ? "String" : "Number");
            if (l.id().equals("households")) {
                fields.put("count", "Number (below zoom " + l.minZoom() + ": households in the cell)");
                fields.put("members", "Number (below zoom " + l.minZoom() + ": people in the cell)");
            }
            vl.put("fields", fields);
            vectorLayers.add(vl);
        }
        tj.put("vector_layers", vectorLayers);
        ctx.json(tj);
    }

    /** Households come as a density view below their own zoom, so their tiles start at zoom 0. */
    static int minZoom(Layer l) { return l.id().equals("households") ? 0 : l.minZoom(); }

    static String baseUrl(Context ctx) { return PublicOrigin.of(ctx); }

    private ApiException noTileSet(String set) {
        return ApiException.notFound("No tile set '" + set + "'; known: " + tiles.tileSets())
                .says("layers.no_tile_set", Map.of("set", set, "known", tiles.tileSets()));
    }
}
