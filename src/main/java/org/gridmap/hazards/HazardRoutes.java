package org.gridmap.hazards;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.http.Lang;
import org.gridmap.layers.OpenApiDocument;

/**
 * HTTP for hazards: pins, their lifecycle, history and inspections, threat analysis, a monitor's own list. Parses
 * and checks what arrives, asks {@link HazardService}, and writes its answer; no SQL here.
 */
public final class HazardRoutes {
    private final HazardService service;
    private final AccessControl access;

    public HazardRoutes(HazardService service, AccessControl access) {
        this.service = service;
        this.access = access;
    }

    /** The hazard words alone (the same lists {@code /api/vocabulary} serves with every other). */
    public void vocabulary(Context ctx) { ctx.json(HazardVocabulary.document()); }

    public void list(Context ctx) throws Exception {
        ctx.json(service.list(filter(ctx, null)));
    }

    /** The hazards whose threat zone reaches a grid the logged-in user serves in (a linked staff entry). */
    public void mine(Context ctx) throws Exception {
        User user = user(ctx);
        HazardSql.Filter f = filter(ctx, user.id());
        if (ctx.queryParam("status") == null && ctx.queryParam("open") == null) f = f.withStatuses(HazardVocabulary.notFinal());
        ctx.json(service.servedBy(user, f));
    }

    public void get(Context ctx) throws Exception { ctx.json(service.get(ctx.pathParam("id"))); }

    public void create(Context ctx) throws Exception {
        HazardInput in = HazardInput.parse(body(ctx), HazardInput.Mode.CREATE, Lang.of(ctx));
        Map<String, Object> hazard = service.create(in, user(ctx));
        ctx.header("Location", "/api/hazards/" + hazard.get("id"));
        ctx.status(201).json(hazard);
    }

    public void update(Context ctx) throws Exception {
        HazardInput in = HazardInput.parse(body(ctx), HazardInput.Mode.PATCH, Lang.of(ctx));
        ctx.json(service.update(ctx.pathParam("id"), in, user(ctx), Lang.of(ctx)));
    }

    public void impact(Context ctx) throws Exception {
        ctx.json(service.impact(ctx.pathParam("id"), householdLimit(ctx)));
    }

    /** The impact of a hazard not yet saved: the same body as a create; nothing is written. */
    public void preview(Context ctx) throws Exception {
        int limit = householdLimit(ctx);
        ctx.json(service.preview(HazardInput.parse(body(ctx), HazardInput.Mode.PREVIEW, Lang.of(ctx)), limit));
    }

    public void history(Context ctx) throws Exception { ctx.json(service.history(ctx.pathParam("id"))); }

    public void inspections(Context ctx) throws Exception { ctx.json(service.inspections(ctx.pathParam("id"))); }

    public void inspect(Context ctx) throws Exception {
        JsonNode b = body(ctx);
        if (!b.isObject()) {
            throw ApiException.badRequest("Send the inspection as {\"observation\": ..., \"status\": ...}.")
                    .says("hazards.inspection_shape", Map.of());
        }
        Problems problems = new Problems(Lang.of(ctx));
        String observation = b.path("observation").isTextual() ? b.get("observation").asText().strip() : null;
        if (observation == null || observation.isEmpty()) {
            problems.add("hazards.problem.observation_required", "observation (what the inspector saw) is required");
        } else if (observation.length() > 4000) {
            problems.add("hazards.problem.too_long", "observation is longer than 4000 characters", "field", "observation", "max", 4000);
        }
        String status = null;
        if (b.hasNonNull("status")) {
            status = b.get("status").asText();
            if (!HazardVocabulary.STATUSES.containsKey(status)) {
                HazardInput.notOneOf(problems, "status", status, HazardVocabulary.STATUSES.keySet());
            }
        }
        OffsetDateTime when = null;
        String whenText = b.hasNonNull("inspected_at") ? b.get("inspected_at").asText()
                : b.hasNonNull("inspectedAt") ? b.get("inspectedAt").asText() : null;
        if (whenText != null) {
            try {
                when = OffsetDateTime.parse(whenText);
                if (when.isAfter(OffsetDateTime.now().plusMinutes(5))) {
                    problems.add("hazards.problem.in_future", "inspected_at lies in the future");
                } else if (when.getYear() < 1900) {
                    problems.add("hazards.problem.before_1900", "inspected_at lies before 1900");
                }
            } catch (DateTimeParseException e) {
                problems.add("hazards.problem.not_a_time", "inspected_at must be a date and time such as 2024-06-01T09:30:00+08:00");
            }
        }
        Integer version = null;
        if (b.hasNonNull("version")) {
            // canConvertToInt: 2^40 + 1 is no hazard version, and must not be read as 1
            if (!b.get("version").isIntegralNumber() || !b.get("version").canConvertToInt()) {
                problems.add("hazards.problem.version_number", "version must be a whole number");
            } else {
                version = b.get("version").asInt();
            }
        }
        if (!problems.isEmpty()) {
            throw problems.refusal("invalid_inspection", "The inspection was not recorded: ", "hazards.invalid_inspection");
        }
        ctx.status(201).json(service.inspect(ctx.pathParam("id"), observation, status, when, version, user(ctx), Lang.of(ctx)));
    }

