package org.gridmap.errands;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gridmap.db.Sql;

/**
 * The SQL of errands' catalogue, lifecycle, reads and Open311 (the figures' is in {@link ErrandStatsSql}, the
 * demo history's in {@link ErrandHistorySql}). Rows are mapped by column name into the records of {@link Errands}.
 */
final class ErrandSql {
    private ErrandSql() { }

    private static final String ERRAND_COLUMNS = """
            e.id, e.number, e.item_code, i.name AS item_name, i.name_en AS item_name_en, i.processing_days,
            e.grid_id, g.code AS grid_code, g.name AS grid_name, e.facility_id, e.channel, e.resident_name,
            e.resident_phone, e.household_id, e.note, e.stage, e.urgent, e.urgent_reason, e.filed_at, e.filed_by,
            e.holder_user_id, e.holder_staff_id, e.stage_since, e.stage_due_at, e.result_due_at, e.rating,
            e.rating_comment, e.closed_at
            FROM errands e JOIN errand_items i ON i.code = e.item_code JOIN grids g ON g.id = e.grid_id
            """;

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static final Sql.Row<Errands.Errand> ERRAND = rs -> new Errands.Errand(
            rs.getLong("id"), rs.getString("number"), rs.getString("item_code"), rs.getString("item_name"),
            rs.getString("item_name_en"), rs.getInt("processing_days"), rs.getLong("grid_id"), rs.getString("grid_code"),
            rs.getString("grid_name"), nullableLong(rs, "facility_id"), rs.getString("channel"),
            new Errands.Resident(rs.getString("resident_name"), rs.getString("resident_phone"),
                    nullableLong(rs, "household_id"), rs.getString("note")),
            rs.getString("stage"), rs.getBoolean("urgent"), rs.getString("urgent_reason"), instant(rs, "filed_at"),
            nullableLong(rs, "filed_by"), nullableLong(rs, "holder_user_id"), nullableLong(rs, "holder_staff_id"),
            instant(rs, "stage_since"), instant(rs, "stage_due_at"), instant(rs, "result_due_at"),
            rs.getObject("rating") == null ? null : rs.getInt("rating"), rs.getString("rating_comment"),
            instant(rs, "closed_at"));

    static final Sql.Row<Errands.Handoff> HANDOFF = rs -> new Errands.Handoff(
            rs.getLong("id"), rs.getLong("errand_id"), rs.getString("from_stage"), rs.getString("to_stage"),
            nullableLong(rs, "from_user_id"), rs.getLong("to_user_id"), nullableLong(rs, "to_staff_id"),
            instant(rs, "sent_at"), instant(rs, "due_at"), instant(rs, "receiver_due_at"), rs.getString("skip_reason"),
            instant(rs, "confirmed_at"), nullableLong(rs, "confirmed_by"));

    static final Sql.Row<Errands.StaffCard> STAFF = rs -> new Errands.StaffCard(
            rs.getLong("id"), rs.getLong("grid_id"), rs.getString("role"), rs.getString("name"), rs.getString("phone"),
            nullableLong(rs, "user_id"));

    static final Sql.Row<Errands.Item> ITEM = rs -> new Errands.Item(rs.getString("code"), rs.getString("name"),
            rs.getString("name_en"), rs.getString("window_code"), rs.getString("department_code"),
            rs.getInt("processing_days"), Arrays.asList((String[]) rs.getArray("documents").getArray()));

    static final Sql.Row<Errands.Unit> UNIT = rs -> new Errands.Unit(rs.getString("code"), rs.getString("name"),
            rs.getString("name_en"));

