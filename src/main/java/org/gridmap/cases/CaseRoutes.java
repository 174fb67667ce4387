package org.gridmap.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.User;
import org.gridmap.hazards.HazardVocabulary;
import org.gridmap.http.ApiException;
import org.gridmap.http.JsonBody;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.layers.QueryParams;
import org.gridmap.layers.Tile;
import org.gridmap.layers.TileCoord;
import org.gridmap.layers.TileRoutes;

/** HTTP for cases: parses requests into {@link Cases} values, calls {@link CaseService}, writes JSON. */
public final class CaseRoutes {
    private final CaseService service;
    private final AccessControl access;

    public CaseRoutes(CaseService service, AccessControl access) {
        this.service = service;
        this.access = access;
    }

    /**
     * {visit_id, kind, title, details?, urgent?, parties?: [{name, role?}] (dispute), hazard?: {type, radius_m?}
     * (a geological safety hazard), errand?: {item, resident: {name, phone}, point?} (kind errand)}.
     */
    public void open(Context ctx) throws Exception {
        JsonBody b = JsonBody.of(ctx);
        long visit = b.wholeNumber("visit_id");
        String kind = b.word("kind", CaseWords.KINDS);
        String title = b.text("title", 200);
        if (title == null) b.problem("title is needed");
        String details = b.text("details", 4000);
        boolean urgent = b.node().path("urgent").asBoolean(false);
        List<Cases.Party> parties = new ArrayList<>();
        for (JsonBody p : b.each("parties")) {
            String name = p.text("name", 100);
            if (name == null) b.problem("every party needs a name");
            parties.add(new Cases.Party(name, p.text("role", 100)));
        }
        if (!parties.isEmpty() && !"dispute".equals(kind)) b.problem("parties belong to a dispute");
        if ("dispute".equals(kind) && parties.isEmpty()) b.problem("a dispute names its parties");
        Cases.HazardFinding hazard = null;
        if (b.has("hazard")) {
            JsonNode h = b.node().get("hazard");
            String type = h.path("type").asText(null);
            double radius = h.path("radius_m").asDouble(50);
            if (!"safety".equals(kind)) b.problem("a hazard belongs to a safety case");
            if (type == null || !HazardVocabulary.TYPES.containsKey(type)) {
                b.problem("hazard.type must be one of " + String.join(", ", HazardVocabulary.TYPES.keySet()));
            }
            if (!(radius > 0 && radius <= 5000)) b.problem("hazard.radius_m must be in (0, 5000]");
            hazard = new Cases.HazardFinding(type, radius);
        }
        Cases.ErrandFinding errand = null;
        if ("errand".equals(kind)) {
            JsonBody e = b.at("errand");
            String item = e.text("item", 64);
            String name = e.at("resident").text("name", 100);
            String phone = e.at("resident").text("phone", 32);
            if (item == null || name == null || phone == null || !phone.matches(".*[0-9]{4}")) {
                b.problem("an errand needs errand.item and errand.resident {name, phone ending in 4 digits}");
            }
            errand = new Cases.ErrandFinding(item, name, phone, e.text("point", 32));
        } else if (b.node().has("errand")) {
            b.problem("an errand belongs to a case of kind errand");
        }
        b.requireValid("invalid_case", "cases.invalid");
        Cases.Opened o = service.open(new Cases.NewCase(visit, kind, title, details, urgent, parties, hazard, errand), user(ctx));
        ctx.status(o.created() ? 201 : 200).json(CaseJson.of(o.kase(), service.now()));
    }

