package org.gridmap.visits;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.SessionStore;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;

/** Every SQL statement of visits, with the row mappers that read their answers by column name. */
final class VisitSql {
    private VisitSql() { }

    static final Sql.Row<Visits.Household> HOUSEHOLD = rs -> new Visits.Household(rs.getLong("id"),
            rs.getObject("grid_id", Long.class), rs.getString("grid_code"));

    static final Sql.Row<Visits.Visit> VISIT = rs -> new Visits.Visit(rs.getLong("id"), rs.getLong("household_id"),
            rs.getString("grid_code"), rs.getObject("staff_id", Long.class), rs.getString("staff_name"),
            instant(rs, "visited_at"), rs.getString("outcome"), rs.getString("findings"), rs.getString("notes"),
            rs.getDouble("lon"), rs.getDouble("lat"), rs.getDouble("distance_m"), rs.getBoolean("far_from_household"));

    static final Sql.Row<Visits.GridCompletion> COMPLETION = rs -> new Visits.GridCompletion(rs.getLong("grid_id"),
            rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("village_code"), rs.getInt("visited"),
            rs.getInt("total"));

    static final Sql.Row<Visits.Visitor> VISITOR = rs -> new Visits.Visitor(rs.getLong("grid_id"),
            rs.getObject("staff_id", Long.class), rs.getString("name"), rs.getInt("households"));

    static final Sql.Row<Visits.Unvisited> UNVISITED = rs -> new Visits.Unvisited(rs.getLong("id"), rs.getInt("members"),
            rs.getDouble("lon"), rs.getDouble("lat"), rs.getInt("attempts"), instant(rs, "last_attempt"));

    static final Sql.Row<Visits.GridRef> GRID = rs -> new Visits.GridRef(rs.getLong("id"), rs.getString("code"));

    static Optional<Visits.Household> household(Connection c, long id) throws SQLException {
        return Sql.one(c, """
                SELECT h.id, h.grid_id, g.code AS grid_code FROM households h LEFT JOIN grids g ON g.id = h.grid_id
                WHERE h.id = ? FOR SHARE OF h""", HOUSEHOLD, id);
    }

    /** The staff entry of {@code user} in {@code grid}, if the account is linked to one there (the lowest id). */
    static Optional<Long> staffOf(Connection c, long user, long grid) throws SQLException {
        return Sql.one(c, "SELECT min(id) AS id FROM staff WHERE user_id = ? AND grid_id = ? HAVING count(*) > 0",
                rs -> rs.getLong("id"), user, grid);
    }

    /**
     * The station positions (V15, {@code errand_position_scopes}) that reach a grid: station staff see and visit every
     * grid of their village. The one other place that decides a reader's grids is {@code VisitTileSql.UNVISITED}.
     */
    static final String STATION_REACHES = "EXISTS (SELECT 1 FROM errand_position_scopes ps JOIN grids sg ON sg.village_id = ps.village_id "
            + "WHERE ps.kind = 'station' AND ps.account_id = ? AND sg.id = ?)";

    /** Is the account at the station of the grid's village? */
    static boolean atStationOf(Connection c, long user, long grid) throws SQLException {
        return Sql.one(c, "SELECT " + STATION_REACHES + " AS yes", rs -> rs.getBoolean("yes"), user, grid).orElse(false);
    }

    /** Records a visit; the distance to the household is measured on the ellipsoid (geography). */
    static Visits.Visit insert(Connection c, Visits.NewVisit v, Visits.Household h, long user, Long staff, Instant at)
            throws SQLException {
        return Sql.one(c, """
                WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geom),
                     d AS (SELECT ST_Distance(h.geom::geography, p.geom::geography) AS m FROM households h, p WHERE h.id = ?)
                INSERT INTO visits (household_id, user_id, staff_id, staff_name, grid_code, visited_at, outcome, findings,
                                    notes, position, distance_m, far_from_household)
                SELECT ?, ?, ?, (SELECT name FROM staff WHERE id = ?), ?, ?, ?, ?, ?, p.geom, d.m, d.m > ? FROM p, d
                RETURNING id, household_id, grid_code, staff_id, staff_name, visited_at, outcome, findings, notes,
                          ST_X(position) AS lon, ST_Y(position) AS lat, distance_m, far_from_household""", VISIT,
                v.lon(), v.lat(), h.id(), h.id(), user, staff, staff, h.gridCode(), at, v.outcome(), v.findings(),
                v.notes(), Visits.FAR_METRES).orElseThrow();
    }

