package org.gridmap.grids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.layers.OpenApiDocument;

/** HTTP for planners: edit sets, reshape, split, merge, facility moves, history, revert, export and import. */
public final class GridEditRoutes {
    private final GridEditor editor;
    private final GridOperations operations;
    private final EditHistory history;
    private final GridTransfer transfer;
    private final AccessControl access;
    private final ObjectMapper json = new ObjectMapper();

    public GridEditRoutes(GridEditor editor, GridOperations operations, EditHistory history, GridTransfer transfer,
                          AccessControl access) {
        this.editor = editor;
        this.operations = operations;
        this.history = history;
        this.transfer = transfer;
        this.access = access;
    }

    /** {@code {"edits":[{"id","version","geometry"}], "facilities":[{"id","version","geometry"}], "dryRun", "message"}} */
    public void edits(Context ctx) throws Exception {
        JsonNode body = body(ctx);
        String crs = body.path("crs").asText(null);
        EditPlan plan = new EditPlan("edit");
        for (JsonNode e : body.path("edits")) {
            long id = requireLong(e, "id", "each edit");
            plan.updated.put(id, GeoJsonGeometry.polygon(e.get("geometry"), crs, "grid " + id));
            plan.expectedVersions.put(id, requireLong(e, "version", "grid " + id));
        }
        for (JsonNode f : body.path("facilities")) {
            long id = requireLong(f, "id", "each facility");
            plan.facilities.put(id, new EditPlan.FacilityChange(id, GeoJsonGeometry.point(f.get("geometry"), crs, "facility " + id),
                    null, null, null));
            if (f.hasNonNull("version")) plan.facilityVersions.put(id, requireLong(f, "version", "facility " + id));
        }
        if (!plan.touchesGrids() && plan.facilities.isEmpty()) throw ApiException.badRequest("The edit set is empty: send \"edits\" and/or \"facilities\"")
                .says("grids.empty_edit_set", Map.of());
        run(ctx, plan, body);
    }

    public void reshape(Context ctx) throws Exception {
        JsonNode body = body(ctx);
        long id = pathId(ctx);
        EditPlan plan = operations.reshape(id, requireLong(body, "version", "the request"),
                GeoJsonGeometry.polygon(body.get("geometry"), body.path("crs").asText(null), "grid " + id));
        run(ctx, plan, body);
    }

    public void split(Context ctx) throws Exception {
        JsonNode body = body(ctx);
        long id = pathId(ctx);
        EditPlan plan = operations.split(id, requireLong(body, "version", "the request"),
                GeoJsonGeometry.line(body.get("line"), body.path("crs").asText(null), "split line"));
        run(ctx, plan, body);
    }

    /** {@code {"grids":[{"id","version"},...]}} */
    public void merge(Context ctx) throws Exception {
        JsonNode body = body(ctx);
        Map<Long, Long> versions = new LinkedHashMap<>();
        for (JsonNode g : body.path("grids")) versions.put(requireLong(g, "id", "each grid"), requireLong(g, "version", "each grid"));
        run(ctx, operations.merge(versions), body);
    }

    public void moveFacility(Context ctx) throws Exception {
        JsonNode body = body(ctx);
        long id = pathId(ctx);
        EditPlan plan = operations.move(id, body.hasNonNull("version") ? requireLong(body, "version", "the request") : null,
                GeoJsonGeometry.point(body.get("geometry"), body.path("crs").asText(null), "facility " + id));
        run(ctx, plan, body);
    }

    public void gridHistory(Context ctx) throws Exception {
        long id = pathId(ctx);
        ctx.json(Map.of("grid", id, "edits", history.ofGrid(id, 200)));
    }

    public void log(Context ctx) throws Exception {
        int limit = Math.min(500, Math.max(1, intParam(ctx, "limit", 50)));
        int offset = Math.max(0, intParam(ctx, "offset", 0));
        ctx.json(Map.of("edits", history.list(limit, offset)));
    }

    public void edit(Context ctx) throws Exception { ctx.json(history.detail(pathId(ctx))); }

    public void revert(Context ctx) throws Exception {
        JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : body(ctx);
        User user = user(ctx);
        boolean force = body.path("force").asBoolean(false);
        if (force && user.role() != Role.ADMIN) throw ApiException.forbidden("Only an admin may force a revert over later edits.")
                .says("grids.force_admin_only", Map.of());
        long editId = pathId(ctx);
        String message = body.hasNonNull("message") ? body.get("message").asText() : null;
        boolean dryRun = body.path("dryRun").asBoolean(false);
        respond(ctx, editor.revert(editId, force, message, user, dryRun), dryRun);
    }

