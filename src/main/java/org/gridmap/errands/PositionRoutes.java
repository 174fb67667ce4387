package org.gridmap.errands;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.layers.OpenApiDocument;

/**
 * HTTP for staff positions ({@code /api/errands/positions}): staff read them, admins assign and remove them. Reads
 * and checks the input into {@link Positions} records, calls {@link PositionService}, writes JSON.
 */
public final class PositionRoutes {
    private static final Set<String> FIELDS = Set.of("kind", "user", "staff", "point", "grid", "village", "town", "window",
            "head", "title", "name", "phone");
    private final PositionService service;

    public PositionRoutes(PositionService service) { this.service = service; }

    public void list(Context ctx) throws Exception {
        String kind = ctx.queryParam("kind");
        if (kind != null && !PositionKinds.KINDS.contains(kind)) throw badKind(kind);
        Positions.Filter f = new Positions.Filter(kind, code(ctx, "village"), code(ctx, "town"), ctx.queryParam("user"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Positions.Position p : service.list(f)) out.add(json(p));
        ctx.json(Map.of("positions", out));
    }

    public void assign(Context ctx) throws Exception {
        JsonNode b = ErrandRoutes.body(ctx);
        List<String> problems = new ArrayList<>();
        b.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) problems.add("unknown field '" + f + "' (expected " + String.join(", ", FIELDS) + ")");
        });
        String kind = ErrandRoutes.text(b, "kind", 10, true, problems);
        if (kind != null && !PositionKinds.KINDS.contains(kind)) {
            problems.add("kind must be one of " + String.join(", ", PositionKinds.KINDS.ids()));
        }
        String user = ErrandRoutes.text(b, "user", 64, false, problems);
        Long staff = b.hasNonNull("staff") ? ErrandRoutes.longValue(b, "staff", problems) : null;
        if (user == null && staff == null) problems.add("name who works there: user (account name) and/or staff (staff id)");
        String point = ErrandRoutes.text(b, "point", 40, "point".equals(kind), problems);
        String grid = ErrandRoutes.text(b, "grid", 15, "grid".equals(kind), problems);
        String village = ErrandRoutes.text(b, "village", 12, "station".equals(kind), problems);
        String town = ErrandRoutes.text(b, "town", 12, "window".equals(kind), problems);
        String window = ErrandRoutes.text(b, "window", 32, "window".equals(kind), problems);
        for (String[] place : new String[][] {{"point", point}, {"grid", grid}, {"station", village}, {"window", town},
                {"window", window}}) {
            if (place[1] != null && kind != null && !place[0].equals(kind)) {
                problems.add("a " + kind + " position names no " + (place[0].equals("station") ? "village" : place[0])
                        + " (only the place of its kind)");
            }
        }
        boolean head = b.path("head").asBoolean(false);
        if (b.has("head") && !b.get("head").isBoolean()) problems.add("head must be true or false");
        if (head && "point".equals(kind)) problems.add("a service point has no head: its grid's leader supervises it");
        String title = ErrandRoutes.text(b, "title", 100, false, problems);
        String name = ErrandRoutes.text(b, "name", 100, false, problems);
        String phone = ErrandRoutes.text(b, "phone", 30, false, problems);
        if (phone != null && org.gridmap.staff.StaffRoles.phoneProblem(phone) != null) {
            problems.add(org.gridmap.staff.StaffRoles.phoneProblem(phone));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "invalid_position", String.join("; ", problems), Map.of("problems", problems))
                    .says("errands.position.invalid", Map.of("problems", String.join("; ", problems)));
        }
        Positions.Position p = service.assign(new Positions.NewPosition(kind, user, staff, point, grid, village, town,
                window, head, title, name, phone));
        ctx.header("Location", "/api/errands/positions/" + p.id());
        ctx.status(201).json(json(p));
    }

    public void remove(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        if (!id.matches("[0-9]{1,18}") || !service.remove(Long.parseLong(id))) {
            throw ApiException.notFound("No position '" + id + "'.").says("errands.position.not_found", Map.of("position", id));
        }
        ctx.status(204);
    }

    private static String code(Context ctx, String key) {
        String v = ctx.queryParam(key);
        if (v == null || v.isBlank()) return null;
        if (!v.trim().matches("[0-9]{12}")) {
            throw ApiException.badRequest(key + " must be a 12-digit code").says("errands.position.code", Map.of("param", key));
        }
        return v.trim();
    }

    private static ApiException badKind(String kind) {
        return ApiException.badRequest("kind must be one of " + String.join(", ", PositionKinds.KINDS.ids()))
                .says("errands.position.kind", Map.of("kinds", String.join(", ", PositionKinds.KINDS.ids())));
    }

    static Map<String, Object> json(Positions.Position p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("kind", p.kind());
        m.put("head", p.head());
        m.put("user", p.username());
        m.put("userId", p.accountId());
        m.put("staffId", p.staffId());
        m.put("point", p.pointCode());
        m.put("grid", p.gridCode());
        m.put("village", p.villageCode());
        m.put("town", p.townCode());
        m.put("window", p.windowCode());
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("title", p.title());
        card.put("name", p.name());
        card.put("phone", p.phone());
        m.put("card", card);
        return m;
    }

    public static void describe(OpenApiDocument api) {
        api.add("/api/errands/positions", "get", "Staff positions at points, grid hubs, stations and the center's windows "
                + "(staff); filters kind, village, town, user", List.of(OpenApiDocument.param("kind", "query", "string",
                false, "point, grid, station or window")), true);
        api.add("/api/errands/positions", "post", "Assign a position (admin): {kind, user|staff, point|grid|village|town+window, "
                + "head?, title?, name, phone}; 409 position_taken when the place has its head", List.of(), true);
        api.add("/api/errands/positions/{id}", "delete", "Remove a position (admin)", List.of(OpenApiDocument.param("id",
                "path", "integer", true, "position id")), true);
    }
}
