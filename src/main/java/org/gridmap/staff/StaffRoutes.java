package org.gridmap.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.http.QueryNumbers;
import org.gridmap.http.Messages.Phrase;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.staff.StaffSql.Card;
import org.gridmap.staff.StaffSql.Entry;
import org.gridmap.staff.StaffSql.Grid;
import org.gridmap.staff.StaffSql.Place;

/**
 * HTTP for the grid staff directory (staff CRUD; the account link is for admins) and the villager's answer
 * "which grid am I in, whom do I call, where are the facilities" ({@code GET /api/grids/at}). Parses and checks
 * input, asks {@link StaffService}, writes JSON.
 */
public final class StaffRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("grid", "grid_id", "grid_code", "role", "name", "phone", "duties",
            "user_id", "userId", "username");
    private static final Set<String> READ_ONLY = Set.of("id", "roleName", "roleNameEn", "standing");
    private final StaffService service;
    private final AccessControl access;

    public StaffRoutes(StaffService service, AccessControl access) {
        this.service = service;
        this.access = access;
    }

    public void gridStaff(Context ctx) throws Exception {
        String ref = ctx.pathParam("id");
        Grid g = service.grid(ref).orElseThrow(() -> ApiException.notFound("No grid '" + ref + "' (send its id or 15-digit code).")
                .says("staff.no_grid", Map.of("grid", ref)));
        boolean accounts = loggedIn(ctx);
        ctx.json(Map.of("grid", Map.of("id", g.id(), "code", g.code(), "name", g.name()),
                "staff", service.cards(g.id()).stream().map(c -> card(c, accounts)).toList()));
    }

    public void get(Context ctx) throws Exception {
        ctx.json(json(existing(ctx), loggedIn(ctx)));
    }

    public void create(Context ctx) throws Exception {
        JsonNode b = body(ctx);
        List<Phrase> problems = new ArrayList<>();
        unknownFields(b, problems);
        Grid grid = gridOf(b, problems);
        String role = role(b, problems);
        String name = name(b, problems, true);
        String phone = phone(b, problems);
        String duties = duties(b, problems);
        Long userId = link(ctx, b, problems, null);
        if (!problems.isEmpty()) throw invalid(problems);
        Entry saved = service.create(new Entry(0, grid.id(), role, name, phone, duties, userId));
        ctx.header("Location", "/api/staff/" + saved.id());
        ctx.status(201).json(json(saved, true));
    }

    public void update(Context ctx) throws Exception {
        Entry old = existing(ctx);
        JsonNode b = body(ctx);
        List<Phrase> problems = new ArrayList<>();
        unknownFields(b, problems);
        Grid grid = b.has("grid") || b.has("grid_id") || b.has("grid_code") ? gridOf(b, problems) : null;
        String role = b.has("role") ? role(b, problems) : old.role();
        String name = b.has("name") ? name(b, problems, true) : old.name();
        String phone = b.has("phone") ? phone(b, problems) : old.phone();
        String duties = b.has("duties") ? duties(b, problems) : old.duties();
        boolean linking = b.has("user_id") || b.has("userId") || b.has("username");
        Long userId = linking ? link(ctx, b, problems, old.userId()) : old.userId();
        if (!problems.isEmpty()) throw invalid(problems);
        // The link ties an account to a grid (a monitor sees that grid's hazards): moving it is linking anew.
        if (old.userId() != null && grid != null && grid.id() != old.gridId()) requireAdmin(ctx, "move");
        Entry saved = service.update(new Entry(old.id(), grid == null ? old.gridId() : grid.id(), role, name, phone, duties, userId));
        ctx.json(json(saved, true));
    }

    public void delete(Context ctx) throws Exception {
        Entry e = existing(ctx);
        if (e.userId() != null) requireAdmin(ctx, "remove");
        service.delete(e.id());
        ctx.status(204);
    }

    /** The grid, village, staff cards, facilities and open hazards at a location. */
    public void gridAt(Context ctx) throws Exception {
        double lon = number(ctx, "lon"), lat = number(ctx, "lat");
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw ApiException.badRequest("lon and lat must be a longitude (−180…180) and a latitude (−90…90)")
                    .says("staff.lon_lat_range", Map.of());
        }
        Optional<StaffService.Answer> answer = service.at(lon, lat);
        if (answer.isEmpty()) {
            if (service.insideATown(lon, lat)) {
                throw new ApiException(422, "no_grid", "The location " + lon + ", " + lat + " lies in the town but in no grid.")
                        .says("staff.no_grid_here", Map.of("lon", lon, "lat", lat));
            }
            throw new ApiException(422, "outside_town", "The location " + lon + ", " + lat
                    + " lies outside the town; gridmap answers for places inside it (is the order lon, lat?).")
                    .says("staff.outside_town", Map.of("lon", lon, "lat", lat));
        }
        ctx.json(answerJson(answer.get(), lon, lat, loggedIn(ctx)));
    }

    private static Map<String, Object> answerJson(StaffService.Answer a, double lon, double lat, boolean accounts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("location", List.of(lon, lat));
        out.put("grid", place(a.where().grid()));
        out.put("village", place(a.where().village()));
        out.put("town", place(a.where().town()));
        out.put("staff", a.staff().stream().map(c -> card(c, accounts)).toList());
        List<Map<String, Object>> facilities = new ArrayList<>();
        Map<String, Object> station = null, center = null;
        for (StaffSql.Facility f : a.facilities()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("code", f.code());
            m.put("name", f.name());
            m.put("level", f.level());
            m.put("lon", f.lon());
            m.put("lat", f.lat());
            m.put("distanceMeters", Math.round(f.distanceMeters()));
            switch (f.level()) {
                case "station" -> station = m;
                case "center" -> center = m;
                default -> facilities.add(m);
            }
        }
        out.put("facilities", facilities);
        out.put("station", station);
        out.put("center", center);
        out.put("hazards", a.hazards().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("code", h.code());
            m.put("name", h.name());
            m.put("type", h.type());
            m.put("status", h.status());
            m.put("grade", h.grade());
            m.put("radius_m", h.radiusM());
            m.put("blocks_roads", h.blocksRoads());
            m.put("distanceMeters", Math.round(h.distanceMeters() * 10) / 10.0);
            return m;
        }).toList());
        return out;
    }

    private static Map<String, Object> place(Place p) {
        return p.kind() == null ? Map.of("id", p.id(), "code", p.code(), "name", p.name())
                : Map.of("id", p.id(), "code", p.code(), "name", p.name(), "kind", p.kind());
    }

    private static Map<String, Object> card(Card c, boolean withAccount) {
        return card(c.id(), c.role(), c.name(), c.phone(), c.duties(), withAccount, c.userId(), c.username());
    }

    private static Map<String, Object> card(long id, String role, String name, String phone, String duties, boolean withAccount,
                                            Long userId, String username) {
        String[] names = StaffRoles.ROLES.getOrDefault(role, new String[] {role, role});
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("role", role);
        m.put("roleName", names[0]);
        m.put("roleNameEn", names[1]);
        m.put("standing", StaffRoles.isStanding(role));
        m.put("name", name);
        m.put("phone", phone);
        m.put("duties", duties);
        if (withAccount) {
            m.put("userId", userId);
            m.put("username", username);
        }
        return m;
    }

    private Entry existing(Context ctx) throws SQLException {
        String raw = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No staff entry '" + raw + "'.").says("staff.not_found", Map.of("id", raw));
        }
        return service.find(id).orElseThrow(() -> StaffService.notFound(id));
    }

    private Map<String, Object> json(Entry e, boolean withAccount) throws SQLException {
        Map<String, Object> m = card(e.id(), e.role(), e.name(), e.phone(), e.duties(), withAccount, e.userId(), null);
        service.grid(Long.toString(e.gridId())).ifPresent(g -> m.put("grid", Map.of("id", g.id(), "code", g.code(), "name", g.name())));
        return m;
    }

    private static Phrase problem(String key, Map<String, ?> args, String english) {
        return new Phrase(key, args, english);
    }

    private static void unknownFields(JsonNode b, List<Phrase> problems) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f) && !READ_ONLY.contains(f)) {
                problems.add(problem("staff.problem.unknown_field", Map.of("field", f),
                        "unknown field '" + f + "' (a staff entry has grid, role, name, phone, duties, user_id)"));
            }
        }
    }

    private Grid gridOf(JsonNode b, List<Phrase> problems) throws SQLException {
        JsonNode g = b.has("grid") ? b.get("grid") : b.has("grid_id") ? b.get("grid_id") : b.get("grid_code");
        if (g != null && g.isObject()) g = g.has("id") ? g.get("id") : g.get("code");
        if (g == null || g.isNull()) {
            problems.add(problem("staff.problem.grid_required", Map.of(), "grid (its id or 15-digit code) is required"));
            return null;
        }
        Optional<Grid> grid = service.grid(g.asText());
        if (grid.isEmpty()) problems.add(problem("staff.problem.no_grid", Map.of("grid", g.asText()), "grid '" + g.asText() + "' does not exist"));
        return grid.orElse(null);
    }

    private static String role(JsonNode b, List<Phrase> problems) {
        JsonNode r = b.get("role");
        String roles = String.join(", ", StaffRoles.ALL);
        if (r == null || r.isNull()) {
            problems.add(problem("staff.problem.role_required", Map.of("roles", roles), "role is required (one of " + roles + ")"));
            return null;
        }
        if (!r.isTextual() || !StaffRoles.ROLES.containsKey(r.asText())) {
            problems.add(problem("staff.problem.no_role", Map.of("role", r.asText(), "roles", roles),
                    "role '" + r.asText() + "' is not one of " + roles));
            return null;
        }
        return r.asText();
    }

    private static String name(JsonNode b, List<Phrase> problems, boolean required) {
        JsonNode n = b.get("name");
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            if (required || n != null) problems.add(problem("staff.problem.name_required", Map.of(), "name must be given and not empty"));
            return null;
        }
        if (n.asText().strip().length() > 100) problems.add(problem("staff.problem.name_long", Map.of(), "name is longer than 100 characters"));
        return n.asText().strip();
    }

    private static String phone(JsonNode b, List<Phrase> problems) {
        JsonNode p = b.get("phone");
        if (p == null || p.isNull() || (p.isTextual() && p.asText().isBlank())) return null;
        if (!p.isTextual()) {
            problems.add(problem("staff.problem.phone_text", Map.of(), "phone must be text such as \"138-0000-0000\""));
            return null;
        }
        String phone = p.asText().strip();
        Phrase problem = StaffRoles.phoneReason(phone);
        if (problem != null) problems.add(problem);
        return phone;
    }

    private static String duties(JsonNode b, List<Phrase> problems) {
        JsonNode d = b.get("duties");
        if (d == null || d.isNull() || (d.isTextual() && d.asText().isBlank())) return null;
        if (!d.isTextual()) {
            problems.add(problem("staff.problem.duties_text", Map.of(), "duties must be text"));
            return null;
        }
        if (d.asText().length() > 2000) problems.add(problem("staff.problem.duties_long", Map.of(), "duties is longer than 2000 characters"));
        return d.asText().strip();
    }

    /**
     * The account link: user_id (a number or null) or username. Only an admin may change it; sending the current
     * link back unchanged (as a client does with a whole card) needs no admin.
     */
    private Long link(Context ctx, JsonNode b, List<Phrase> problems, Long current) throws Exception {
        JsonNode id = b.has("user_id") ? b.get("user_id") : b.get("userId");
        JsonNode name = b.get("username");
        Long requested = null;
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber()) {
                problems.add(problem("staff.problem.user_id_number", Map.of(), "user_id must be a whole number (an account id) or null"));
                return current;
            }
            requested = id.asLong();
            if (!Objects.equals(requested, current) && !service.userExists(requested)) {
                problems.add(problem("staff.problem.no_account_id", Map.of("id", requested), "there is no account with id " + requested));
            }
        } else if (name != null && !name.isNull()) {
            Optional<Long> u = service.userId(name.asText());
            if (u.isEmpty()) {
                problems.add(problem("staff.problem.no_account_named", Map.of("username", name.asText()),
                        "there is no account named '" + name.asText() + "'"));
            }
            requested = u.orElse(null);
        }
        if (!Objects.equals(requested, current)) requireAdmin(ctx, "link");
        return requested;
    }

    private void requireAdmin(Context ctx, String action) throws Exception {
        User u = access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("staff.log_in", Map.of()));
        if (u.role() != Role.ADMIN) {
            throw action.equals("link")
                    ? ApiException.forbidden("Only an admin may link a staff entry to an account (user_id).")
                            .says("staff.admin_link", Map.of())
                    : ApiException.forbidden("Only an admin may " + action + " a staff entry linked to an account (user_id); "
                            + "ask an admin, or have the link removed first.")
                            .says(action.equals("move") ? "staff.admin_move" : "staff.admin_remove", Map.of());
        }
    }

    private boolean loggedIn(Context ctx) throws Exception { return access.currentUser(ctx).isPresent(); }

    private static ApiException invalid(List<Phrase> problems) {
        List<String> english = problems.stream().map(Phrase::english).toList();
        return new ApiException(422, "invalid_staff", "The staff entry was not saved: " + String.join("; ", english) + ".",
                Map.of("problems", english)).says("staff.invalid", Map.of("problems", problems));
    }

    private static JsonNode body(Context ctx) throws java.io.IOException {
        String raw = ctx.body();
        if (raw == null || raw.isBlank()) throw ApiException.badRequest("The request has no JSON body.").says("staff.no_body", Map.of());
        JsonNode b = JSON.readTree(raw);
        if (!b.isObject()) throw ApiException.badRequest("Send the staff entry as a JSON object.").says("staff.not_object", Map.of());
        return b;
    }

    private static double number(Context ctx, String name) { return QueryNumbers.required(ctx, name); }

    /** Adds these operations to the OpenAPI document. */
    public static void describe(OpenApiDocument api) {
        var id = OpenApiDocument.param("id", "path", "integer", true, "staff entry id");
        api.add("/api/grids/at", "get", "The grid at a location: its village and town, staff cards (name, role, phone, "
                + "duties), facilities, station and center, and open hazards whose threat zone covers the location; 422 "
                + "outside the town", List.of(OpenApiDocument.param("lon", "query", "number", true, "longitude (EPSG:4326)"),
                OpenApiDocument.param("lat", "query", "number", true, "latitude (EPSG:4326)")), false);
        api.add("/api/grids/{id}/staff", "get", "The staff cards of a grid, standing roles first",
                List.of(OpenApiDocument.param("id", "path", "string", true, "grid id or 15-digit code")), false);
        api.add("/api/staff", "post", "Add a staff entry (staff): {grid, role, name, phone?, duties?, user_id? (admin)}; "
                + "409 when the grid already has that standing role", List.of(), true);
        api.add("/api/staff/{id}", "get", "One staff entry", List.of(id), false);
        api.add("/api/staff/{id}", "patch", "Change a staff entry (staff); linking an account (user_id or username) is "
                + "for admins", List.of(id), true);
        api.add("/api/staff/{id}", "delete", "Remove a staff entry (staff)", List.of(id), true);
    }
}
