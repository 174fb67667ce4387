package org.gridmap.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Every SQL statement about grid staff and the villager's "where am I, whom do I call" answer. */
final class StaffStore {
    private final DataSource db;

    StaffStore(DataSource db) { this.db = db; }

    record Grid(long id, String code, String name) { }

    /** A staff entry as stored. */
    record Entry(long id, long gridId, String role, String name, String phone, String duties, Long userId) { }

    /** "12" or a 15-digit grid code → the grid. */
    Optional<Grid> grid(String ref) throws SQLException {
        if (ref == null || ref.isBlank()) return Optional.empty();
        String r = ref.trim();
        String sql = r.length() == 15 ? "SELECT id, code, name FROM grids WHERE code = ?"
                : r.chars().allMatch(Character::isDigit) && r.length() < 15 ? "SELECT id, code, name FROM grids WHERE id = ?::bigint"
                : null;
        if (sql == null) return Optional.empty();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Grid(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    Optional<Entry> find(long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, grid_id, role, name, phone, duties, user_id FROM staff WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long uid = rs.getLong(7);
                Long userId = rs.wasNull() ? null : uid;
                return Optional.of(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), userId));
            }
        }
    }

    /** The person holding a standing role in a grid, if any (for the message of a 409). */
    Optional<Entry> holder(long gridId, String role) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM staff WHERE grid_id = ? AND role = ? ORDER BY id LIMIT 1")) {
            ps.setLong(1, gridId);
            ps.setString(2, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? find(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    Optional<Long> userId(String username) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE lower(username) = lower(?)")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    boolean userExists(long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    long insert(Entry e) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO staff (grid_id, role, name, phone, duties, user_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, e.gridId());
            ps.setString(2, e.role());
            ps.setString(3, e.name());
            ps.setString(4, e.phone());
            ps.setString(5, e.duties());
            if (e.userId() == null) ps.setNull(6, Types.BIGINT);
            else ps.setLong(6, e.userId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void update(Entry e) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE staff SET grid_id = ?, role = ?, name = ?, phone = ?, duties = ?, user_id = ? WHERE id = ?")) {
            ps.setLong(1, e.gridId());
            ps.setString(2, e.role());
            ps.setString(3, e.name());
            ps.setString(4, e.phone());
            ps.setString(5, e.duties());
            if (e.userId() == null) ps.setNull(6, Types.BIGINT);
            else ps.setLong(6, e.userId());
            ps.setLong(7, e.id());
            ps.executeUpdate();
        }
    }

    boolean delete(long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM staff WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** The cards of one grid, standing roles first. */
    List<Map<String, Object>> cards(long gridId, boolean withAccounts) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT s.id, s.role, s.name, s.phone, s.duties, s.user_id, u.username FROM staff s
                LEFT JOIN users u ON u.id = s.user_id WHERE s.grid_id = ? ORDER BY """ + StaffRoles.CARD_ORDER)) {
            ps.setLong(1, gridId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long uid = rs.getLong(6);
                    Long userId = rs.wasNull() ? null : uid;
                    out.add(card(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            withAccounts, userId, rs.getString(7)));
                }
            }
        }
        return out;
    }

    static Map<String, Object> card(long id, String role, String name, String phone, String duties, boolean withAccount,
                                    Long userId, String username) {
        String[] names = StaffRoles.ROLES.getOrDefault(role, new String[] {role, role});
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("role", role);
        m.put("roleName", names[0]);
        m.put("roleNameEn", names[1]);
        m.put("standing", StaffRoles.STANDING.contains(role));
        m.put("name", name);
        m.put("phone", phone);
        m.put("duties", duties);
        if (withAccount) {
            m.put("userId", userId);
            m.put("username", username);
        }
        return m;
    }

    /** The villager's answer for a location: grid, village, town, staff cards, facilities, hazards threatening it. */
    Optional<Map<String, Object>> at(double lon, double lat, boolean withAccounts) throws SQLException {
        try (Connection c = db.getConnection()) {
            Map<String, Object> out = new LinkedHashMap<>();
            long gridId, villageId, townId;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT g.id, g.code, g.name, g.kind, v.id, v.code, v.name, v.kind, t.id, t.code, t.name
                    FROM grids g JOIN villages v ON v.id = g.village_id JOIN towns t ON t.id = v.town_id
                    WHERE ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY g.id LIMIT 1""")) {
                ps.setDouble(1, lon);
                ps.setDouble(2, lat);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    gridId = rs.getLong(1);
                    villageId = rs.getLong(5);
                    townId = rs.getLong(9);
                    out.put("location", List.of(lon, lat));
                    out.put("grid", Map.of("id", gridId, "code", rs.getString(2), "name", rs.getString(3), "kind", rs.getString(4)));
                    out.put("village", Map.of("id", villageId, "code", rs.getString(6), "name", rs.getString(7), "kind", rs.getString(8)));
                    out.put("town", Map.of("id", townId, "code", rs.getString(10), "name", rs.getString(11)));
                }
            }
            out.put("staff", cards(gridId, withAccounts));
            List<Map<String, Object>> facilities = new ArrayList<>();
            Map<String, Object> station = null, center = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.id, f.code, f.name, f.level, ST_X(f.geom), ST_Y(f.geom),
                           ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)
                    FROM facilities f
                    WHERE f.grid_id = ? OR (f.level = 'station' AND f.village_id = ?) OR (f.level = 'center' AND f.town_id = ?)
                    ORDER BY array_position(ARRAY['grid','point','station','center'], f.level), 7, f.code""")) {
                ps.setDouble(1, lon);
                ps.setDouble(2, lat);
                ps.setLong(3, gridId);
                ps.setLong(4, villageId);
                ps.setLong(5, townId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("id", rs.getLong(1));
                        f.put("code", rs.getString(2));
                        f.put("name", rs.getString(3));
                        f.put("level", rs.getString(4));
                        f.put("lon", rs.getDouble(5));
                        f.put("lat", rs.getDouble(6));
                        f.put("distanceMeters", Math.round(rs.getDouble(7)));
                        switch (rs.getString(4)) {
                            case "station" -> station = f;
                            case "center" -> center = f;
                            default -> facilities.add(f);
                        }
                    }
                }
            }
            out.put("facilities", facilities);
            out.put("station", station);
            out.put("center", center);
            List<Map<String, Object>> hazards = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT h.id, h.code, h.name, h.type, h.status, h.grade, h.radius_m, h.blocks_roads,
                           ST_Distance(h.geom::geography, p.g::geography)
                    FROM hazards h, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g) p
                    WHERE h.status IN ('reported', 'verified', 'monitoring')
                      AND gridmap_hazard_reaches(h.geom, h.radius_m, p.g)
                    ORDER BY 9, h.code""")) {
                ps.setDouble(1, lon);
                ps.setDouble(2, lat);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> h = new LinkedHashMap<>();
                        h.put("id", rs.getLong(1));
                        h.put("code", rs.getString(2));
                        h.put("name", rs.getString(3));
                        h.put("type", rs.getString(4));
                        h.put("status", rs.getString(5));
                        h.put("grade", rs.getString(6));
                        h.put("radius_m", rs.getDouble(7));
                        h.put("blocks_roads", rs.getBoolean(8));
                        h.put("distanceMeters", Math.round(rs.getDouble(9) * 10) / 10.0);
                        hazards.add(h);
                    }
                }
            }
            out.put("hazards", hazards);
            return Optional.of(out);
        }
    }

    boolean insideATown(double lon, double lat) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM towns WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
