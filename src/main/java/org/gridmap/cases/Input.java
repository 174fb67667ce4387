package org.gridmap.cases;

import java.util.Map;
import org.gridmap.http.ApiException;

/**
 * The query parsing that the routes of grid work (cases, reports, meetings, figures) share; months are read by
 * {@link org.gridmap.visits.VisitRoutes#month(String, org.gridmap.visits.Visits.Month)}, request bodies by
 * {@link org.gridmap.http.JsonBody}.
 */
public final class Input {
    private Input() { }

    /** A 12-digit village code, or null when absent; 400 otherwise. */
    public static String village(String v) {
        if (v != null && !v.matches("[0-9]{12}")) {
            throw ApiException.badRequest("village must be a 12-digit village code").says("cases.village_code", Map.of());
        }
        return v;
    }
}
