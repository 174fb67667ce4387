package org.gridmap.visits;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import org.gridmap.accounts.AccessControl;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.layers.QueryParams;
import org.gridmap.layers.Tile;
import org.gridmap.layers.TileCoord;
import org.gridmap.layers.TileRoutes;

/**
 * The map layers of visits as vector tiles: every grid's completion of a month (public, aggregated) and a grid's
 * households not yet visited (its staff and admins; every tile read is logged). The completion tile is rendered
 * per request (a visit changes it; its ETag makes an unchanged one a 304); the unvisited tile is checked and
 * logged per reader, and rendered again only when its grid changed ({@link VisitService#unvisitedTile}).
 */
public final class VisitTileRoutes {
    private final VisitService service;

    public VisitTileRoutes(VisitService service) { this.service = service; }

    /** {@code /api/visits/completion/tiles/{z}/{x}/{y}.mvt?month=} */
    public void completion(Context ctx) throws Exception {
        TileCoord t = coord(ctx);
        Visits.Month m = VisitRoutes.month(ctx, service);
        // counts move with every visit: revalidate each time (the ETag makes an unchanged tile a 304)
        ctx.header("Cache-Control", "public, no-cache");
        TileRoutes.answer(ctx, Tile.of(service.completionTile(m, t)));
    }

    /** {@code /api/grids/{id}/unvisited/tiles/{z}/{x}/{y}.mvt?month=} */
    public void unvisited(Context ctx) throws Exception {
        long grid = VisitRoutes.gridId(ctx);
        TileCoord t = coord(ctx);
        Visits.Month m = VisitRoutes.month(ctx, service);
        // the session is resolved in the tile's own statement (one round trip, not two): the route declares no role
        Tile tile = service.unvisitedTile(AccessControl.token(ctx), grid, m, t);
        ctx.header("Cache-Control", "private, no-store");
        TileRoutes.answer(ctx, tile);
    }

    private static TileCoord coord(Context ctx) {
        // v: a revision token the web map adds to refetch after a visit; it selects nothing
        QueryParams.allow(ctx.queryParamMap(), Set.of("month", "v"), "a visits tile");
        return TileCoord.ofFile(ctx.pathParam("z"), ctx.pathParam("x"), ctx.pathParam("file"));
    }

    public static void describe(OpenApiDocument api) {
        var month = OpenApiDocument.param("month", "query", "string", false, "YYYY-MM in Asia/Shanghai time (default: this month)");
        var z = OpenApiDocument.param("z", "path", "integer", true, "zoom");
        var x = OpenApiDocument.param("x", "path", "integer", true, "column");
        var y = OpenApiDocument.param("y", "path", "integer", true, "row, with .mvt");
        api.add("/api/visits/completion/tiles/{z}/{x}/{y}.mvt", "get", "Mapbox vector tile, layer visit_completion: every grid "
                + "with code, name, village, visited, total and share of the month", List.of(z, x, y, month), false);
        api.add("/api/grids/{id}/unvisited/tiles/{z}/{x}/{y}.mvt", "get", "Mapbox vector tile, layer unvisited: the grid's "
                + "households with no counting visit this month (members, attempts); its staff or an admin; every read is logged",
                List.of(OpenApiDocument.param("id", "path", "integer", true, "grid id"), z, x, y, month), true);
    }
}
