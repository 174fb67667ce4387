package org.gridmap.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.gridmap.cases.CaseWords;
import org.gridmap.db.Sql;
import org.gridmap.visits.VisitOutcomes;
import org.gridmap.visits.Visits;

/** Every SQL statement of 3-day reports and station notifications, with their row mappers (columns by name). */
final class ReportSql {
    private ReportSql() { }

    static final ObjectMapper JSON = new ObjectMapper();

    static final Sql.Row<Reports.GridPlace> GRID = rs -> new Reports.GridPlace(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), rs.getLong("village_id"), rs.getString("village_code"));

    static final Sql.Row<Reports.Report> REPORT = rs -> new Reports.Report(rs.getLong("id"), rs.getLong("grid_id"),
            rs.getString("grid_code"), rs.getLong("village_id"), rs.getString("staff_name"),
            rs.getObject("period_start", LocalDate.class), Sql.instant(rs, "submitted_at"), Sql.instant(rs, "due_at"),
            rs.getBoolean("late"), rs.getBoolean("urgent"), rs.getInt("visits_done"), rs.getInt("cases_opened"),
            rs.getInt("cases_closed"), strings(rs.getString("urgent_items")), rs.getString("text"));

    static final Sql.Row<Reports.Notification> NOTIFICATION = rs -> new Reports.Notification(rs.getLong("id"),
            rs.getLong("village_id"), rs.getString("kind"), rs.getObject("report_id", Long.class), rs.getString("grid_code"),
            Sql.instant(rs, "at"), rs.getString("summary"));

    static final Sql.Row<Reports.PeriodState> PERIOD_STATE = rs -> new Reports.PeriodState(rs.getLong("grid_id"),
            rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("leader"),
            rs.getObject("period_start", LocalDate.class), Sql.instant(rs, "due"), rs.getObject("report_id", Long.class),
            Sql.instant(rs, "submitted_at"), rs.getString("state"));

    private static final String REPORT_COLUMNS = "id, grid_id, grid_code, village_id, staff_name, period_start, submitted_at, "
            + "due_at, late, urgent, visits_done, cases_opened, cases_closed, urgent_items::text AS urgent_items, text";

    private static final String GRID_COLUMNS =
            "g.id, g.code, g.name, g.village_id, v.code AS village_code FROM grids g JOIN villages v ON v.id = g.village_id";

    static Optional<Reports.GridPlace> grid(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + GRID_COLUMNS + " WHERE g.id = ?", GRID, id);
    }

    static Optional<Long> villageId(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT id FROM villages WHERE code = ?", rs -> rs.getLong("id"), code);
    }

    /** The account's grid-leader entry in the grid: its name, if it leads the grid. */
    static Optional<String> leaderName(Connection c, long user, long grid) throws SQLException {
        return Sql.one(c, "SELECT name FROM staff WHERE user_id = ? AND grid_id = ? AND role = 'grid_leader' ORDER BY id LIMIT 1",
                rs -> rs.getString("name"), user, grid);
    }

    /** Counting visits to the grid's households of today, and the grid's cases opened and finished, in [from, to). */
    static Reports.Counts counts(Connection c, long grid, Instant from, Instant to) throws SQLException {
        return Sql.one(c, """
                SELECT (SELECT count(*) FROM visits x JOIN households h ON h.id = x.household_id
                        WHERE h.grid_id = ? AND x.visited_at >= ? AND x.visited_at < ? AND x.outcome = ANY (?)) AS visits_done,
                       (SELECT count(*) FROM cases k WHERE k.grid_id = ? AND k.opened_at >= ? AND k.opened_at < ?) AS opened,
                       (SELECT count(DISTINCT h.case_id) FROM case_history h JOIN cases k ON k.id = h.case_id
                        WHERE k.grid_id = ? AND h.at >= ? AND h.at < ? AND h.status_after = ANY (?)) AS finished""",
                rs -> new Reports.Counts(rs.getInt("visits_done"), rs.getInt("opened"), rs.getInt("finished")),
                grid, from, to, VisitOutcomes.counting(), grid, from, to, grid, from, to, finished()).orElseThrow();
    }

    static long insert(Connection c, Reports.GridPlace g, long user, String staffName, Reports.Period p, Instant at,
                       boolean urgent, Reports.Counts n, List<String> urgentItems, String text) throws SQLException {
        return Sql.one(c, """
                INSERT INTO grid_reports (grid_id, grid_code, village_id, user_id, staff_name, period_start, submitted_at,
                    due_at, late, urgent, visits_done, cases_opened, cases_closed, urgent_items, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id""", rs -> rs.getLong("id"),
                g.gridId(), g.gridCode(), g.villageId(), user, staffName, p.start(), at, p.due(), !at.isBefore(p.due()),
                urgent, n.visitsDone(), n.casesOpened(), n.casesClosed(), json(urgentItems), text).orElseThrow();
    }

    static Optional<Reports.Report> report(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + REPORT_COLUMNS + " FROM grid_reports WHERE id = ?", REPORT, id);
    }

    static long notify(Connection c, long village, String kind, long report, String gridCode, Instant at, String summary)
            throws SQLException {
        return Sql.one(c, """
                INSERT INTO station_notifications (village_id, kind, report_id, grid_code, at, summary)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong("id"), village, kind, report, gridCode, at, summary)
                .orElseThrow();
    }

    static List<Reports.Notification> notifications(Connection c, long village, int limit) throws SQLException {
        return Sql.query(c, "SELECT id, village_id, kind, report_id, grid_code, at, summary FROM station_notifications "
                + "WHERE village_id = ? ORDER BY at DESC, id DESC LIMIT ?", NOTIFICATION, village, limit);
    }

    /**
     * Every grid of the village and each period starting in [first, last], with its regular report: on_time, late,
     * missing (due has passed, none came) or pending (not due yet, none came).
     */
    static List<Reports.PeriodState> periods(Connection c, long village, LocalDate first, LocalDate last, Instant now)
            throws SQLException {
        return Sql.query(c, PERIODS + """
                SELECT g.id AS grid_id, g.code AS grid_code, g.name AS grid_name,
                       (SELECT s.name FROM staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader' ORDER BY s.id LIMIT 1) AS leader,
                       p.period_start, p.due, r.id AS report_id, r.submitted_at,
                       CASE WHEN r.id IS NOT NULL AND NOT r.late THEN 'on_time' WHEN r.id IS NOT NULL THEN 'late'
                            WHEN p.due <= ? THEN 'missing' ELSE 'pending' END AS state
                FROM grids g CROSS JOIN p
                LEFT JOIN grid_reports r ON r.grid_id = g.id AND r.period_start = p.period_start AND NOT r.urgent
                WHERE g.village_id = ?
                ORDER BY p.period_start DESC, g.code""", PERIOD_STATE, args(periodArgs(first, last), now, village));
    }

    /**
     * The report periods starting in [first, last] with the instant each is due, as {@code p(period_start, due)};
     * its parameters, in order: {@link #periodArgs}.
     */
    static final String PERIODS = """
            WITH p AS (SELECT d::date AS period_start, ((d::date + ?)::timestamp AT TIME ZONE ?) AS due
                       FROM generate_series(?::date, ?::date, ?::int * interval '1 day') d)
            """;

    static Object[] periodArgs(LocalDate first, LocalDate last) {
        return new Object[] {Reports.PERIOD_DAYS, Visits.ZONE.getId(), first, last, Reports.PERIOD_DAYS};
    }

    /** Statuses that finish a case for the report's count. */
    private static String[] finished() {
        return CaseWords.STATUSES.words().stream().filter(w -> !Boolean.TRUE.equals(w.facts().get("open")))
                .map(w -> w.id()).toArray(String[]::new);
    }

    /** {@code head} followed by {@code rest}, as one parameter list. */
    static Object[] args(Object[] head, Object... rest) {
        Object[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(String raw) throws SQLException {
        try {
            return raw == null ? List.of() : JSON.readValue(raw, new TypeReference<List<String>>() { });
        } catch (java.io.IOException e) {
            throw new SQLException("not a list of texts: " + raw, e);
        }
    }
}