    private HazardSql.Filter filter(Context ctx, Long user) {
        List<String> statuses = csv(ctx, "status", HazardVocabulary.STATUSES.keySet());
        Boolean open = bool(ctx, "open");
        if (open != null) {
            List<String> set = open ? HazardVocabulary.OPEN : HazardVocabulary.notOpen();
            statuses = statuses.isEmpty() ? set : statuses.stream().filter(set::contains).toList();
            if (statuses.isEmpty()) statuses = List.of("none");
        }
        return new HazardSql.Filter(statuses, csv(ctx, "type", HazardVocabulary.TYPES.keySet()),
                csv(ctx, "grade", HazardVocabulary.GRADES.keySet()), blank(ctx.queryParam("grid")),
                blank(ctx.queryParam("village")), bool(ctx, "blocks_roads"), user,
                "true".equals(ctx.queryParam("zones")), intParam(ctx, "limit", 100, 1, 1000), intParam(ctx, "offset", 0, 0, 1_000_000));
    }

    private static Boolean bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        if (!v.equals("true") && !v.equals("false")) {
            throw ApiException.badRequest(name + " must be true or false").says("hazards.not_boolean", Map.of("name", name));
        }
        return Boolean.valueOf(v);
    }

    private static List<String> csv(Context ctx, String name, java.util.Set<String> allowed) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            String t = s.trim();
            if (!allowed.contains(t)) {
                String all = String.join(", ", allowed);
                throw ApiException.badRequest(name + " '" + t + "' is not one of " + all)
                        .says("hazards.not_one_of", Map.of("name", name, "value", t, "allowed", all));
            }
            out.add(t);
        }
        return out;
    }

    private static String blank(String s) { return s == null || s.isBlank() ? null : s.trim(); }

    private static int householdLimit(Context ctx) {
        return intParam(ctx, "households", HazardService.DEFAULT_HOUSEHOLD_LIST, 0, HazardService.MAX_HOUSEHOLD_LIST);
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) throw new NumberFormatException();
            return i;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max)
                    .says("hazards.not_whole_number", Map.of("name", name, "min", min, "max", max));
        }
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("hazards.log_in", Map.of()));
    }

    private static JsonNode body(Context ctx) throws java.io.IOException {
        String raw = ctx.body();
        if (raw == null || raw.isBlank()) throw ApiException.badRequest("The request has no JSON body.").says("hazards.no_body", Map.of());
        return HazardSql.JSON.readTree(raw);
    }

    /** Adds these operations to the OpenAPI document. */
    public static void describe(OpenApiDocument api) {
        var id = OpenApiDocument.param("id", "path", "string", true, "hazard id or code (HZ…)");
        var households = OpenApiDocument.param("households", "query", "integer", false,
                "households to list (default 2000; the counts are always complete)");
        api.add("/api/hazards", "get", "Hazards with their grids and monitors; filters status, type, grade, grid, village, "
                + "open, blocks_roads (comma lists allowed), zones=true adds the threat zone polygons",
                List.of(OpenApiDocument.param("status", "query", "string", false, String.join(", ", HazardVocabulary.STATUSES.keySet())),
                        OpenApiDocument.param("type", "query", "string", false, String.join(", ", HazardVocabulary.TYPES.keySet())),
                        OpenApiDocument.param("grade", "query", "string", false, String.join(", ", HazardVocabulary.GRADES.keySet())),
                        OpenApiDocument.param("grid", "query", "string", false, "grid id or code: hazards lying in it"),
                        OpenApiDocument.param("village", "query", "string", false, "village id or code"),
                        OpenApiDocument.param("open", "query", "boolean", false, "true: " + String.join(", ", HazardVocabulary.OPEN)),
                        OpenApiDocument.param("blocks_roads", "query", "boolean", false, "only hazards that do (not) block roads"),
                        OpenApiDocument.param("zones", "query", "boolean", false, "add each threat zone as GeoJSON"),
                        OpenApiDocument.param("limit", "query", "integer", false, "1–1000, default 100"),
                        OpenApiDocument.param("offset", "query", "integer", false, "hazards to skip")), false);
        api.add("/api/hazards", "post", "Pin a hazard (monitor): {name, type, radius_m, geometry (GeoJSON Point/Polygon, "
                + "EPSG:4326 or 4490), description?, grade?, status?, blocks_roads?}; 201 with the hazard and `routing` "
                + "(roads closed, households that lost their 5-minute service point, compliance per ring)", List.of(), true);
        api.add("/api/hazards/vocabulary", "get", "Hazard types, grades and statuses with their allowed next statuses", List.of(), false);
        api.add("/api/hazards/impact", "post", "Dry run: the impact and suggested grade of a hazard not yet saved "
                + "(same body as a create)", List.of(households), false);
        api.add("/api/hazards/{id}", "get", "One hazard with its town, grids and their hazard monitors", List.of(id), false);
        api.add("/api/hazards/{id}", "patch", "Change a hazard (monitor); send `version`: 409 `version_conflict` with `stale` "
                + "(and the hazard as it is now in `current`) when it changed meanwhile; status changes follow the lifecycle (422 otherwise)", List.of(id), true);
        api.add("/api/hazards/{id}/impact", "get", "Households, people, facilities, grids and roads inside the threat zone; "
                + "suggested threat grade beside the set grade", List.of(id, households), false);
        api.add("/api/hazards/{id}/history", "get", "Every version of the hazard: who, when, before and after", List.of(id), true);
        api.add("/api/hazards/{id}/inspections", "get", "The inspection log, newest first", List.of(id), true);
        api.add("/api/hazards/{id}/inspections", "post", "Record an inspection (monitor): {observation, status?, "
                + "inspected_at?, version?}; a status change follows the lifecycle", List.of(id), true);
        api.add("/api/monitors/me/hazards", "get", "Hazards whose threat zone reaches the grids the logged-in user serves "
                + "in (staff entries linked to the account); not closed unless status/open is given", List.of(), true);
    }
}
