package org.gridmap.staff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.gridmap.db.Sql;
import org.gridmap.hazards.HazardVocabulary;

/** Every SQL statement about grid staff and the villager's "where am I, whom do I call" answer, with its row mappers. */
final class StaffSql {
    private StaffSql() { }

    record Grid(long id, String code, String name) { }

    /** A staff entry as stored. */
    record Entry(long id, long gridId, String role, String name, String phone, String duties, Long userId) { }

    /** A staff card as a grid shows it: the entry and its account's name. */
    record Card(long id, String role, String name, String phone, String duties, Long userId, String username) { }

    /** A place with its code and name, and its kind (grids and villages have one; towns do not). */
    record Place(long id, String code, String name, String kind) { }

    /** Where a location lies: its grid, village and town. */
    record Where(Place grid, Place village, Place town) { }

    record Facility(long id, String code, String name, String level, double lon, double lat, double distanceMeters) { }

    record Hazard(long id, String code, String name, String type, String status, String grade, double radiusM,
                  boolean blocksRoads, double distanceMeters) { }

    private static final Sql.Row<Grid> GRID = rs -> new Grid(rs.getLong("id"), rs.getString("code"), rs.getString("name"));

    private static final Sql.Row<Entry> ENTRY = rs -> new Entry(rs.getLong("id"), rs.getLong("grid_id"), rs.getString("role"),
            rs.getString("name"), rs.getString("phone"), rs.getString("duties"), nullableLong(rs, "user_id"));

    private static final Sql.Row<Card> CARD = rs -> new Card(rs.getLong("id"), rs.getString("role"), rs.getString("name"),
            rs.getString("phone"), rs.getString("duties"), nullableLong(rs, "user_id"), rs.getString("username"));

    private static final Sql.Row<Where> WHERE = rs -> new Where(
            new Place(rs.getLong("grid_id"), rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("grid_kind")),
            new Place(rs.getLong("village_id"), rs.getString("village_code"), rs.getString("village_name"), rs.getString("village_kind")),
            new Place(rs.getLong("town_id"), rs.getString("town_code"), rs.getString("town_name"), null));

    private static final Sql.Row<Facility> FACILITY = rs -> new Facility(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), rs.getString("level"), rs.getDouble("lon"), rs.getDouble("lat"), rs.getDouble("distance_m"));

    private static final Sql.Row<Hazard> HAZARD = rs -> new Hazard(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
            rs.getString("type"), rs.getString("status"), rs.getString("grade"), rs.getDouble("radius_m"),
            rs.getBoolean("blocks_roads"), rs.getDouble("distance_m"));

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** "12" or a 15-digit grid code → the grid. */
    static Optional<Grid> grid(Connection c, String ref) throws SQLException {
        if (ref == null || ref.isBlank()) return Optional.empty();
        String r = ref.trim();
        if (r.length() == 15) return Sql.one(c, "SELECT id, code, name FROM grids WHERE code = ?", GRID, r);
        if (r.length() < 15 && r.chars().allMatch(Character::isDigit)) {
            return Sql.one(c, "SELECT id, code, name FROM grids WHERE id = ?", GRID, Long.parseLong(r));
        }
        return Optional.empty();
    }

    static Optional<Entry> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id, grid_id, role, name, phone, duties, user_id FROM staff WHERE id = ?", ENTRY, id);
    }

    /** The person holding a role in a grid, if any (for the message of a 409). */
    static Optional<Entry> holder(Connection c, long gridId, String role) throws SQLException {
        return Sql.one(c, "SELECT id, grid_id, role, name, phone, duties, user_id FROM staff WHERE grid_id = ? AND role = ? "
                + "ORDER BY id LIMIT 1", ENTRY, gridId, role);
    }

    static Optional<Long> userId(Connection c, String username) throws SQLException {
        return Sql.one(c, "SELECT id FROM users WHERE lower(username) = lower(?)", rs -> rs.getLong("id"), username);
    }

    static boolean userExists(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id FROM users WHERE id = ?", rs -> rs.getLong("id"), id).isPresent();
    }

    static long insert(Connection c, Entry e) throws SQLException {
        return Sql.one(c, "INSERT INTO staff (grid_id, role, name, phone, duties, user_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong("id"), e.gridId(), e.role(), e.name(), e.phone(), e.duties(), e.userId()).orElseThrow();
    }

    static void update(Connection c, Entry e) throws SQLException {
        Sql.update(c, "UPDATE staff SET grid_id = ?, role = ?, name = ?, phone = ?, duties = ?, user_id = ? WHERE id = ?",
                e.gridId(), e.role(), e.name(), e.phone(), e.duties(), e.userId(), e.id());
    }

    static boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM staff WHERE id = ?", id) > 0;
    }

    /** The cards of one grid, standing roles first (in the order {@link StaffRoles#ALL} gives), then by id. */
    static List<Card> cards(Connection c, long gridId) throws SQLException {
        return Sql.query(c, """
                SELECT s.id, s.role, s.name, s.phone, s.duties, s.user_id, u.username FROM staff s
                LEFT JOIN users u ON u.id = s.user_id WHERE s.grid_id = ?
                ORDER BY array_position(?::text[], s.role), s.id""", CARD, gridId, StaffRoles.all());
    }

    static Optional<Where> where(Connection c, double lon, double lat) throws SQLException {
        return Sql.one(c, """
                SELECT g.id AS grid_id, g.code AS grid_code, g.name AS grid_name, g.kind AS grid_kind,
                       v.id AS village_id, v.code AS village_code, v.name AS village_name, v.kind AS village_kind,
                       t.id AS town_id, t.code AS town_code, t.name AS town_name
                FROM grids g JOIN villages v ON v.id = g.village_id JOIN towns t ON t.id = v.town_id
                WHERE ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY g.id LIMIT 1""", WHERE, lon, lat);
    }

    /** The grid's facilities, its village's station and its town's center, nearest first within each level. */
    static List<Facility> facilities(Connection c, double lon, double lat, Where w) throws SQLException {
        return Sql.query(c, """
                SELECT f.id, f.code, f.name, f.level, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
                       ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS distance_m
                FROM facilities f
                WHERE f.grid_id = ? OR (f.level = 'station' AND f.village_id = ?) OR (f.level = 'center' AND f.town_id = ?)
                ORDER BY array_position(ARRAY['grid','point','station','center'], f.level), distance_m, f.code""",
                FACILITY, lon, lat, w.grid().id(), w.village().id(), w.town().id());
    }

    /** The open hazards whose threat zone reaches the location, nearest first. */
    static List<Hazard> hazardsReaching(Connection c, double lon, double lat) throws SQLException {
        return Sql.query(c, """
                SELECT h.id, h.code, h.name, h.type, h.status, h.grade, h.radius_m, h.blocks_roads,
                       ST_Distance(h.geom::geography, p.g::geography) AS distance_m
                FROM hazards h, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g) p
                WHERE h.status = ANY(?::text[]) AND gridmap_hazard_reaches(h.geom, h.radius_m, p.g)
                ORDER BY distance_m, h.code""", HAZARD, lon, lat, HazardVocabulary.OPEN.toArray(String[]::new));
    }

    static boolean insideATown(Connection c, double lon, double lat) throws SQLException {
        return Sql.one(c, "SELECT 1 AS hit FROM towns WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) LIMIT 1",
                rs -> rs.getInt("hit"), lon, lat).isPresent();
    }

}
