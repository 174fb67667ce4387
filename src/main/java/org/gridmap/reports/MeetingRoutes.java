package org.gridmap.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.User;
import org.gridmap.cases.Input;
import org.gridmap.http.ApiException;
import org.gridmap.http.JsonBody;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.visits.VisitRoutes;
import org.gridmap.visits.Visits;

/** HTTP for station meetings: parses input, calls {@link MeetingService}, writes JSON. */
public final class MeetingRoutes {
    private final MeetingService service;
    private final AccessControl access;

    public MeetingRoutes(MeetingService service, AccessControl access) {
        this.service = service;
        this.access = access;
    }

    /** {held_on: YYYY-MM-DD, present: [grid code], cases: [{id, note?}], decisions: [text], notes?}. */
    public void record(Context ctx) throws Exception {
        JsonBody body = JsonBody.of(ctx);
        JsonNode b = body.node();
        LocalDate held = null;
        try {
            held = LocalDate.parse(b.path("held_on").asText(""));
        } catch (DateTimeParseException e) {
            body.problem("held_on must be a date YYYY-MM-DD");
        }
        List<String> present = new ArrayList<>();
        for (JsonNode g : b.path("present")) {
            if (g.isTextual() && g.asText().matches("[0-9]{15}")) present.add(g.asText());
            else body.problem("present lists 15-digit grid codes");
        }
        List<Reports.DiscussedCase> cases = new ArrayList<>();
        for (JsonNode k : b.path("cases")) {
            if (!k.path("id").canConvertToLong() || !k.path("id").isIntegralNumber()) body.problem("every case needs its id");
            else cases.add(new Reports.DiscussedCase(k.get("id").asLong(), null, null, k.path("note").isTextual() ? k.get("note").asText() : null));
        }
        List<String> decisions = new ArrayList<>();
        for (JsonNode d : b.path("decisions")) {
            if (d.isTextual() && !d.asText().isBlank() && d.asText().length() <= 2000) decisions.add(d.asText().trim());
            else body.problem("decisions are texts of 1–2000 characters");
        }
        String notes = b.path("notes").isTextual() ? b.get("notes").asText() : null;
        if (notes != null && notes.length() > 8000) body.problem("notes must be at most 8000 characters");
        body.requireValid("invalid_meeting", "meetings.invalid");
        Reports.Meeting m = service.record(village(ctx), new Reports.NewMeeting(held, present, cases, decisions, notes), user(ctx));
        ctx.status(201).json(json(m));
    }

    public void list(Context ctx) throws Exception {
        Visits.Month month = VisitRoutes.month(ctx.queryParam("month"), service.thisMonth());
        ctx.json(Map.of("meetings", service.list(village(ctx), month, user(ctx)).stream().map(MeetingRoutes::json).toList()));
    }

    private static Map<String, Object> json(Reports.Meeting m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("village", m.villageCode());
        out.put("heldOn", m.heldOn().toString());
        out.put("recordedBy", m.recordedBy());
        out.put("recordedAt", m.recordedAt().toString());
        out.put("attendance", m.attendance());
        out.put("present", m.attendance().stream().filter(Reports.Attendance::present).count());
        out.put("cases", m.cases());
        out.put("decisions", m.decisions());
        out.put("notes", m.notes());
        return out;
    }

    private static String village(Context ctx) {
        return Input.village(ctx.pathParam("village"));
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("cases.log_in", Map.of()));
    }

    public static void describe(OpenApiDocument api) {
        var village = OpenApiDocument.param("village", "path", "string", true, "village code (12 digits)");
        api.add("/api/stations/{village}/meetings", "post", "Record a weekly station meeting {held_on, present: [grid code], "
                + "cases: [{id, note?}], decisions: [text], notes?} (the station: the village's grid leaders, or an admin)",
                List.of(village), true);
        api.add("/api/stations/{village}/meetings", "get", "The station's meetings of a month",
                List.of(village, OpenApiDocument.param("month", "query", "string", false, "YYYY-MM")), true);
    }
}
