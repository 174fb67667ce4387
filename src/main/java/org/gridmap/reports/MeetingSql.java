package org.gridmap.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.gridmap.db.Sql;

/** Every SQL statement of station meetings, with their row mappers (columns by name). */
final class MeetingSql {
    private MeetingSql() { }

    static final Sql.Row<Reports.Attendance> ATTENDANCE = rs -> new Reports.Attendance(rs.getString("grid_code"),
            rs.getString("staff_name"), rs.getBoolean("present"));

    static final Sql.Row<Reports.DiscussedCase> DISCUSSED = rs -> new Reports.DiscussedCase(rs.getLong("case_id"),
            rs.getString("title"), rs.getString("status"), rs.getString("note"));

    record Head(long id, String villageCode, LocalDate heldOn, String recordedBy, Instant recordedAt, List<String> decisions,
                String notes) { }

    static final Sql.Row<Head> HEAD = rs -> new Head(rs.getLong("id"), rs.getString("village_code"),
            rs.getObject("held_on", LocalDate.class), rs.getString("recorded_by"), Sql.instant(rs, "recorded_at"),
            ReportSql.strings(rs.getString("decisions")), rs.getString("notes"));

    static long insert(Connection c, long village, LocalDate heldOn, long user, Instant at, List<String> decisions, String notes)
            throws SQLException {
        return Sql.one(c, """
                INSERT INTO station_meetings (village_id, held_on, recorded_by, recorded_at, decisions, notes)
                VALUES (?, ?, ?, ?, ?::jsonb, ?) RETURNING id""", rs -> rs.getLong("id"), village, heldOn, user, at,
                ReportSql.json(decisions), notes).orElseThrow();
    }

    /** One row per grid of the village: its leader's name (or the grid's code when it has none) and presence. */
    static int attendance(Connection c, long meeting, long village, String[] presentGrids) throws SQLException {
        return Sql.update(c, """
                INSERT INTO meeting_attendance (meeting_id, grid_code, staff_name, present)
                SELECT ?, g.code, coalesce((SELECT s.name FROM staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader'
                                            ORDER BY s.id LIMIT 1), '-'), g.code = ANY (?)
                FROM grids g WHERE g.village_id = ?""", meeting, presentGrids, village);
    }

    /** The grid codes among {@code codes} that are not grids of the village. */
    static List<String> foreignGrids(Connection c, long village, String[] codes) throws SQLException {
        return Sql.query(c, """
                SELECT x AS code FROM unnest(?::text[]) x
                WHERE NOT EXISTS (SELECT 1 FROM grids g WHERE g.code = x AND g.village_id = ?)""",
                rs -> rs.getString("code"), codes, village);
    }

    /** The ids among {@code ids} that are not cases of the village. */
    static List<Long> foreignCases(Connection c, long village, Long[] ids) throws SQLException {
        return Sql.query(c, """
                SELECT x AS id FROM unnest(?::bigint[]) x
                WHERE NOT EXISTS (SELECT 1 FROM cases k WHERE k.id = x AND k.village_id = ?)""",
                rs -> rs.getLong("id"), ids, village);
    }

    static void discussed(Connection c, long meeting, long caseId, String note) throws SQLException {
        Sql.update(c, "INSERT INTO meeting_cases (meeting_id, case_id, note) VALUES (?, ?, ?)", meeting, caseId, note);
    }

    static Optional<Head> head(Connection c, long id) throws SQLException {
        return Sql.one(c, HEAD_SQL + " WHERE m.id = ?", HEAD, id);
    }

    static List<Head> heads(Connection c, long village, LocalDate from, LocalDate to) throws SQLException {
        return Sql.query(c, HEAD_SQL + " WHERE m.village_id = ? AND m.held_on >= ? AND m.held_on < ? ORDER BY m.held_on DESC",
                HEAD, village, from, to);
    }

    private static final String HEAD_SQL = """
            SELECT m.id, v.code AS village_code, m.held_on, u.username AS recorded_by, m.recorded_at,
                   m.decisions::text AS decisions, m.notes
            FROM station_meetings m JOIN villages v ON v.id = m.village_id JOIN users u ON u.id = m.recorded_by""";

    static List<Reports.Attendance> attendanceOf(Connection c, long meeting) throws SQLException {
        return Sql.query(c, "SELECT grid_code, staff_name, present FROM meeting_attendance WHERE meeting_id = ? ORDER BY grid_code",
                ATTENDANCE, meeting);
    }

    static List<Reports.DiscussedCase> casesOf(Connection c, long meeting) throws SQLException {
        return Sql.query(c, """
                SELECT mc.case_id, k.title, k.status, mc.note FROM meeting_cases mc JOIN cases k ON k.id = mc.case_id
                WHERE mc.meeting_id = ? ORDER BY mc.case_id""", DISCUSSED, meeting);
    }
}
