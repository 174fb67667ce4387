package org.gridmap.errands;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridmap.db.Sql;

/** The SQL of the errands' figures: the rings' on-time shares and stage times, and what is overdue in a village. */
final class ErrandStatsSql {
    private ErrandStatsSql() { }

    /**
     * One row per village and ring (and, when {@code perGrid}, per grid and ring) for hand-offs sent in
     * [from, to). A stage's time runs from the moment the errand reached the sender's level (its filing, or
     * the confirmation of the hand-off that brought it there) to the moment the sender handed it on.
     */
    static List<Errands.RingRow> ringRows(Connection c, Instant from, Instant to, String village, boolean perGrid)
            throws SQLException {
        String gridCode = perGrid ? "CASE WHEN GROUPING(g.code) = 0 THEN g.code END" : "NULL::text";
        String sets = perGrid ? "(v.code, h.from_stage), (v.code, g.code, h.from_stage)" : "(v.code, h.from_stage)";
        return Sql.query(c, "SELECT " + gridCode + """
                        AS grid_code, v.code AS village_code, min(v.name) AS village_name, min(g.name) AS grid_name,
                       h.from_stage, count(*) AS handoffs, count(*) FILTER (WHERE h.sent_at <= h.due_at) AS on_time,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY extract(epoch FROM h.sent_at - coalesce(p.confirmed_at, e.filed_at)) / 3600.0)
                           AS median_hours
                FROM errand_handoffs h
                JOIN errands e ON e.id = h.errand_id
                LEFT JOIN errand_handoffs p ON p.errand_id = h.errand_id AND p.to_stage = h.from_stage
                JOIN grids g ON g.id = e.grid_id
                JOIN villages v ON v.id = g.village_id
                WHERE h.sent_at >= ? AND h.sent_at < ? AND (?::text IS NULL OR v.code = ?::text)
                GROUP BY GROUPING SETS (""" + sets + """
                )
                ORDER BY village_code, grid_code NULLS FIRST, from_stage""",
                rs -> new Errands.RingRow(rs.getString("village_code"), rs.getString("village_name"),
                        rs.getString("grid_code"), rs.getString("grid_code") == null ? null : rs.getString("grid_name"),
                        rs.getString("from_stage"), rs.getLong("handoffs"), rs.getLong("on_time"),
                        rs.getDouble("median_hours")),
                from, to, village, village);
    }

    static Optional<String> villageName(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT name FROM villages WHERE code = ?", rs -> rs.getString("name"), code);
    }

    /**
     * Open errands in the village's grids past their deadline at {@code now}: a hand-off in transit past the
     * receiver's deadline, or the holder past theirs. The one named is the receiver in transit, else the holder.
     */
    static List<Errands.OverdueRow> overdue(Connection c, String village, Instant now, int limit) throws SQLException {
        return Sql.query(c, """
                SELECT e.number, e.item_code, i.name AS item_name, g.code AS grid_code, g.name AS grid_name, e.stage,
                       t.to_stage AS in_transit_to, coalesce(t.receiver_due_at, e.stage_due_at) AS due_at,
                       s.id AS staff_id, s.grid_id AS staff_grid_id, s.role AS staff_role, s.name AS staff_name,
                       s.phone AS staff_phone, s.user_id AS staff_user_id
                FROM errands e
                JOIN errand_items i ON i.code = e.item_code
                JOIN grids g ON g.id = e.grid_id
                JOIN villages v ON v.id = g.village_id
                LEFT JOIN errand_handoffs t ON t.errand_id = e.id AND t.confirmed_at IS NULL
                LEFT JOIN staff s ON s.id = CASE WHEN t.id IS NULL THEN e.holder_staff_id ELSE t.to_staff_id END
                WHERE v.code = ? AND e.stage NOT IN ('returned', 'closed')
                  AND coalesce(t.receiver_due_at, e.stage_due_at) < ?
                ORDER BY due_at, e.number LIMIT ?""",
                rs -> new Errands.OverdueRow(rs.getString("number"), rs.getString("item_code"), rs.getString("item_name"),
                        rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("stage"),
                        rs.getString("in_transit_to"), ErrandSql.instant(rs, "due_at"),
                        rs.getObject("staff_id") == null ? null : new Errands.StaffCard(rs.getLong("staff_id"),
                                rs.getLong("staff_grid_id"), rs.getString("staff_role"), rs.getString("staff_name"),
                                rs.getString("staff_phone"), ErrandSql.nullableLong(rs, "staff_user_id"))),
                village, now, limit);
    }
}
