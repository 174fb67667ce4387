package org.gridmap.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.layers.OpenApiDocument;

/**
 * HTTP for the grid staff directory (staff CRUD; the account link is for admins) and the villager's answer
 * "which grid am I in, whom do I call, where are the facilities" ({@code GET /api/grids/at}).
 */
public final class StaffRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("grid", "grid_id", "grid_code", "role", "name", "phone", "duties",
            "user_id", "userId", "username");
    private static final Set<String> READ_ONLY = Set.of("id", "roleName", "roleNameEn", "standing");
    private final StaffStore store;
    private final AccessControl access;

    public StaffRoutes(DataSource db, AccessControl access) {
        this.store = new StaffStore(db);
        this.access = access;
    }

    public void gridStaff(Context ctx) throws Exception {
        StaffStore.Grid g = store.grid(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("No grid '" + ctx.pathParam("id") + "' (send its id or 15-digit code)."));
        ctx.json(Map.of("grid", Map.of("id", g.id(), "code", g.code(), "name", g.name()),
                "staff", store.cards(g.id(), loggedIn(ctx))));
    }

    public void get(Context ctx) throws Exception {
        ctx.json(json(existing(ctx), loggedIn(ctx)));
    }

    public void create(Context ctx) throws Exception {
        JsonNode b = body(ctx);
        List<String> problems = new ArrayList<>();
        unknownFields(b, problems);
        StaffStore.Grid grid = gridOf(b, problems, true);
        String role = role(b, problems, true);
        String name = name(b, problems, true);
        String phone = phone(b, problems);
        String duties = duties(b, problems);
        Long userId = link(ctx, b, problems, null);
        if (!problems.isEmpty()) throw invalid(problems);
        StaffStore.Entry e = new StaffStore.Entry(0, grid.id(), role, name, phone, duties, userId);
        long id = write(e, () -> store.insert(e));
        ctx.header("Location", "/api/staff/" + id);
        ctx.status(201).json(json(store.find(id).orElseThrow(), true));
    }

    public void update(Context ctx) throws Exception {
        StaffStore.Entry old = existing(ctx);
        JsonNode b = body(ctx);
        List<String> problems = new ArrayList<>();
        unknownFields(b, problems);
        StaffStore.Grid grid = b.has("grid") || b.has("grid_id") || b.has("grid_code") ? gridOf(b, problems, true) : null;
        String role = b.has("role") ? role(b, problems, true) : old.role();
        String name = b.has("name") ? name(b, problems, true) : old.name();
        String phone = b.has("phone") ? phone(b, problems) : old.phone();
        String duties = b.has("duties") ? duties(b, problems) : old.duties();
        boolean linking = b.has("user_id") || b.has("userId") || b.has("username");
        Long userId = linking ? link(ctx, b, problems, old.userId()) : old.userId();
        if (!problems.isEmpty()) throw invalid(problems);
        // The link ties an account to a grid (a monitor sees that grid's hazards): moving it is linking anew.
        if (old.userId() != null && grid != null && grid.id() != old.gridId()) requireAdmin(ctx, "move");
        StaffStore.Entry e = new StaffStore.Entry(old.id(), grid == null ? old.gridId() : grid.id(), role, name, phone, duties, userId);
        write(e, () -> {
            store.update(e);
            return e.id();
        });
        ctx.json(json(store.find(e.id()).orElseThrow(), true));
    }

    public void delete(Context ctx) throws Exception {
        StaffStore.Entry e = existing(ctx);
        if (e.userId() != null) requireAdmin(ctx, "remove");
        store.delete(e.id());
        ctx.status(204);
    }

    /** The grid, village, staff cards, facilities and open hazards at a location. */
    public void gridAt(Context ctx) throws Exception {
        double lon = number(ctx, "lon"), lat = number(ctx, "lat");
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw ApiException.badRequest("lon and lat must be a longitude (−180…180) and a latitude (−90…90)");
        }
        Optional<Map<String, Object>> answer = store.at(lon, lat, loggedIn(ctx));
        if (answer.isEmpty()) {
            if (store.insideATown(lon, lat)) {
                throw new ApiException(422, "no_grid", "The location " + lon + ", " + lat + " lies in the town but in no grid.");
            }
            throw new ApiException(422, "outside_town", "The location " + lon + ", " + lat
                    + " lies outside the town; gridmap answers for places inside it (is the order lon, lat?).");
        }
        ctx.json(answer.get());
    }

    private interface Write { long run() throws SQLException; }

    /** Runs a write, turning the database's one-person-per-role rule into a 409 that names the holder. */
    private long write(StaffStore.Entry e, Write w) throws SQLException {
        try {
            return w.run();
        } catch (SQLException ex) {
            if ("23505".equals(ex.getSQLState())) {
                StaffStore.Entry holder = store.holder(e.gridId(), e.role()).orElse(null);
                String gridCode = gridCode(e.gridId());
                throw new ApiException(409, "role_taken", "Grid " + gridCode + " already has a " + roleLabel(e.role())
                        + (holder == null ? "" : ": " + holder.name() + " (staff " + holder.id() + ")")
                        + ". A grid has one person per standing role; change or remove that entry first.",
                        holder == null ? Map.of() : Map.of("holder", holder.id()));
            }
            if ("23503".equals(ex.getSQLState())) {
                throw new ApiException(422, "invalid_staff", "The grid or account named does not exist (any more).");
            }
            throw ex;
        }
    }

    private String gridCode(long gridId) throws SQLException {
        return store.grid(Long.toString(gridId)).map(StaffStore.Grid::code).orElse(Long.toString(gridId));
    }

    private static String roleLabel(String role) {
        String[] n = StaffRoles.ROLES.get(role);
        return n == null ? role : n[1] + " (" + n[0] + ")";
    }

    private StaffStore.Entry existing(Context ctx) throws SQLException {
        String raw = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No staff entry '" + raw + "'.");
        }
        return store.find(id).orElseThrow(() -> ApiException.notFound("No staff entry " + id + "."));
    }

    private Map<String, Object> json(StaffStore.Entry e, boolean withAccount) throws SQLException {
        Map<String, Object> m = StaffStore.card(e.id(), e.role(), e.name(), e.phone(), e.duties(), withAccount, e.userId(), null);
        store.grid(Long.toString(e.gridId())).ifPresent(g -> m.put("grid", Map.of("id", g.id(), "code", g.code(), "name", g.name())));
        return m;
    }

    private static void unknownFields(JsonNode b, List<String> problems) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f) && !READ_ONLY.contains(f)) {
                problems.add("unknown field '" + f + "' (a staff entry has grid, role, name, phone, duties, user_id)");
            }
        }
    }

    private StaffStore.Grid gridOf(JsonNode b, List<String> problems, boolean required) throws SQLException {
        JsonNode g = b.has("grid") ? b.get("grid") : b.has("grid_id") ? b.get("grid_id") : b.get("grid_code");
        if (g != null && g.isObject()) g = g.has("id") ? g.get("id") : g.get("code");
        if (g == null || g.isNull()) {
            if (required) problems.add("grid (its id or 15-digit code) is required");
            return null;
        }
        Optional<StaffStore.Grid> grid = store.grid(g.asText());
        if (grid.isEmpty()) problems.add("grid '" + g.asText() + "' does not exist");
        return grid.orElse(null);
    }

    private static String role(JsonNode b, List<String> problems, boolean required) {
        JsonNode r = b.get("role");
        if (r == null || r.isNull()) {
            if (required) problems.add("role is required (one of " + String.join(", ", StaffRoles.ROLES.keySet()) + ")");
            return null;
        }
        if (!r.isTextual() || !StaffRoles.ROLES.containsKey(r.asText())) {
            problems.add("role '" + r.asText() + "' is not one of " + String.join(", ", StaffRoles.ROLES.keySet()));
            return null;
        }
        return r.asText();
    }

    private static String name(JsonNode b, List<String> problems, boolean required) {
        JsonNode n = b.get("name");
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            if (required || n != null) problems.add("name must be given and not empty");
            return null;
        }
        if (n.asText().strip().length() > 100) problems.add("name is longer than 100 characters");
        return n.asText().strip();
    }

    private static String phone(JsonNode b, List<String> problems) {
        JsonNode p = b.get("phone");
        if (p == null || p.isNull() || (p.isTextual() && p.asText().isBlank())) return null;
        if (!p.isTextual()) {
            problems.add("phone must be text such as \"138-0000-0000\"");
            return null;
        }
        String phone = p.asText().strip();
        String problem = StaffRoles.phoneProblem(phone);
        if (problem != null) problems.add(problem);
        return phone;
    }

    private static String duties(JsonNode b, List<String> problems) {
        JsonNode d = b.get("duties");
        if (d == null || d.isNull() || (d.isTextual() && d.asText().isBlank())) return null;
        if (!d.isTextual()) {
            problems.add("duties must be text");
            return null;
        }
        if (d.asText().length() > 2000) problems.add("duties is longer than 2000 characters");
        return d.asText().strip();
    }

    /**
     * The account link: user_id (a number or null) or username. Only an admin may change it; sending the current
     * link back unchanged (as a client does with a whole card) needs no admin.
     */
    private Long link(Context ctx, JsonNode b, List<String> problems, Long current) throws Exception {
        JsonNode id = b.has("user_id") ? b.get("user_id") : b.get("userId");
        JsonNode name = b.get("username");
        Long requested = null;
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber()) {
                problems.add("user_id must be a whole number (an account id) or null");
                return current;
            }
            requested = id.asLong();
            if (!java.util.Objects.equals(requested, current) && !store.userExists(requested)) {
                problems.add("there is no account with id " + requested);
            }
        } else if (name != null && !name.isNull()) {
            Optional<Long> u = store.userId(name.asText());
            if (u.isEmpty()) problems.add("there is no account named '" + name.asText() + "'");
            requested = u.orElse(null);
        }
        if (!java.util.Objects.equals(requested, current)) requireAdmin(ctx, "link");
        return requested;
    }

    private void requireAdmin(Context ctx, String action) throws Exception {
        User u = access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first."));
        if (u.role() != Role.ADMIN) {
            throw ApiException.forbidden(action.equals("link")
                    ? "Only an admin may link a staff entry to an account (user_id)."
                    : "Only an admin may " + action + " a staff entry linked to an account (user_id); ask an admin, "
                            + "or have the link removed first.");
        }
    }

    private boolean loggedIn(Context ctx) throws Exception { return access.currentUser(ctx).isPresent(); }

    private static ApiException invalid(List<String> problems) {
        return new ApiException(422, "invalid_staff", "The staff entry was not saved: " + String.join("; ", problems) + ".",
                Map.of("problems", problems));
    }

    private static JsonNode body(Context ctx) throws java.io.IOException {
        String raw = ctx.body();
        if (raw == null || raw.isBlank()) throw ApiException.badRequest("The request has no JSON body.");
        JsonNode b = JSON.readTree(raw);
        if (!b.isObject()) throw ApiException.badRequest("Send the staff entry as a JSON object.");
        return b;
    }

    private static double number(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) throw ApiException.badRequest("Missing parameter '" + name + "'");
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a number, not '" + v + "'");
        }
    }

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
