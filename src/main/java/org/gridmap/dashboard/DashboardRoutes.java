package org.gridmap.dashboard;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.layers.QueryParams;
import org.gridmap.visits.VisitRoutes;
import org.gridmap.visits.VisitService;
import org.gridmap.visits.Visits;

/** {@code GET /api/dashboard} (JSON) and {@code /api/dashboard/export} (CSV, XLSX): aggregated, so public. */
public final class DashboardRoutes {
    private final DashboardService service;
    private final VisitService visits;

    public DashboardRoutes(DashboardService service, VisitService visits) {
        this.service = service;
        this.visits = visits;
    }

    public void table(Context ctx) throws Exception {
        QueryParams.allow(ctx.queryParamMap(), Set.of("month", "village"), "the dashboard");
        Dashboard.Table t = service.table(VisitRoutes.month(ctx, visits), village(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("month", t.month().toString());
        out.put("level", t.level());
        out.put("village", t.village());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (DashboardColumn c : t.columns()) {
            columns.add(Map.of("id", c.id(), "fields", c.fields().stream().map(f -> Map.of("id", f.id(), "name", f.zh(),
                    "nameEn", f.en(), "share", f.share())).toList()));
        }
        out.put("columns", columns);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Dashboard.Row r : t.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", r.unit().code());
            row.put("name", r.unit().name());
            if (r.unit().nameEn() != null) row.put("name_en", r.unit().nameEn());
            for (DashboardColumn c : t.columns()) {
                Map<String, Object> figure = new LinkedHashMap<>();
                List<Object> values = r.figures().get(c.id());
                for (int i = 0; i < c.fields().size(); i++) figure.put(c.fields().get(i).id(), values.get(i));
                row.put(c.id(), figure);
            }
            rows.add(row);
        }
        out.put("rows", rows);
        ctx.json(out);
    }

    /** ?format=csv|xlsx, ?lang=zh|en (default zh), ?month=, ?village= */
    public void export(Context ctx) throws Exception {
        QueryParams.allow(ctx.queryParamMap(), Set.of("month", "village", "format", "lang"), "the dashboard export");
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        String lang = ctx.queryParam("lang") == null ? "zh" : ctx.queryParam("lang");
        if (!lang.equals("zh") && !lang.equals("en")) throw ApiException.badRequest("lang must be zh or en").says("dashboard.lang", Map.of());
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw ApiException.badRequest("format must be csv or xlsx").says("dashboard.format", Map.of());
        }
        boolean english = lang.equals("en");
        Visits.Month month = VisitRoutes.month(ctx, visits);
        Dashboard.Table t = service.table(month, village(ctx));
        byte[] body;
        if (format.equals("csv")) {
            ctx.contentType("text/csv; charset=utf-8");
            body = DashboardExport.csv(t, english);
        } else {
            ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            body = DashboardExport.xlsx(t, english);
        }
        String file = (english ? "work-" : "工作台账-") + month + (t.village() == null ? "" : "-" + t.village()) + "." + format;
        String ascii = "work-" + month + (t.village() == null ? "" : "-" + t.village()) + "." + format;
        ctx.header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("Cache-Control", "no-cache");
        ctx.result(body);
    }

    private static String village(Context ctx) {
        String v = ctx.queryParam("village");
        if (v != null && !v.matches("[0-9]{12}")) {
            throw ApiException.badRequest("village must be a 12-digit village code").says("visits.village_code", Map.of());
        }
        return v;
    }

    public static void describe(OpenApiDocument api) {
        var month = OpenApiDocument.param("month", "query", "string", false, "YYYY-MM in Asia/Shanghai time (default: this month)");
        var village = OpenApiDocument.param("village", "query", "string", false, "a village code: its grids instead of every village");
        api.add("/api/dashboard", "get", "The work dashboard of a month per village (or per grid of one village): "
                + "columns (figures and their fields) and rows with each figure's values", List.of(month, village), false);
        api.add("/api/dashboard/export", "get", "The same table as CSV (UTF-8 with BOM) or an Excel workbook",
                List.of(month, village, OpenApiDocument.param("format", "query", "string", false, "csv (default) or xlsx"),
                        OpenApiDocument.param("lang", "query", "string", false, "zh (default) or en")), false);
    }
}
