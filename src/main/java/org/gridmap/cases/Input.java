package org.gridmap.cases;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.visits.Visits;

/**
 * The query parsing that the routes of grid work (cases, reports, meetings, figures) share; request bodies are read
 * by {@link org.gridmap.http.JsonBody}.
 */
public final class Input {
    private Input() { }

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
