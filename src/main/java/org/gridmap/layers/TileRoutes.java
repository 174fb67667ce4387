package org.gridmap.layers;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.http.PublicOrigin;

/** {@code /tiles/{set}/{z}/{x}/{y}.mvt} and {@code /tiles/{set}.json} (TileJSON 3.0.0). */
public final class TileRoutes {
    public static final String MVT = "application/vnd.mapbox-vector-tile";
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
        if (!tiles.hasTileSet(set)) throw ApiException.notFound("No tile set '" + set + "'; known: " + tiles.tileSets());
        if (!file.endsWith(".mvt")) throw ApiException.notFound("Tiles are served as .mvt");
        TileCoord c;
        try {
            c = TileCoord.parse(ctx.pathParam("z"), ctx.pathParam("x"), file.substring(0, file.length() - 4));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Tile t = tiles.tile(set, c);
        // Short max-age: edits invalidate tiles server-side at once; clients revalidate cheaply with the ETag.
        ctx.header("Cache-Control", "public, max-age=30, must-revalidate");
        ctx.header("ETag", t.etag());
        ctx.header("Vary", "Accept-Encoding");
        String inm = ctx.header("If-None-Match");
        if (inm != null && inm.contains(t.etag())) {
            ctx.status(304);
            return;
        }
        if (t.isEmpty()) {
            ctx.status(204);
            return;
        }
        ctx.contentType(MVT);
        String ae = ctx.header("Accept-Encoding");
        if (ae != null && ae.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(t.gzip());
        } else {
            ctx.result(t.raw());
        }
    }

    public void tileJson(Context ctx) throws Exception {
        String name = ctx.pathParam("name");
        if (!name.endsWith(".json")) throw ApiException.notFound("TileJSON is at /tiles/{set}.json");
        String set = name.substring(0, name.length() - 5);
        if (!tiles.hasTileSet(set)) throw ApiException.notFound("No tile set '" + set + "'; known: " + tiles.tileSets());
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
        tj.put("minzoom", layers.stream().mapToInt(Layer::minZoom).min().orElse(0));
        tj.put("maxzoom", 16);
        if (bbox != null) {
            tj.put("bounds", List.of(bbox[0], bbox[1], bbox[2], bbox[3]));
            tj.put("center", List.of((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, 13));
        }
        List<Map<String, Object>> vectorLayers = new ArrayList<>();
        for (Layer l : layers) {
            Map<String, Object> vl = new LinkedHashMap<>();
            vl.put("id", FeatureSql.tileLayerName(l));
            vl.put("description", l.title());
            vl.put("minzoom", l.id().equals("households") ? 0 : l.minZoom());
            vl.put("maxzoom", 16);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("id", "Number");
            for (Property p : l.tileProperties()) fields.put(p.name(), p.type().equals("string") ? "String" : "Number");
            if (l.id().equals("households")) fields.put("count", "Number (below zoom 15: households in the cell)");
            vl.put("fields", fields);
            vectorLayers.add(vl);
        }
        tj.put("vector_layers", vectorLayers);
        ctx.json(tj);
    }

    static String baseUrl(Context ctx) { return PublicOrigin.of(ctx); }
}
