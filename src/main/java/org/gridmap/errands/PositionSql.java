package org.gridmap.errands;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.gridmap.db.Sql;

/**
 * The SQL of staff positions and of supervision: who supervises an errand, at which level. Positions reach
 * their account, grid, village and town through the view {@code errand_position_scopes} (migration V15), so
 * every kind is asked the same way. Rows are mapped by column name.
 */
final class PositionSql {
    private PositionSql() { }

    private static final String COLUMNS = """
            SELECT p.id, p.kind, p.user_id, p.staff_id, sc.account_id, u.username, p.facility_id, f.code AS point_code,
                   p.grid_id, g.code AS grid_code, p.village_id, v.code AS village_code, p.town_id, t.code AS town_code,
                   p.window_code, p.head, p.title, p.name, p.phone
            FROM errand_positions p JOIN errand_position_scopes sc ON sc.id = p.id
            LEFT JOIN users u ON u.id = sc.account_id
            LEFT JOIN facilities f ON f.id = p.facility_id LEFT JOIN grids g ON g.id = p.grid_id
            LEFT JOIN villages v ON v.id = p.village_id LEFT JOIN towns t ON t.id = p.town_id
            """;

    static final Sql.Row<Positions.Position> POSITION = rs -> new Positions.Position(rs.getLong("id"),
            rs.getString("kind"), ErrandSql.nullableLong(rs, "user_id"), ErrandSql.nullableLong(rs, "staff_id"),
            ErrandSql.nullableLong(rs, "account_id"), rs.getString("username"), ErrandSql.nullableLong(rs, "facility_id"),
            rs.getString("point_code"), ErrandSql.nullableLong(rs, "grid_id"), rs.getString("grid_code"),
            ErrandSql.nullableLong(rs, "village_id"), rs.getString("village_code"), ErrandSql.nullableLong(rs, "town_id"),
            rs.getString("town_code"), rs.getString("window_code"), rs.getBoolean("head"), rs.getString("title"),
            rs.getString("name"), rs.getString("phone"));

    /**
     * The heads' positions that supervise errand {@code ?} (the errand's id) for account {@code ?}, by level: its grid's
     * hub (2), its village's station (3), the window of its item at its town's center (4). Used as a sub-select.
     */
    private static final String SUPERVISING_LEVELS = """
            SELECT CASE sc.kind WHEN 'grid' THEN 2 WHEN 'station' THEN 3 WHEN 'window' THEN 4 END AS level
            FROM errands se JOIN grids sg ON sg.id = se.grid_id JOIN villages sv ON sv.id = sg.village_id
            JOIN errand_items si ON si.code = se.item_code
            JOIN errand_position_scopes sc ON sc.head AND sc.account_id = ?
             AND ((sc.kind = 'grid' AND sc.grid_id = se.grid_id) OR (sc.kind = 'station' AND sc.village_id = sg.village_id)
                  OR (sc.kind = 'window' AND sc.town_id = sv.town_id AND sc.window_code = si.window_code))
            WHERE se.id = ?""";

    /**
     * For a list of errands aliased {@code e} joined with their item {@code i}: "account {@code ?} heads a position
     * above this errand". Binds one parameter, the account.
     */
    static final String SUPERVISED_BY = """
            EXISTS (SELECT 1 FROM errand_position_scopes sc JOIN grids sg ON sg.id = e.grid_id
                    JOIN villages sv ON sv.id = sg.village_id
                    WHERE sc.head AND sc.account_id = ?
                      AND ((sc.kind = 'grid' AND sc.grid_id = e.grid_id) OR (sc.kind = 'station' AND sc.village_id = sg.village_id)
                           OR (sc.kind = 'window' AND sc.town_id = sv.town_id AND sc.window_code = i.window_code)))""";

    /**
     * The highest level at which the account supervises the errand: 2 as the grid's leader (a staff entry) or its
     * hub's head, 3 as its station's head, 4 as its window's head at the center; 0 when it supervises it nowhere.
     */
    static int supervisionLevel(Connection c, long userId, long errandId) throws SQLException {
        return Sql.one(c, "SELECT coalesce(max(level), 0) AS level FROM (" + SUPERVISING_LEVELS + "\n" + """
                 UNION ALL SELECT 2 FROM errands le JOIN staff ls ON ls.grid_id = le.grid_id AND ls.role = 'grid_leader'
                 WHERE ls.user_id = ? AND le.id = ?) levels""", rs -> rs.getInt("level"), userId, errandId, userId, errandId)
                .orElse(0);
    }

    static List<Positions.Position> list(Connection c, Positions.Filter f) throws SQLException {
        return Sql.query(c, COLUMNS + """
                WHERE (?::text IS NULL OR p.kind = ?::text)
                  AND (?::text IS NULL OR sc.village_id = (SELECT id FROM villages WHERE code = ?::text))
                  AND (?::text IS NULL OR sc.town_id = (SELECT id FROM towns WHERE code = ?::text))
                  AND (?::text IS NULL OR lower(u.username) = lower(?::text))
                ORDER BY sc.town_id, array_position(?::text[], p.kind), sc.village_id, sc.grid_id, p.window_code,
                         p.head DESC, p.id""", POSITION, f.kind(), f.kind(), f.villageCode(), f.villageCode(),
                f.townCode(), f.townCode(), f.username(), f.username(), PositionKinds.KINDS.ids().toArray(String[]::new));
    }

    static Optional<Positions.Position> find(Connection c, long id) throws SQLException {
        return Sql.one(c, COLUMNS + " WHERE p.id = ?", POSITION, id);
    }