    static final Sql.Row<Errands.HistoryEntry> HISTORY = rs -> new Errands.HistoryEntry(rs.getLong("id"),
            rs.getInt("seq"), instant(rs, "at"), nullableLong(rs, "actor_user_id"), rs.getString("event"),
            rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"), rs.getString("recomputed"));

    // ---- catalogue: what is in service (retired entries are for the editors, see CatalogueSql)

    static List<Errands.Unit> windows(Connection c) throws SQLException {
        return Sql.query(c, "SELECT code, name, name_en FROM errand_windows WHERE retired_at IS NULL ORDER BY position", UNIT);
    }

    static List<Errands.Unit> departments(Connection c) throws SQLException {
        return Sql.query(c, "SELECT code, name, name_en FROM errand_departments WHERE retired_at IS NULL ORDER BY code", UNIT);
    }

    static List<Errands.Item> items(Connection c) throws SQLException {
        return Sql.query(c, "SELECT i.* FROM errand_items i JOIN errand_windows w ON w.code = i.window_code "
                + "WHERE i.retired_at IS NULL ORDER BY w.position, i.code", ITEM);
    }

    static Optional<Errands.Item> item(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT * FROM errand_items WHERE code = ?", ITEM, code);
    }

    // ---- places and people

    /** The grid a service point (or hub) belongs to. */
    static Optional<Long> gridOfFacility(Connection c, long facilityId) throws SQLException {
        return Sql.one(c, "SELECT grid_id FROM facilities WHERE id = ? AND level IN ('point', 'grid')",
                rs -> rs.getLong("grid_id"), facilityId);
    }

    static Optional<Long> gridByCode(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT id FROM grids WHERE code = ?", rs -> rs.getLong("id"), code);
    }

    static Optional<Long> facilityByCode(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT id FROM facilities WHERE code = ? AND level = 'point'", rs -> rs.getLong("id"), code);
    }

    static Optional<Errands.StaffCard> staff(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id, grid_id, role, name, phone, user_id FROM staff WHERE id = ?", STAFF, id);
    }

    static List<Errands.StaffCard> staffOfUser(Connection c, long userId) throws SQLException {
        return Sql.query(c, "SELECT id, grid_id, role, name, phone, user_id FROM staff WHERE user_id = ? ORDER BY id",
                STAFF, userId);
    }

    static Optional<Long> userId(Connection c, String username) throws SQLException {
        return Sql.one(c, "SELECT id FROM users WHERE username = ? AND NOT disabled", rs -> rs.getLong("id"), username);
    }

    static Optional<String> username(Connection c, long userId) throws SQLException {
        return Sql.one(c, "SELECT username FROM users WHERE id = ?", rs -> rs.getString("username"), userId);
    }

    /** Does this account belong to the grid leader of that grid? (A grid leader supervises the grid's errands.) */
    static boolean leadsGrid(Connection c, long userId, long gridId) throws SQLException {
        return Sql.one(c, "SELECT 1 AS yes FROM staff WHERE user_id = ? AND grid_id = ? AND role = 'grid_leader'",
                rs -> true, userId, gridId).isPresent();
    }

    // ---- errands

    static long insertErrand(Connection c, Errands.NewErrand n, String number, long gridId, Long facilityId, Instant at,
                             Long filedBy, Long holderStaffId, Instant stageDue, Instant resultDue) throws SQLException {
        return Sql.one(c, """
                INSERT INTO errands (number, item_code, grid_id, facility_id, channel, resident_name, resident_phone,
                    household_id, note, urgent, urgent_reason, filed_at, filed_by, holder_user_id, holder_staff_id,
                    stage_since, stage_due_at, result_due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                rs -> rs.getLong("id"), number, n.itemCode(), gridId, facilityId, n.channel(), n.resident().name(),
                n.resident().phone(), n.resident().householdId(), n.resident().note(), n.urgent(), n.urgentReason(), at,
                filedBy, filedBy, holderStaffId, at, stageDue, resultDue).orElseThrow();
    }

    static String numberOf(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT number FROM errands WHERE id = ?", rs -> rs.getString("number"), id).orElseThrow();
    }

    /** The case the errand was found as (a visit's finding), written in the filing transaction. */
    static void setCase(Connection c, long id, long caseId) throws SQLException {
        Sql.update(c, "UPDATE errands SET case_id = ? WHERE id = ?", caseId, id);
    }

    static Optional<Errands.Errand> errand(Connection c, String number, boolean lock) throws SQLException {
        return Sql.one(c, "SELECT " + ERRAND_COLUMNS + " WHERE e.number = ?" + (lock ? " FOR UPDATE OF e" : ""),
                ERRAND, number);
    }

    /**
     * The errand with this number, or when there is none a stand-in (the first errand ever filed), from one statement
     * with one plan either way: the lookup reads, maps and follows a whole errand whatever was asked, so an unknown
     * number takes as long as a known one. The caller tells them apart by the number.
     */
    static Optional<Errands.Errand> errandOrStandIn(Connection c, String number) throws SQLException {
        return Sql.one(c, "SELECT " + ERRAND_COLUMNS + """
                WHERE e.number = ? OR e.id = (SELECT min(id) FROM errands)
                ORDER BY e.number = ? DESC LIMIT 1""", ERRAND, number, number);
    }

    /** Errands this account holds, held, filed, is handed, or supervises (grid leader, a head's position); newest first. */
    static List<Errands.Errand> mine(Connection c, long userId, int limit) throws SQLException {
        return Sql.query(c, "SELECT " + ERRAND_COLUMNS + """
                WHERE e.holder_user_id = ? OR e.filed_by = ?
                   OR EXISTS (SELECT 1 FROM errand_handoffs h WHERE h.errand_id = e.id
                              AND (h.from_user_id = ? OR h.to_user_id = ? OR h.confirmed_by = ?))
                   OR EXISTS (SELECT 1 FROM staff s WHERE s.user_id = ? AND s.grid_id = e.grid_id AND s.role = 'grid_leader')
                   OR""" + " " + PositionSql.SUPERVISED_BY + "\n" + """
                ORDER BY e.filed_at DESC, e.id DESC LIMIT ?""", ERRAND, userId, userId, userId, userId, userId, userId,
                userId, limit);
    }

    /** Did this account ever hold, send, receive or confirm the errand? */
    static boolean involved(Connection c, long errandId, long userId) throws SQLException {
        return Sql.one(c, """
                SELECT 1 AS yes FROM errands e WHERE e.id = ? AND (e.holder_user_id = ? OR e.filed_by = ?
                   OR EXISTS (SELECT 1 FROM errand_handoffs h WHERE h.errand_id = e.id
                              AND (h.from_user_id = ? OR h.to_user_id = ? OR h.confirmed_by = ?)))""",
                rs -> true, errandId, userId, userId, userId, userId, userId).isPresent();
    }

    static void move(Connection c, long errandId, String stage, Long holderUser, Long holderStaff, Instant since,
                     Instant stageDue) throws SQLException {
        Sql.update(c, "UPDATE errands SET stage = ?, holder_user_id = ?, holder_staff_id = ?, stage_since = ?, "
                + "stage_due_at = ? WHERE id = ?", stage, holderUser, holderStaff, since, stageDue, errandId);
    }

    static void close(Connection c, long errandId, int rating, String comment, Instant at) throws SQLException {
        Sql.update(c, "UPDATE errands SET stage = 'closed', rating = ?, rating_comment = ?, closed_at = ?, "
                + "stage_since = ?, stage_due_at = NULL WHERE id = ?", rating, comment, at, at, errandId);
    }

    // ---- hand-offs

    static List<Errands.Handoff> handoffs(Connection c, long errandId) throws SQLException {
        return Sql.query(c, "SELECT * FROM errand_handoffs WHERE errand_id = ? ORDER BY sent_at, id", HANDOFF, errandId);
    }

    static Optional<Errands.Handoff> handoff(Connection c, long errandId, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM errand_handoffs WHERE errand_id = ? AND id = ?", HANDOFF, errandId, id);
    }

    static long insertHandoff(Connection c, long errandId, String fromStage, String toStage, Long fromUser, long toUser,
                              Long toStaff, Instant sentAt, Instant dueAt, Instant receiverDue, String skipReason)
            throws SQLException {
        return Sql.one(c, """
                INSERT INTO errand_handoffs (errand_id, from_stage, to_stage, from_user_id, to_user_id, to_staff_id,
                    sent_at, due_at, receiver_due_at, skip_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong("id"), errandId, fromStage,
                toStage, fromUser, toUser, toStaff, sentAt, dueAt, receiverDue, skipReason).orElseThrow();
    }

    /** 1 when this call confirmed it, 0 when someone else already had: the row lock makes one of two win. */
    static int confirm(Connection c, long handoffId, long byUser, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE errand_handoffs SET confirmed_at = ?, confirmed_by = ? "
                + "WHERE id = ? AND confirmed_at IS NULL", at, byUser, handoffId);
    }

    // ---- history and reads

    static void appendHistory(Connection c, long errandId, Instant at, Long actor, String event, String detailJson)
            throws SQLException {
        Sql.update(c, "INSERT INTO errand_history (errand_id, at, actor_user_id, event, detail, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, '', '')", errandId, at, actor, event, detailJson);
    }

    /** The chain with each entry's hash recomputed from its stored content. */
    static List<Errands.HistoryEntry> history(Connection c, long errandId) throws SQLException {
        return Sql.query(c, """
                SELECT id, seq, at, actor_user_id, event, detail::text AS detail, prev_hash, hash,
                       errand_history_digest(prev_hash, errand_id, seq, at, actor_user_id, event, detail) AS recomputed
                FROM errand_history WHERE errand_id = ? ORDER BY seq, id""", HISTORY, errandId);
    }

    static void logPersonalRead(Connection c, long userId, long errandId, Instant at, String purpose) throws SQLException {
        Sql.update(c, "INSERT INTO personal_data_reads (user_id, errand_id, read_at, purpose) VALUES (?, ?, ?, ?)",
                userId, errandId, at, purpose);
    }

    // ---- Open311

    /** Errands for the public list, newest first, filtered; no personal column is selected. */
    static List<Errands.PublicRequest> publicRequests(Connection c, List<String> numbers, String serviceCode,
                                                     Instant start, Instant end, Boolean closed, int limit)
            throws SQLException {
        return Sql.query(c, """
                SELECT e.number, e.item_code, i.name AS item_name, d.name AS department_name, e.stage, e.filed_at,
                       e.result_due_at, f.code AS facility_code, f.name AS facility_name,
                       ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
                       (SELECT max(h.at) FROM errand_history h WHERE h.errand_id = e.id) AS updated_at
                FROM errands e JOIN errand_items i ON i.code = e.item_code
                JOIN errand_departments d ON d.code = i.department_code
                LEFT JOIN facilities f ON f.id = e.facility_id
                WHERE (cardinality(?::text[]) = 0 OR e.number = ANY (?::text[]))
                  AND (?::text IS NULL OR e.item_code = ?::text)
                  AND (?::timestamptz IS NULL OR e.filed_at >= ?::timestamptz)
                  AND (?::timestamptz IS NULL OR e.filed_at <= ?::timestamptz)
                  AND (?::boolean IS NULL OR (e.stage IN ('returned', 'closed')) = ?::boolean)
                ORDER BY e.filed_at DESC, e.id DESC LIMIT ?""",
                rs -> new Errands.PublicRequest(rs.getString("number"), rs.getString("item_code"),
                        rs.getString("item_name"), rs.getString("department_name"), rs.getString("stage"),
                        instant(rs, "filed_at"), instant(rs, "updated_at"), instant(rs, "result_due_at"),
                        rs.getString("facility_code"), rs.getString("facility_name"),
                        rs.getObject("lon") == null ? null : rs.getDouble("lon"),
                        rs.getObject("lat") == null ? null : rs.getDouble("lat")),
                numbers.toArray(String[]::new), numbers.toArray(String[]::new), serviceCode, serviceCode, start, start,
                end, end, closed, closed, limit);
    }
}
