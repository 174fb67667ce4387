package org.gridmap.visits;

import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.http.JsonBody;
import org.gridmap.layers.OpenApiDocument;

/** HTTP for visits: parses requests into {@link Visits} values, calls {@link VisitService}, writes JSON. */
public final class VisitRoutes {
    private final VisitService service;
    private final AccessControl access;

    public VisitRoutes(VisitService service, AccessControl access) {
        this.service = service;
        this.access = access;
    }

    /** {household_id, outcome, findings?, notes?, position: {lon, lat}} → 201 with the visit and its far flag. */
    public void record(Context ctx) throws Exception {
        JsonBody b = JsonBody.of(ctx);
        long hh = b.wholeNumber("household_id");
        String outcome = b.word("outcome", VisitOutcomes.OUTCOMES);
        String findings = b.text("findings", 4000);
        String notes = b.text("notes", 4000);
        JsonBody.Point p = b.point("position");
        b.requireValid("invalid_visit", "visits.invalid");
        Visits.Visit v = service.record(new Visits.NewVisit(hh, outcome, findings, notes, p.lon(), p.lat()), user(ctx));
        ctx.status(201).json(visit(v));
    }

    /** Public completion per grid; who visited only for staff and admins. */
    public void completion(Context ctx) throws Exception {
        Visits.Month m = month(ctx, service);
        String village = ctx.queryParam("village");
        if (village != null) {
            if (!village.matches("[0-9]{12}")) {
                throw ApiException.badRequest("village must be a 12-digit village code").says("visits.village_code", Map.of());
            }
            service.requireVillage(village);
        }
        Visits.GridRef grid = null;
        String g = ctx.queryParam("grid");
        if (g != null) {
            if (!g.matches("[0-9]{1,18}")) {
                throw ApiException.badRequest("grid must be a grid id or its 15-digit code").says("visits.grid_ref", Map.of());
            }
            grid = service.grid(g);
        }
        User u = access.currentUser(ctx).orElse(null);
        boolean staff = u != null && (u.role() == Role.STAFF || u.role() == Role.ADMIN);
        Visits.Completion c = service.completion(m, village, grid, staff);
        ctx.contentType("application/json");
        CompletionJson.write(ctx.outputStream(), c, staff);
    }

    /** A grid's month as a map, as "my grid" answers it (and the benchmark's baseline for the completion's JSON). */
    public static Map<String, Object> gridRow(Visits.GridCompletion g) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", g.gridId());
        row.put("code", g.gridCode());
        row.put("name", g.gridName());
        row.put("village", g.villageCode());
        row.put("visited", g.visited());
        row.put("total", g.total());
        return row;
    }

    /** The grids the account serves in, with the month's completion: where the phone's "my grid" starts. */
    public void mine(Context ctx) throws Exception {
        Visits.Month m = month(ctx, service);
        List<Map<String, Object>> grids = new ArrayList<>();
        for (Visits.GridCompletion g : service.mine(user(ctx), m)) grids.add(gridRow(g));
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("month", m.toString(), "grids", grids));
    }

    /** The grid's households not yet visited this month (personal data: its staff or an admin; logged). */
    public void unvisited(Context ctx) throws Exception {
        long grid = gridId(ctx);
        Visits.Month m = month(ctx, service);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Visits.Unvisited h : service.unvisited(grid, m, user(ctx))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", h.id());
            row.put("members", h.members());
            row.put("position", Map.of("lon", h.lon(), "lat", h.lat()));
            row.put("attempts", h.attempts());
            row.put("lastAttempt", h.lastAttempt() == null ? null : h.lastAttempt().toString());
            out.add(row);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("grid", grid, "month", m.toString(), "households", out));
    }

    /** {@code month=YYYY-MM} in the town's calendar; this month when absent. */
    public static Visits.Month month(Context ctx, VisitService service) {
        String s = ctx.queryParam("month");
        return s == null ? service.thisMonth() : month(s, null);
    }

    /**
     * {@code YYYY-MM} in the town's calendar, or {@code dflt} when absent; 400 otherwise. Every route with a month
     * reads it here. Read by hand, not by a pattern and a date parser: a map asks for it with every tile.
     */
    public static Visits.Month month(String s, Visits.Month dflt) {
        if (s == null) return dflt;
        if (s.length() == 7 && s.charAt(4) == '-') {
            int year = digits(s, 0, 4), month = digits(s, 5, 7);
            if (year >= 0 && month >= 1 && month <= 12) return new Visits.Month(YearMonth.of(year, month));
        }
        throw ApiException.badRequest("month must be YYYY-MM").says("visits.month", Map.of("month", s));
    }

    /** The number written by the ASCII digits of {@code s} from {@code from} to {@code to}; -1 if any is not one. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static long gridId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("grid id must be a whole number").says("visits.grid_ref", Map.of());
        }
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("visits.log_in", Map.of()));
    }

    private static Map<String, Object> visit(Visits.Visit v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("householdId", v.householdId());
        m.put("grid", v.gridCode());
        m.put("staffId", v.staffId());
        m.put("staffName", v.staffName());
        m.put("visitedAt", v.visitedAt().toString());
        m.put("month", Visits.Month.of(v.visitedAt()).toString());
        m.put("outcome", v.outcome());
        m.put("findings", v.findings());
        m.put("notes", v.notes());
        m.put("position", Map.of("lon", v.lon(), "lat", v.lat()));
        m.put("distanceM", Math.round(v.distanceM() * 10) / 10.0);
        m.put("farFromHousehold", v.farFromHousehold());
        return m;
    }

    public static void describe(OpenApiDocument api) {
        var month = OpenApiDocument.param("month", "query", "string", false, "YYYY-MM in Asia/Shanghai time (default: this month)");
        api.add("/api/visits", "post", "Record a visit (staff of the household's grid, or an admin): {household_id, outcome: "
                + "met|nobody_home|refused, findings?, notes?, position: {lon, lat}}; a position more than "
                + (int) Visits.FAR_METRES + " m from the household is accepted and flagged", List.of(), true);
        api.add("/api/visits/completion", "get", "Per grid the households visited this month out of its households of today; "
                + "who visited only for staff and admins", List.of(month,
                OpenApiDocument.param("village", "query", "string", false, "village code (12 digits)"),
                OpenApiDocument.param("grid", "query", "string", false, "grid id or code")), false);
        api.add("/api/visits/mine", "get", "The grids the account serves in (staff entries linked to it) with the month's "
                + "completion", List.of(month), true);
        api.add("/api/grids/{id}/unvisited", "get", "The grid's households with no visit counting this month (its staff or "
                + "an admin; every read is logged)", List.of(OpenApiDocument.param("id", "path", "integer", true, "grid id"),
                month), true);
    }
}