    public void export(Context ctx) throws Exception {
        GridTransfer.Format f = GridTransfer.format(ctx.queryParam("format"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String name = transfer.export(ctx.queryParam("village"), f, out);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType(switch (f) {
            case GEOJSON -> "application/geo+json; charset=utf-8";
            case SHP -> "application/zip";
            case GPKG -> "application/geopackage+sqlite3";
        });
        ctx.result(out.toByteArray());
    }

    /** The file is the request body; {@code ?format=geojson|shp|gpkg&dryRun=true&message=...}. */
    public void importFile(Context ctx) throws Exception {
        byte[] upload = ctx.bodyAsBytes();
        if (upload.length == 0) throw ApiException.badRequest("Send the file as the request body").says("grids.file_missing", Map.of());
        EditPlan plan = transfer.importPlan(upload, GridTransfer.format(ctx.queryParam("format")));
        plan.message = ctx.queryParam("message");
        boolean dryRun = !"false".equals(ctx.queryParam("dryRun"));
        respond(ctx, editor.apply(plan, user(ctx), dryRun), dryRun);
    }

    private void run(Context ctx, EditPlan plan, JsonNode body) throws Exception {
        if (body.hasNonNull("message")) plan.message = body.get("message").asText();
        boolean dryRun = body.path("dryRun").asBoolean(false);
        respond(ctx, editor.apply(plan, user(ctx), dryRun), dryRun);
    }

    private static void respond(Context ctx, Map<String, Object> result, boolean dryRun) {
        ctx.status(dryRun ? 200 : 201).json(result);
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("grids.login_first", Map.of()));
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = json.readTree(ctx.body());
            if (n == null || !n.isObject()) throw ApiException.badRequest("The request body must be a JSON object")
                    .says("grids.body_not_object", Map.of());
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "bad_json", "The request body is not valid JSON: " + e.getOriginalMessage())
                    .says("grids.bad_json", Map.of("detail", String.valueOf(e.getOriginalMessage())));
        }
    }

    private static long requireLong(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        // integral and within 64 bits: 2^40 + 1 or 1.5 must not be read as some other version
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) throw ApiException.badRequest(where + " needs a whole-number \"" + field + "\"")
                .says("grids.whole_number_field", Map.of("where", where, "field", field));
        return v.asLong();
    }

    private static long pathId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No such id: " + ctx.pathParam("id")).says("grids.no_such_id", Map.of("id", ctx.pathParam("id")));
        }
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number").says("grids.whole_number_param", Map.of("name", name));
        }
    }

    public static void describe(OpenApiDocument api) {
        api.add("/api/grids/edits", "post", "Apply an edit set {edits:[{id,version,geometry}], facilities, dryRun, message} atomically (planner)", List.of(), true);
        api.add("/api/grids/{id}/reshape", "post", "Reshape a grid against its neighbours {version, geometry, dryRun} (planner)", List.of(), true);
        api.add("/api/grids/{id}/split", "post", "Split a grid by a line {version, line, dryRun} (planner)", List.of(), true);
        api.add("/api/grids/merge", "post", "Merge adjacent grids of one village {grids:[{id,version}], dryRun} (planner)", List.of(), true);
        api.add("/api/facilities/{id}/move", "post", "Move a facility {version, geometry, dryRun} (planner)", List.of(), true);
        api.add("/api/grids/{id}/history", "get", "Committed edits of a grid with before/after geometry (planner)", List.of(), true);
        api.add("/api/edits", "get", "Town-wide edit log (planner)", List.of(), true);
        api.add("/api/edits/{id}", "get", "One edit set with every grid before and after (planner)", List.of(), true);
        api.add("/api/edits/{id}/revert", "post", "Revert an edit set {force (admin), dryRun, message} (planner)", List.of(), true);
        api.add("/api/grids/export", "get", "Grids of a village or the town as GeoJSON, zipped Shapefile or GeoPackage",
                List.of(OpenApiDocument.param("village", "query", "string", false, "village code"),
                        OpenApiDocument.param("format", "query", "string", false, "geojson, shp or gpkg")), false);
        api.add("/api/grids/import", "post", "An edited export back as an edit set (body = the file; dryRun defaults to true) (planner)",
                List.of(OpenApiDocument.param("format", "query", "string", false, "geojson, shp or gpkg")), true);
    }
}