    /**
     * Per grid (optionally of one village, or one grid): households of today in the grid, and those with a
     * counting visit in the month — by the household's current grid, whoever visited. Read from the counts the
     * database keeps (V19), so a city's month costs one row per grid, not a read of every household.
     */
    static List<Visits.GridCompletion> completion(Connection c, java.time.LocalDate month, String village, Long grid)
            throws SQLException {
        // grid codes are 15 digits (V1 checks it): byte order is their order, and sorting a city's 11,251 grids
        // by it skips the database locale's comparison (a quarter of the statement's time)
        return Sql.query(c, GRID_COMPLETION + """
                WHERE (?::text IS NULL OR v.code = ?) AND (?::bigint IS NULL OR g.id = ?)
                ORDER BY g.code COLLATE "C\"""", COMPLETION, month, village, village, grid, grid);
    }

    /** Each grid with its households of today and those visited in a month (a parameter), from the kept counts. */
    private static final String GRID_COMPLETION = """
            SELECT g.id AS grid_id, g.code AS grid_code, g.name AS grid_name, v.code AS village_code,
                   coalesce(t.households, 0) AS total, coalesce(m.visited, 0) AS visited
            FROM grids g JOIN villages v ON v.id = g.village_id
            LEFT JOIN grid_household_counts t ON t.grid_id = g.id
            LEFT JOIN visit_grid_months m ON m.grid_id = g.id AND m.month = ?
            """;

    static final Sql.Row<Visits.UnitCompletion> UNIT_COMPLETION = rs -> new Visits.UnitCompletion(rs.getString("unit"),
            rs.getLong("visited"), rs.getLong("total"));

    /** Completion summed per village (when {@code village} is null) or per grid of that village, from the counts (V19). */
    static List<Visits.UnitCompletion> completionByUnit(Connection c, java.time.LocalDate month, String village) throws SQLException {
        return Sql.query(c, """
                SELECT CASE WHEN ?::text IS NULL THEN v.code ELSE g.code END AS unit,
                       sum(coalesce(t.households, 0)) AS total, sum(coalesce(m.visited, 0)) AS visited
                FROM grids g JOIN villages v ON v.id = g.village_id
                LEFT JOIN grid_household_counts t ON t.grid_id = g.id
                LEFT JOIN visit_grid_months m ON m.grid_id = g.id AND m.month = ?
                WHERE ?::text IS NULL OR v.code = ?
                GROUP BY 1""", UNIT_COMPLETION, village, month, village, village);
    }

    /** The grids whose staff entries are linked to the account, with the month's completion (from the kept counts). */
    static List<Visits.GridCompletion> gridsOf(Connection c, long user, java.time.LocalDate month) throws SQLException {
        return Sql.query(c, GRID_COMPLETION + """
                WHERE g.id IN (SELECT s.grid_id FROM staff s WHERE s.user_id = ?)
                   OR g.village_id IN (SELECT ps.village_id FROM errand_position_scopes ps WHERE ps.kind = 'station' AND ps.account_id = ?)
                ORDER BY g.code""", COMPLETION, month, user, user);
    }

    /**
     * Who made the counting visits to each grid's households of today, by households visited: read from the counts
     * the database keeps per grid, month and visitor (V23), so a city's month costs one row per grid and visitor,
     * not a read of the month's visits.
     */
    static List<Visits.Visitor> visitors(Connection c, java.time.LocalDate month, String village, Long grid)
            throws SQLException {
        return Sql.query(c, """
                SELECT k.grid_id, k.staff_id, k.name, k.households
                FROM visit_grid_visitors k JOIN grids g ON g.id = k.grid_id JOIN villages v ON v.id = g.village_id
                WHERE k.month = ? AND k.households > 0
                  AND (?::text IS NULL OR v.code = ?) AND (?::bigint IS NULL OR g.id = ?)
                ORDER BY k.grid_id, k.households DESC, k.name""", VISITOR, month, village, village, grid, grid);
    }

    static Optional<Visits.GridRef> grid(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id, code FROM grids WHERE id = ?", GRID, id);
    }

    static Optional<Visits.GridRef> gridByCode(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT id, code FROM grids WHERE code = ?", GRID, code);
    }