    /** Cases the account may read: {@code status} (comma list), {@code kind}, {@code grid} (id), {@code village} (code). */
    public void list(Context ctx) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Cases.Case k : service.list(filter(ctx, false), user(ctx))) out.add(CaseJson.of(k, service.now()));
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("cases", out));
    }

    /** The open cases in scope as GeoJSON, for the staff's map layer; {@code bbox=w,s,e,n}. */
    public void layer(Context ctx) throws Exception {
        List<Map<String, Object>> features = new ArrayList<>();
        for (Cases.Case k : service.list(filter(ctx, true), user(ctx))) features.add(CaseJson.feature(k, service.now()));
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("type", "FeatureCollection", "features", features));
    }

    /**
     * {@code /api/cases/map/tiles/{z}/{x}/{y}.mvt}: the same open cases as {@link #layer}, as a vector tile. Not
     * cached: each reader's scope differs, and a case's step changes it.
     */
    public void tile(Context ctx) throws Exception {
        // v: a revision token a map may add to refetch after a change; it selects nothing
        QueryParams.allow(ctx.queryParamMap(), Set.of("v"), "a cases tile");
        TileCoord t = TileCoord.ofFile(ctx.pathParam("z"), ctx.pathParam("x"), ctx.pathParam("file"));
        byte[] tile = service.openTile(t, user(ctx));
        ctx.header("Cache-Control", "private, no-store");
        TileRoutes.answer(ctx, Tile.of(tile));
    }

    public void get(Context ctx) throws Exception {
        Cases.Detail d = service.get(id(ctx), user(ctx));
        Map<String, Object> m = CaseJson.of(d.kase(), service.now());
        if (!d.parties().isEmpty()) m.put("parties", d.parties());
        m.put("history", d.history().stream().map(CaseJson::history).toList());
        ctx.header("Cache-Control", "no-store");
        ctx.json(m);
    }

    /** {status, version, text?, outcome?}. */
    public void status(Context ctx) throws Exception {
        JsonBody b = JsonBody.of(ctx);
        String status = b.word("status", CaseWords.STATUSES);
        long version = b.wholeNumber("version", "version must be the whole number you read");
        String text = b.text("text", 4000), outcome = b.text("outcome", 4000);
        b.requireValid("invalid_case", "cases.invalid");
        Cases.Case k = service.changeStatus(id(ctx), new Cases.StatusChange(status, version, text, outcome), user(ctx));
        ctx.json(CaseJson.of(k, service.now()));
    }

    /** {action: mediation|note, text}. */
    public void step(Context ctx) throws Exception {
        JsonBody b = JsonBody.of(ctx);
        String action = b.node().path("action").asText("note");
        if (!action.equals("mediation") && !action.equals("note")) b.problem("action must be mediation or note");
        String text = b.text("text", 4000);
        if (text == null) b.problem("text is needed");
        b.requireValid("invalid_case", "cases.invalid");
        ctx.status(201).json(CaseJson.history(service.addStep(id(ctx), action, text, user(ctx))));
    }

    private static Cases.Filter filter(Context ctx, boolean openOnly) {
        List<String> statuses = new ArrayList<>();
        if (openOnly) {
            statuses.addAll(List.of(CaseWords.openStatuses()));
        } else if (ctx.queryParam("status") != null) {
            for (String s : ctx.queryParam("status").split(",")) {
                if (!CaseWords.STATUSES.contains(s.trim())) {
                    throw ApiException.badRequest("status must be among " + String.join(", ", CaseWords.STATUSES.ids()))
                            .says("cases.bad_status", Map.of("statuses", String.join(", ", CaseWords.STATUSES.ids())));
                }
                statuses.add(s.trim());
            }
        }
        String kind = ctx.queryParam("kind");
        if (kind != null && !CaseWords.KINDS.contains(kind)) {
            throw ApiException.badRequest("kind must be one of " + String.join(", ", CaseWords.KINDS.ids()))
                    .says("cases.bad_kind", Map.of("kinds", String.join(", ", CaseWords.KINDS.ids())));
        }
        String grid = ctx.queryParam("grid"), village = ctx.queryParam("village"), bbox = ctx.queryParam("bbox");
        if (grid != null && !grid.matches("[0-9]{1,18}")) {
            throw ApiException.badRequest("grid must be a grid id").says("cases.grid_id", Map.of());
        }
        Input.village(village);
        double[] box = null;
        if (bbox != null) {
            String[] p = bbox.split(",");
            try {
                if (p.length != 4) throw new NumberFormatException();
                box = new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])};
                for (double d : box) if (!Double.isFinite(d)) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bbox must be west,south,east,north in degrees").says("cases.bbox", Map.of());
            }
        }
        return new Cases.Filter(statuses, kind, grid == null ? null : Long.parseLong(grid), village, box, openOnly ? 5000 : 1000);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The case id must be a whole number.").says("cases.id", Map.of());
        }
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("cases.log_in", Map.of()));
    }

    public static void describe(OpenApiDocument api) {
        var id = OpenApiDocument.param("id", "path", "integer", true, "case id");
        api.add("/api/cases", "post", "Open a case from a visit's finding (staff of the grid): {visit_id, kind: opinion|dispute|"
                + "safety|errand, title, details?, urgent?, parties? (dispute), hazard?: {type, radius_m} (geological: pins a "
                + "hazard, linked both ways), errand?: {item, resident: {name, phone}, point?}}; 201, or 200 with the case "
                + "the same visit and kind made before", List.of(), true);
        api.add("/api/cases", "get", "Cases the account may read (its grids; a village's grid leaders the village)",
                List.of(OpenApiDocument.param("status", "query", "string", false, "comma list of statuses"),
                        OpenApiDocument.param("kind", "query", "string", false, "case kind"),
                        OpenApiDocument.param("grid", "query", "integer", false, "grid id"),
                        OpenApiDocument.param("village", "query", "string", false, "village code")), true);
        api.add("/api/cases/layer", "get", "Open cases in the account's scope as GeoJSON (the staff's map layer)",
                List.of(OpenApiDocument.param("bbox", "query", "string", false, "west,south,east,north")), true);
        api.add("/api/cases/map/tiles/{z}/{x}/{y}.mvt", "get", "Mapbox vector tile, layer cases: the open cases in the account's "
                + "scope (kind, status, title, urgent, overdue, due, grid, village), as /api/cases/layer",
                List.of(OpenApiDocument.param("z", "path", "integer", true, "zoom"), OpenApiDocument.param("x", "path", "integer", true, "column"),
                        OpenApiDocument.param("y", "path", "integer", true, "row, with .mvt")), true);
        api.add("/api/cases/{id}", "get", "One case with its history; a dispute's parties only for its grid's staff (read logged)",
                List.of(id), true);
        api.add("/api/cases/{id}/status", "post", "A lifecycle step {status, version, text?, outcome?}", List.of(id), true);
        api.add("/api/cases/{id}/steps", "post", "A mediation step or a note {action: mediation|note, text}", List.of(id), true);
    }
}
