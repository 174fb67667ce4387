package org.gridmap.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.cases.Input;
import org.gridmap.http.ApiException;
import org.gridmap.http.JsonBody;
import org.gridmap.layers.OpenApiDocument;

/** HTTP for 3-day reports and the station's view of them: parses input, calls {@link ReportService}, writes JSON. */
public final class ReportRoutes {
    private final ReportService service;
    private final AccessControl access;

    public ReportRoutes(ReportService service, AccessControl access) {
        this.service = service;
        this.access = access;
    }

    /** {grid, period_start?: YYYY-MM-DD, urgent?: bool, urgent_items?: [text], text?}. */
    public void submit(Context ctx) throws Exception {
        JsonBody body = JsonBody.of(ctx);
        JsonNode b = body.node();
        long grid = body.wholeNumber("grid", "grid must be the grid's id");
        LocalDate start = null;
        if (b.hasNonNull("period_start")) {
            try {
                start = LocalDate.parse(b.get("period_start").asText());
                if (!Reports.Period.isStart(start)) body.problem("period_start must begin a period, such as " + Reports.Period.of(start));
            } catch (DateTimeParseException e) {
                body.problem("period_start must be a date YYYY-MM-DD");
            }
        }
        boolean urgent = b.path("urgent").asBoolean(false);
        List<String> items = new ArrayList<>();
        for (JsonNode i : b.path("urgent_items")) {
            if (!i.isTextual() || i.asText().isBlank() || i.asText().length() > 500) body.problem("urgent_items are texts of 1–500 characters");
            else items.add(i.asText().trim());
        }
        if (urgent && items.isEmpty()) body.problem("an urgent report names its urgent items");
        if (urgent && start != null) body.problem("an urgent report belongs to the current period; send no period_start");
        JsonNode t = b.get("text");
        if (t != null && !t.isNull() && (!t.isTextual() || t.asText().length() > 8000)) body.problem("text must be at most 8000 characters");
        body.requireValid("invalid_report", "reports.invalid");
        String text = t == null || t.isNull() || t.asText().isBlank() ? null : t.asText().trim();
        Reports.Report r = service.submit(new Reports.NewReport(grid, start, urgent, items, text), user(ctx));
        ctx.status(201).json(report(r));
    }

    public void get(Context ctx) throws Exception {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The report id must be a whole number.").says("reports.id", Map.of());
        }
        ctx.json(report(service.get(id, user(ctx))));
    }

    /** The village's grids over the last {@code periods} (default 10, at most 120) periods; {@code flags}: late and missing. */
    public void station(Context ctx) throws Exception {
        String village = village(ctx);
        int periods = count(ctx, "periods", 10, 120);
        List<Map<String, Object>> rows = new ArrayList<>(), flags = new ArrayList<>();
        for (Reports.PeriodState s : service.station(village, periods, user(ctx))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("grid", Map.of("id", s.gridId(), "code", s.gridCode(), "name", s.gridName()));
            m.put("leader", s.leader());
            m.put("period", s.periodStart().toString());
            m.put("due", s.due().toString());
            m.put("state", s.state());
            m.put("report", s.reportId());
            m.put("submittedAt", s.submittedAt() == null ? null : s.submittedAt().toString());
            rows.add(m);
            if (s.state().equals("late") || s.state().equals("missing")) flags.add(m);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("village", village, "now", service.now().toString(),
                "currentPeriod", Reports.Period.of(service.now()).toString(), "flags", flags, "periods", rows));
    }

    public void notifications(Context ctx) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Reports.Notification n : service.notifications(village(ctx), count(ctx, "limit", 50, 500), user(ctx))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("kind", n.kind());
            m.put("report", n.reportId());
            m.put("grid", n.gridCode());
            m.put("at", n.at().toString());
            m.put("summary", n.summary());
            out.add(m);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("notifications", out));
    }

    /** Server-sent events to an open station view: {@code ready} when listening, {@code urgent} per urgent report. */
    public void events(Context ctx) throws Exception {
        User u = user(ctx);
        String village = ctx.pathParam("village");
        long key = "all".equals(village) && u.role() == Role.ADMIN ? StationEvents.ALL : service.stationVillage(village(ctx), u);
        new SseHandler(client -> service.events().join(key, client)).handle(ctx);
    }

    private static String village(Context ctx) {
        return Input.village(ctx.pathParam("village"));
    }

    private static int count(Context ctx, String name, int dflt, int max) {
        String s = ctx.queryParam(name);
        if (s == null) return dflt;
        if (!s.matches("[0-9]{1,4}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > max) {
            throw ApiException.badRequest(name + " must be a whole number from 1 to " + max)
                    .says("reports.count", Map.of("name", name, "max", max));
        }
        return Integer.parseInt(s);
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("cases.log_in", Map.of()));
    }

    static Map<String, Object> report(Reports.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("grid", Map.of("id", r.gridId(), "code", r.gridCode()));
        m.put("by", r.staffName());
        m.put("period", r.periodStart().toString());
        m.put("periodEnd", r.periodStart().plusDays(Reports.PERIOD_DAYS - 1).toString());
        m.put("submittedAt", r.submittedAt().toString());
        m.put("dueAt", r.dueAt().toString());
        m.put("late", r.late());
        m.put("urgent", r.urgent());
        m.put("visitsDone", r.visitsDone());
        m.put("casesOpened", r.casesOpened());
        m.put("casesClosed", r.casesClosed());
        m.put("urgentItems", r.urgentItems());
        m.put("text", r.text());
        return m;
    }

    public static void describe(OpenApiDocument api) {
        var village = OpenApiDocument.param("village", "path", "string", true, "village code (12 digits)");
        api.add("/api/reports", "post", "A grid leader's 3-day report {grid, period_start?, urgent?, urgent_items?, text?}; visits "
                + "and cases are counted; urgent items notify the station at once", List.of(), true);
        api.add("/api/reports/{id}", "get", "One report (its grid's staff, its station, admins)",
                List.of(OpenApiDocument.param("id", "path", "integer", true, "report id")), true);
        api.add("/api/stations/{village}/reports", "get", "Each grid's recent periods: on_time, late, missing (flagged from "
                + "day 4) or pending", List.of(village, OpenApiDocument.param("periods", "query", "integer", false, "1–120")), true);
        api.add("/api/stations/{village}/notifications", "get", "The station's notification log", List.of(village), true);
        api.add("/api/stations/{village}/events", "get", "Server-sent events for an open station view: ready, urgent",
                List.of(village), true);
    }
}
