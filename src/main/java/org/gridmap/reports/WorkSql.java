package org.gridmap.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gridmap.cases.CaseWords;
import org.gridmap.db.Sql;

/** The SQL of the work figures per grid and month, with their row mappers (columns by name). */
final class WorkSql {
    private WorkSql() { }

    static final Sql.Row<Reports.OnTime> ON_TIME = rs -> new Reports.OnTime(rs.getLong("grid_id"), rs.getString("grid_code"),
            rs.getString("village_code"), rs.getInt("due"), rs.getInt("on_time"), rs.getInt("late"), rs.getInt("missing"));

    static final Sql.Row<Reports.OpenAges> OPEN_AGES = rs -> new Reports.OpenAges(rs.getLong("grid_id"),
            rs.getString("grid_code"), rs.getString("village_code"), rs.getInt("up_to_3"), rs.getInt("up_to_7"),
            rs.getInt("up_to_30"), rs.getInt("older"));

    /** Per grid: periods starting in [first, last] whose report was due by {@code now}, and how their reports came. */
    static List<Reports.OnTime> onTime(Connection c, LocalDate first, LocalDate last, Instant now, String village)
            throws SQLException {
        return Sql.query(c, ReportSql.PERIODS + """
                SELECT g.id AS grid_id, g.code AS grid_code, v.code AS village_code,
                       count(*) FILTER (WHERE p.due <= ?) AS due,
                       count(r.id) FILTER (WHERE NOT r.late) AS on_time,
                       count(r.id) FILTER (WHERE r.late) AS late,
                       count(*) FILTER (WHERE p.due <= ? AND r.id IS NULL) AS missing
                FROM grids g JOIN villages v ON v.id = g.village_id CROSS JOIN p
                LEFT JOIN grid_reports r ON r.grid_id = g.id AND r.period_start = p.period_start AND NOT r.urgent
                WHERE (?::text IS NULL OR v.code = ?)
                GROUP BY g.id, v.code ORDER BY g.code""", ON_TIME,
                ReportSql.args(ReportSql.periodArgs(first, last), now, now, village, village));
    }

    /** Per grid: cases open at {@code at} (by their history's last status then), by age in days. */
    static List<Reports.OpenAges> openAges(Connection c, Instant at, String village) throws SQLException {
        return Sql.query(c, """
                WITH s AS (SELECT DISTINCT ON (h.case_id) h.case_id, h.status_after FROM case_history h
                           WHERE h.at <= ? AND h.status_after IS NOT NULL ORDER BY h.case_id, h.at DESC, h.id DESC),
                     o AS (SELECT k.grid_id, ?::timestamptz - k.opened_at AS age FROM cases k JOIN s ON s.case_id = k.id
                           WHERE s.status_after = ANY (?))
                SELECT g.id AS grid_id, g.code AS grid_code, v.code AS village_code,
                       count(o.age) FILTER (WHERE o.age <= interval '3 days') AS up_to_3,
                       count(o.age) FILTER (WHERE o.age > interval '3 days' AND o.age <= interval '7 days') AS up_to_7,
                       count(o.age) FILTER (WHERE o.age > interval '7 days' AND o.age <= interval '30 days') AS up_to_30,
                       count(o.age) FILTER (WHERE o.age > interval '30 days') AS older
                FROM grids g JOIN villages v ON v.id = g.village_id LEFT JOIN o ON o.grid_id = g.id
                WHERE (?::text IS NULL OR v.code = ?)
                GROUP BY g.id, v.code ORDER BY g.code""", OPEN_AGES, at, at, CaseWords.openStatuses(), village, village);
    }
}
