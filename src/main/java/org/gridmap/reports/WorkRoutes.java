package org.gridmap.reports;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.cases.Input;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.visits.VisitRoutes;
import org.gridmap.visits.Visits;

/** The figures for work dashboards, per grid (with its village) and month: simple rows a table or a map can join. */
public final class WorkRoutes {
    private final WorkService service;

    public WorkRoutes(WorkService service) { this.service = service; }

    public void reportsOnTime(Context ctx) throws Exception {
        Visits.Month m = month(ctx);
        List<Map<String, Object>> rows = service.reportsOnTime(m, village(ctx)).stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("grid", r.gridCode());
            row.put("gridId", r.gridId());
            row.put("village", r.villageCode());
            row.put("due", r.due());
            row.put("onTime", r.onTime());
            row.put("late", r.late());
            row.put("missing", r.missing());
            return row;
        }).toList();
        ctx.json(Map.of("month", m.toString(), "grids", rows));
    }

    public void openCases(Context ctx) throws Exception {
        Visits.Month m = month(ctx);
        List<Map<String, Object>> rows = service.openCases(m, village(ctx)).stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("grid", r.gridCode());
            row.put("gridId", r.gridId());
            row.put("village", r.villageCode());
            row.put("open", r.upTo3() + r.upTo7() + r.upTo30() + r.older());
            row.put("upTo3Days", r.upTo3());
            row.put("upTo7Days", r.upTo7());
            row.put("upTo30Days", r.upTo30());
            row.put("older", r.older());
            return row;
        }).toList();
        ctx.json(Map.of("month", m.toString(), "at", service.openCasesAt(m).toString(), "grids", rows));
    }

    private Visits.Month month(Context ctx) {
        return VisitRoutes.month(ctx.queryParam("month"), service.thisMonth());
    }

    private static String village(Context ctx) {
        return Input.village(ctx.queryParam("village"));
    }

    public static void describe(OpenApiDocument api) {
        var month = OpenApiDocument.param("month", "query", "string", false, "YYYY-MM (default: this month)");
        var village = OpenApiDocument.param("village", "query", "string", false, "village code (12 digits)");
        api.add("/api/work/reports-on-time", "get", "Per grid: report periods starting in the month that were due, sent on "
                + "time, late, missing (staff)", List.of(month, village), true);
        api.add("/api/work/open-cases", "get", "Per grid: cases open at the month's end (or now), by age: up to 3, 7, 30 "
                + "days, older (staff)", List.of(month, village), true);
    }
}