    static boolean villageExists(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT 1 AS found FROM villages WHERE code = ?", rs -> true, code).isPresent();
    }

    static List<Visits.Unvisited> unvisited(Connection c, long grid, Instant from, Instant to, java.time.LocalDate month) throws SQLException {
        return Sql.query(c, """
                SELECT h.id, h.members, ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat,
                       count(x.id) AS attempts, max(x.visited_at) AS last_attempt
                FROM households h
                LEFT JOIN visits x ON x.household_id = h.id AND x.visited_at >= ? AND x.visited_at < ?
                WHERE h.grid_id = ?
                  AND NOT EXISTS (SELECT 1 FROM visit_household_months y WHERE y.household_id = h.id AND y.month = ?)
                GROUP BY h.id ORDER BY h.id""", UNVISITED, from, to, grid, month);
    }

    /** A rendered tile and whether the reader was allowed it (tiles that check their reader). */
    record TileAnswer(boolean allowed, byte[] tile) { }

    /**
     * The unvisited tile as its reader asked for it: the reader (none without a live session), allowed?, the
     * households it shows, the grid's change number (V30) and the tile (null when only checked again).
     */
    /**
     * A tile's check: the reader, whether they may see the grid, the households shown, the grid's number, the tile
     * (null when only checked); when the view's log row was read (null: none covers this read) and seconds left of the
     * session (0 without one).
     */
    record CheckedTile(Optional<User> reader, boolean allowed, int households, long revision, byte[] tile,
                       Instant loggedAt, double sessionLeft) { }

    static final Sql.Row<TileAnswer> TILE = rs -> new TileAnswer(true, rs.getBytes("tile"));
    static final Sql.Row<CheckedTile> CHECKED_TILE = rs -> new CheckedTile(
            rs.getObject("id") == null ? Optional.empty() : Optional.of(SessionStore.USER.map(rs)),
            rs.getLong("allowed") > 0, rs.getInt("households"), rs.getLong("revision"), rs.getBytes("tile"),
            instant(rs, "logged_at"), rs.getDouble("session_left"));

    static byte[] completionTile(Connection c, org.gridmap.layers.TileCoord t, java.time.LocalDate month) throws SQLException {
        return Sql.one(c, VisitTileSql.COMPLETION, TILE, t.z(), t.x(), t.y(), t.z(), t.x(), t.y(), t.z(), month)
                .orElseThrow().tile();
    }

    /** The grid's unvisited households in the tile, for the session of the token, checked and logged in the same statement. */
    static CheckedTile unvisitedTile(Connection c, org.gridmap.layers.TileCoord t, long grid, byte[] tokenHash, Visits.Month m,
                                     Instant at) throws SQLException {
        return Sql.one(c, VisitTileSql.UNVISITED, CHECKED_TILE, t.z(), t.x(), t.y(), t.z(), t.x(), t.y(), t.z(),
                tokenHash, grid, Role.ADMIN.id(), Role.STAFF.id(), m.from(), m.to(), m.first(), m.first(), at).orElseThrow();
    }

    /** A kept tile asked for again: the reader, the check and the grid's change number now; logged if still {@code revision}. */
    static CheckedTile unvisitedTileAgain(Connection c, long grid, byte[] tokenHash, Visits.Month m, Instant at,
                                          long revision, int households) throws SQLException {
        return Sql.one(c, VisitTileSql.UNVISITED_AGAIN, CHECKED_TILE, tokenHash, grid, Role.ADMIN.id(), Role.STAFF.id(),
                m.first(), at, households, revision).orElseThrow();
    }

    static byte[] unvisitedTileRaw(Connection c, org.gridmap.layers.TileCoord t, long grid, Visits.Month m) throws SQLException {
        return Sql.one(c, VisitTileSql.UNVISITED_RAW, TILE, t.z(), t.x(), t.y(), t.z(), t.x(), t.y(), t.z(),
                m.from(), m.to(), grid, m.first()).orElseThrow().tile();
    }

    static void logRead(Connection c, long user, String gridCode, Visits.Month m, int households, Instant at, String purpose)
            throws SQLException {
        Sql.update(c, "INSERT INTO visit_data_reads (user_id, grid_code, month, households, read_at, purpose) "
                + "VALUES (?, ?, ?, ?, ?, ?)", user, gridCode, java.sql.Date.valueOf(m.month().atDay(1)), households, at, purpose);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