    /** The positions an account acts in (its own, or through its staff entry). */
    static List<Positions.Position> ofAccount(Connection c, long userId) throws SQLException {
        return Sql.query(c, COLUMNS + " WHERE sc.account_id = ? ORDER BY p.id", POSITION, userId);
    }

    static long insert(Connection c, String kind, Long userId, Long staffId, Long facilityId, Long gridId, Long villageId,
                       Long townId, String windowCode, boolean head, String title, String name, String phone)
            throws SQLException {
        return Sql.one(c, """
                INSERT INTO errand_positions (kind, user_id, staff_id, facility_id, grid_id, village_id, town_id,
                    window_code, head, title, name, phone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong("id"), kind, userId, staffId,
                facilityId, gridId, villageId, townId, windowCode, head, title, name, phone).orElseThrow();
    }

    static boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM errand_positions WHERE id = ?", id) == 1;
    }

    /** The head already in that place, if any: the unique indexes' question asked first, to name who holds it. */
    static Optional<Positions.Position> headAt(Connection c, String kind, Long gridId, Long villageId, Long townId,
                                               String windowCode) throws SQLException {
        return Sql.one(c, COLUMNS + """
                WHERE p.head AND p.kind = ? AND p.grid_id IS NOT DISTINCT FROM ? AND p.village_id IS NOT DISTINCT FROM ?
                  AND p.town_id IS NOT DISTINCT FROM ? AND p.window_code IS NOT DISTINCT FROM ?""", POSITION, kind,
                gridId, villageId, townId, windowCode);
    }

    // ---- places by code

    static Optional<Long> pointId(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT id FROM facilities WHERE code = ? AND level = 'point'", rs -> rs.getLong("id"), code);
    }

    static Optional<Long> villageId(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT id FROM villages WHERE code = ?", rs -> rs.getLong("id"), code);
    }

    static Optional<Long> townId(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT id FROM towns WHERE code = ?", rs -> rs.getLong("id"), code);
    }

    static boolean windowExists(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT 1 AS yes FROM errand_windows WHERE code = ? AND retired_at IS NULL", rs -> true, code)
                .isPresent();
    }

    /** An active account by name (names compare ignoring case). */
    static Optional<Long> accountId(Connection c, String username) throws SQLException {
        return Sql.one(c, "SELECT id FROM users WHERE lower(username) = lower(?) AND NOT disabled", rs -> rs.getLong("id"),
                username);
    }

    // ---- the demo town's desks: disabled accounts (nobody logs in as a desk), fake names, 100- numbers

    /** A disabled account per village station and per window of each town's center, unless it exists. */
    static final String DEMO_DESKS = """
            INSERT INTO users (username, password_hash, role, disabled)
            SELECT 'desk-' || v.code || '-st', '!', 'staff', true FROM villages v
            UNION ALL
            SELECT 'desk-' || t.code || '-w-' || w.code, '!', 'staff', true FROM towns t CROSS JOIN errand_windows w
            WHERE w.retired_at IS NULL
            ON CONFLICT DO NOTHING""";

    /** The head of every village station and of every window of each center, at places that have none yet. */
    static final String DEMO_HEADS = """
            WITH desk AS (
                SELECT 'station' AS kind, v.id AS village_id, NULL::bigint AS town_id, NULL::text AS window_code,
                       'desk-' || v.code || '-st' AS username, '站长' AS title, v.code AS sort_key
                FROM villages v
                UNION ALL
                SELECT 'window', NULL, t.id, w.code, 'desk-' || t.code || '-w-' || w.code, w.name || '窗口负责人',
                       t.code || lpad(w.position::text, 3, '0')
                FROM towns t CROSS JOIN errand_windows w WHERE w.retired_at IS NULL
            ), numbered AS (
                SELECT d.*, row_number() OVER (ORDER BY d.kind, d.sort_key) AS n FROM desk d
            )
            INSERT INTO errand_positions (kind, user_id, village_id, town_id, window_code, head, title, name, phone)
            SELECT n.kind, u.id, n.village_id, n.town_id, n.window_code, true, n.title,
                   (ARRAY['陶','王','李','张','刘','陈','杨','赵','黄','周'])[n.n % 10 + 1]
                   || (ARRAY['明','芳','强','丽','军','静','伟','霞','勇','燕','华','平'])[(n.n / 10) % 12 + 1],
                   '100-' || lpad((3000 + n.n / 10000)::text, 4, '0') || '-' || lpad((n.n % 10000)::text, 4, '0')
            FROM numbered n JOIN users u ON u.username = n.username
            WHERE NOT EXISTS (SELECT 1 FROM errand_positions p WHERE p.head AND p.kind = n.kind
                              AND p.village_id IS NOT DISTINCT FROM n.village_id AND p.town_id IS NOT DISTINCT FROM n.town_id
                              AND p.window_code IS NOT DISTINCT FROM n.window_code)""";

    /** The village and town of a grid and the window of an item, for matching a hand-off's receiving position. */
    record ErrandPlace(long gridId, long villageId, long townId, String windowCode) { }

    static ErrandPlace placeOf(Connection c, long errandId) throws SQLException {
        return Sql.one(c, """
                SELECT e.grid_id, g.village_id, v.town_id, i.window_code FROM errands e JOIN grids g ON g.id = e.grid_id
                JOIN villages v ON v.id = g.village_id JOIN errand_items i ON i.code = e.item_code WHERE e.id = ?""",
                rs -> new ErrandPlace(rs.getLong("grid_id"), rs.getLong("village_id"), rs.getLong("town_id"),
                        rs.getString("window_code")), errandId).orElseThrow();
    }
}
