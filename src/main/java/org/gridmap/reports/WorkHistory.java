package org.gridmap.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import org.gridmap.db.Sql;

/**
 * A year of grid work for towns just imported, as a demo data set asks in its {@code work-history.json}: cases
 * found on visits (most finished, some still open, a few reopened), each grid leader's 3-day reports with the gaps
 * of real towns — some grids behind, some leaders who never report — and every station's weekly meeting. Written
 * set-wise in SQL inside the import's transaction, all or nothing; every draw follows from ids (hashes stand in for
 * dice), so the same set always gives the same figures.
 */
public final class WorkHistory {
    /** The file of a data set that asks for the history. */
    public static final String FILE = "work-history.json";

    /** The year that ends (exclusive) on {@code yearEnd}; cases per household in that year. */
    public record Plan(LocalDate yearEnd, double casesPerHousehold) {
        public static Plan parse(JsonNode doc) {
            try {
                LocalDate end = LocalDate.parse(doc.path("year_end").asText(""));
                double rate = doc.path("cases_per_household").asDouble(-1);
                if (!(rate >= 0 && rate <= 5)) throw new IllegalArgumentException("cases_per_household must be 0–5");
                return new Plan(end, rate);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("year_end must be a day such as 2026-08-01");
            }
        }
    }

    /** What was written. */
    public record Written(long cases, long reports, long meetings) { }

    private WorkHistory() { }

    public static Written generate(Connection c, Collection<String> townCodes, Plan plan) throws SQLException {
        Sql.update(c, WorkHistorySql.PARAMETERS, Reports.PERIOD_DAYS, plan.casesPerHousehold(), townCodes.toArray(String[]::new),
                plan.yearEnd().toString());
        for (String s : WorkHistorySql.PREPARE) Sql.update(c, s);
        // the history is the loader's: the lifecycle triggers would refuse a case that starts finished
        Sql.update(c, "ALTER TABLE cases DISABLE TRIGGER cases_start_open");
        long cases = Sql.update(c, WorkHistorySql.CASES);
        Sql.update(c, "ALTER TABLE cases ENABLE TRIGGER cases_start_open");
        Sql.update(c, WorkHistorySql.CASE_HISTORY);
        long reports = Sql.update(c, WorkHistorySql.REPORTS);
        Sql.update(c, WorkHistorySql.NOTIFICATIONS);
        long meetings = Sql.update(c, WorkHistorySql.MEETINGS);
        Sql.update(c, WorkHistorySql.ATTENDANCE);
        Sql.update(c, WorkHistorySql.MEETING_CASES);
        Sql.update(c, "ANALYZE cases");
        Sql.update(c, "ANALYZE case_history");
        Sql.update(c, "ANALYZE grid_reports");
        Sql.update(c, "DROP TABLE wh_param, wh_grid, wh_case");
        return new Written(cases, reports, meetings);
    }
}
