package org.gridmap.errands;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.layers.TileCoord;
import org.gridmap.layers.TileRoutes;

/**
 * Errands on the map over HTTP: the public per-grid layer and its tiles, the staff layer and its tiles, and one
 * errand's path as GeoJSON. Parses and checks the request, asks {@link ErrandMapService}, writes the answer.
 */
public final class ErrandMapRoutes {
    private static final String GEOJSON = "application/geo+json; charset=utf-8";
    private final ErrandMapService service;
    private final AccessControl access;

    public ErrandMapRoutes(ErrandMapService service, AccessControl access) {
        this.service = service;
        this.access = access;
    }

    /** Public: per grid with open errands, open and overdue counts; nothing about any errand or person. */
    public void grids(Context ctx) throws Exception {
        allow(ctx, Set.of("village"));
        geoJson(ctx, service.grids(ErrandRoutes.village(ctx, false)), "no-cache");
    }

    public void gridsTile(Context ctx) throws Exception {
        allow(ctx, Set.of());
        tile(ctx, service.gridsTile(coord(ctx)), "no-cache");
    }

    /** Staff: the open errands of the account's scope, each at its holder's place. */
    public void open(Context ctx) throws Exception {
        allow(ctx, Set.of("village"));
        geoJson(ctx, service.open(ErrandRoutes.village(ctx, false), user(ctx)), "private, no-store");
    }

    public void openTile(Context ctx) throws Exception {
        allow(ctx, Set.of());
        tile(ctx, service.openTile(coord(ctx), user(ctx)), "private, no-store");
    }

    /** The places the errand was held at as points, each hand-off as a line with its times; for those who may read it. */
    public void path(Context ctx) throws Exception {
        allow(ctx, Set.of());
        ErrandMap.Path p = service.path(ctx.pathParam("number"), user(ctx));
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType(GEOJSON).result(ErrandRoutes.JSON.writeValueAsString(pathJson(p)));
    }

    /**
     * A FeatureCollection: a Point per level the errand reached ({@code kind: place}, when it arrived) and a
     * LineString per hand-off ({@code kind: hop}: sent, confirmed, late when sent after the sender's deadline).
     */
    static Map<String, Object> pathJson(ErrandMap.Path p) {
        Map<String, ErrandMap.Place> at = new LinkedHashMap<>();
        for (ErrandMap.Place pl : p.places()) at.put(pl.stage(), pl);
        String current = Errands.STAGES.indexOf(p.errand().stage()) > Errands.STAGES.indexOf("department")
                ? "department" : p.errand().stage();
        List<Map<String, Object>> features = new ArrayList<>();
        features.add(place(at.get("filed"), p.errand().filedAt(), false, current));
        for (Errands.Handoff h : p.handoffs()) {
            ErrandMap.Place from = at.get(h.fromStage());
            ErrandMap.Place to = at.get(h.toStage());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("kind", "hop");
            props.put("handoff", h.id());
            props.put("from", h.fromStage());
            props.put("to", h.toStage());
            props.put("sentAt", ErrandJson.time(h.sentAt()));
            props.put("dueAt", ErrandJson.time(h.dueAt()));
            props.put("confirmedAt", ErrandJson.time(h.confirmedAt()));
            props.put("inTransit", h.inTransit());
            props.put("late", h.late());
            props.put("hours", h.confirmedAt() == null ? null
                    : Math.round(Duration.between(h.sentAt(), h.confirmedAt()).toMinutes() / 6.0) / 10.0);
            props.put("skipReason", h.skipReason());
            features.add(feature(Map.of("type", "LineString", "coordinates",
                    List.of(List.of(from.lon(), from.lat()), List.of(to.lon(), to.lat()))), props));
            features.add(place(to, h.confirmedAt(), h.inTransit(), current));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "FeatureCollection");
        out.put("number", p.errand().number());
        out.put("stage", p.errand().stage());
        out.put("overdue", p.overdue());
        out.put("at", ErrandJson.time(p.at()));
        out.put("features", features);
        return out;
    }

    private static Map<String, Object> place(ErrandMap.Place pl, java.time.Instant arrived, boolean pending, String current) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("kind", "place");
        props.put("stage", pl.stage());
        props.put("level", pl.level());
        props.put("code", pl.code());
        props.put("name", pl.name());
        props.put("arrivedAt", ErrandJson.time(arrived));
        props.put("pending", pending);
        props.put("current", !pending && pl.stage().equals(current));
        return feature(Map.of("type", "Point", "coordinates", List.of(pl.lon(), pl.lat())), props);
    }

    private static Map<String, Object> feature(Map<String, Object> geometry, Map<String, Object> props) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        f.put("geometry", geometry);
        f.put("properties", props);
        return f;
    }

    private static void geoJson(Context ctx, String body, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.contentType(GEOJSON).result(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Rendered on every request: time alone turns errands overdue, so a stored tile would go stale unseen. */
    private static void tile(Context ctx, byte[] tile, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        if (tile.length == 0) {
            ctx.status(204);
            return;
        }
        ctx.contentType(TileRoutes.MVT).result(tile);
    }

    private static TileCoord coord(Context ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".mvt")) throw ApiException.notFound("Tiles are served as .mvt").says("layers.tiles_mvt", Map.of());
        return TileCoord.parse(ctx.pathParam("z"), ctx.pathParam("x"), file.substring(0, file.length() - 4));
    }

    private static void allow(Context ctx, Set<String> known) {
        for (var e : ctx.queryParamMap().entrySet()) {
            if (!known.contains(e.getKey()) || e.getValue().size() > 1) {
                throw ApiException.badRequest("Unknown or repeated parameter '" + e.getKey() + "'; this takes "
                        + (known.isEmpty() ? "none" : known)).says("errweb.parameter", Map.of("param", e.getKey(),
                        "known", known.isEmpty() ? "—" : String.join(", ", known)));
            }
        }
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("errands.log_in", Map.of()));
    }

    /** Adds the map routes to the OpenAPI document. */
    public static void describe(OpenApiDocument api) {
        var village = OpenApiDocument.param("village", "query", "string", false, "village code (12 digits)");
        List<Map<String, Object>> tile = List.of(OpenApiDocument.param("z", "path", "integer", true, "zoom"),
                OpenApiDocument.param("x", "path", "integer", true, "column"),
                OpenApiDocument.param("file", "path", "string", true, "row, then .mvt"));
        api.add("/api/errands/map/grids", "get", "Per grid with open errands: open and overdue counts (GeoJSON); "
                + "nothing about any errand or person", List.of(village), false);
        api.add("/api/errands/map/grids/{z}/{x}/{file}", "get", "The same per-grid counts as vector tiles (layer "
                + "errand_grids)", tile, false);
        api.add("/api/errands/map/open", "get", "The open errands the account may see, each at its holder's place "
                + "(GeoJSON): number, item, stage, overdue, hours late; nothing of the resident", List.of(village), true);
        api.add("/api/errands/map/open/{z}/{x}/{file}", "get", "The same errands as vector tiles (layer errands)", tile, true);
        api.add("/api/errands/{number}/path", "get", "The path the errand took (GeoJSON): the places as points, the "
                + "hand-offs as lines with sent and confirmed times and late flags", List.of(OpenApiDocument.param(
                "number", "path", "string", true, "errand number")), true);
    }
}
