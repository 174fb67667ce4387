package org.gridmap.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.visits.Visits;

/** The request parsing that the routes of grid work (cases, reports, meetings, figures) share. */
public final class Input {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Input() { }

    /** The body as a JSON object; 400 otherwise. */
    public static JsonNode object(Context ctx) throws java.io.IOException {
        String raw = ctx.body();
        JsonNode b = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
        if (b == null || !b.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object.").says("cases.not_an_object", Map.of());
        }
        return b;
    }

    /** Optional text of at most {@code max} characters, trimmed; blank is absent; anything else is a problem. */
    public static String text(JsonNode b, String field, int max, List<String> problems) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().length() > max) {
            problems.add(field + " must be text of at most " + max + " characters");
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** {@code YYYY-MM} in the town's calendar, or {@code dflt} when absent; 400 otherwise. */
    public static Visits.Month month(String s, Visits.Month dflt) {
        if (s == null) return dflt;
        try {
            if (!s.matches("[0-9]{4}-[0-9]{2}")) throw new DateTimeParseException("", s, 0);
            return new Visits.Month(YearMonth.parse(s));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("month must be YYYY-MM").says("visits.month", Map.of("month", s));
        }
    }

    /** A 12-digit village code, or null when absent; 400 otherwise. */
    public static String village(String v) {
        if (v != null && !v.matches("[0-9]{12}")) {
            throw ApiException.badRequest("village must be a 12-digit village code").says("cases.village_code", Map.of());
        }
        return v;
    }
}
