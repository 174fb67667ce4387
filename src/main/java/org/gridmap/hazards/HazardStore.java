package org.gridmap.hazards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmap.accounts.User;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/** Every SQL statement about hazards, their history and inspections. Methods take the caller's connection. */
final class HazardStore {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The stored state of a hazard, as read for a change. */
    record Row(long id, String code, String name, String type, double radius, String status, boolean blocksRoads,
               String grade, String description, int version, Envelope bounds) { }

    /** A town the hazard lies in, for its code. */
    record Town(long id, String code, String name) { }

    private static final String HAZARD_JSON_COLUMNS = """
            h.id, h.code, h.name, h.type, h.radius_m, h.status, h.blocks_roads, h.grade, h.description,
            ST_AsGeoJSON(h.geom, 7), h.version, h.created_at, h.updated_at,
            (SELECT jsonb_build_object('code', t.code, 'name', t.name) FROM towns t
              WHERE ST_Intersects(t.geom, h.geom) ORDER BY t.id LIMIT 1),
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', g.id, 'code', g.code, 'name', g.name,
                    'village', jsonb_build_object('id', v.id, 'code', v.code, 'name', v.name),
                    'monitors', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'phone', s.phone)
                                                 ORDER BY s.id), '[]'::jsonb)
                                 FROM staff s WHERE s.grid_id = g.id AND s.role = 'hazard_monitor'),
                    'leader', (SELECT jsonb_build_object('id', s.id, 'name', s.name, 'phone', s.phone)
                               FROM staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader' ORDER BY s.id LIMIT 1))
                    ORDER BY g.code), '[]'::jsonb)
               FROM grids g JOIN villages v ON v.id = g.village_id WHERE ST_Intersects(g.geom, h.geom)),
            (SELECT count(*) FROM hazard_road_closures c WHERE c.hazard_id = h.id),
            (SELECT jsonb_build_object('by', hv.username, 'at', hv.changed_at, 'action', hv.action, 'version', hv.version)
               FROM hazard_versions hv WHERE hv.hazard_id = h.id ORDER BY hv.version DESC LIMIT 1)""";

    private HazardStore() { }

    /** "12" or "HZ500107109000001" → the hazard's id, if it exists. */
    static Optional<Long> resolve(Connection c, String ref) throws SQLException {
        if (ref == null || ref.isBlank()) return Optional.empty();
        String sql = ref.chars().allMatch(Character::isDigit) && ref.length() < 15
                ? "SELECT id FROM hazards WHERE id = ?::bigint" : "SELECT id FROM hazards WHERE code = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ref.trim());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    static Optional<Row> lockRow(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, code, name, type, radius_m, status, blocks_roads, grade, description, version,
                       ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)
                FROM hazards WHERE id = ? FOR UPDATE""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getInt(10),
                        new Envelope(rs.getDouble(11), rs.getDouble(13), rs.getDouble(12), rs.getDouble(14))));
            }
        }
    }

    /** The town that holds the whole geometry (a point inside it, a polygon within it), if any. */
    static Optional<Town> townHolding(Connection c, Geometry g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.id, t.code, t.name FROM towns t, (SELECT ST_GeomFromWKB(?, 4326) AS g) x
                WHERE t.geom && x.g AND CASE WHEN GeometryType(x.g) = 'POINT' THEN ST_Covers(t.geom, x.g)
                                             ELSE gridmap_covered(x.g, t.geom) END
                ORDER BY t.id LIMIT 1""")) {
            ps.setBytes(1, wkb(g));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Town(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /** The next free code HZ + town code + a two-digit (or longer) sequence; serialised per database. */
    static String nextCode(Connection c, Town town) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('gridmap.hazard_code'))")) {
            lock.execute();
        }
        String prefix = "HZ" + town.code();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(max(substr(code, ? + 1)::bigint), 0) FROM hazards
                WHERE left(code, ?) = ? AND substr(code, ? + 1) ~ '^[0-9]{1,15}$'""")) {
            ps.setInt(1, prefix.length());
            ps.setInt(2, prefix.length());
            ps.setString(3, prefix);
            ps.setInt(4, prefix.length());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return prefix + String.format("%02d", rs.getLong(1) + 1);
            }
        }
    }

    /** Names the person (and the kind of change) for the history trigger, for this transaction only. */
    static void actAs(Connection c, User user, String action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT set_config('gridmap.user_id', ?, true), set_config('gridmap.username', ?, true),
                       set_config('gridmap.action', ?, true)""")) {
            ps.setString(1, Long.toString(user.id()));
            ps.setString(2, user.username());
            ps.setString(3, action);
            ps.execute();
        }
    }

    static long insert(Connection c, String code, HazardInput in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO hazards (code, name, type, radius_m, status, blocks_roads, grade, description, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id""")) {
            ps.setString(1, code);
            ps.setString(2, in.name);
            ps.setString(3, in.type);
            ps.setDouble(4, in.radius);
            ps.setString(5, in.status == null ? "reported" : in.status);
            ps.setBoolean(6, in.blocksRoads != null && in.blocksRoads);
            ps.setString(7, in.grade);
            ps.setString(8, in.description);
            ps.setBytes(9, wkb(in.geometry));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Writes the fields the input names; the database bumps the version and records the history. */
    static void update(Connection c, long id, HazardInput in) throws SQLException {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (in.has("name")) { sets.add("name = ?"); values.add(in.name); }
        if (in.has("type")) { sets.add("type = ?"); values.add(in.type); }
        if (in.has("radius_m")) { sets.add("radius_m = ?"); values.add(in.radius); }
        if (in.has("description")) { sets.add("description = ?"); values.add(new NullText(in.description)); }
        if (in.has("grade")) { sets.add("grade = ?"); values.add(new NullText(in.grade)); }
        if (in.has("status")) { sets.add("status = ?"); values.add(in.status); }
        if (in.has("blocks_roads")) { sets.add("blocks_roads = ?"); values.add(in.blocksRoads); }
        if (in.has("geometry")) { sets.add("geom = ST_GeomFromWKB(?, 4326)"); values.add(wkb(in.geometry)); }
        if (sets.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE hazards SET " + String.join(", ", sets) + " WHERE id = ?")) {
            int i = 1;
            for (Object v : values) {
                if (v instanceof NullText t) {
                    if (t.value() == null) ps.setNull(i++, Types.VARCHAR);
                    else ps.setString(i++, t.value());
                } else {
                    ps.setObject(i++, v);
                }
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    private record NullText(String value) { }

    /** The hazard as clients see it, with its town, the grids it lies in and their monitors. */
    static Optional<Map<String, Object>> json(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HAZARD_JSON_COLUMNS + " FROM hazards h WHERE h.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(hazardJson(rs, false)) : Optional.empty();
            }
        }
    }

    /** Filters of the hazard list. */
    record Filter(List<String> statuses, List<String> types, List<String> grades, String grid, String village,
                  Boolean blocksRoads, Long servedByUser, boolean zones, int limit, int offset) { }

    /** Hazards matching the filter, ordered by code, with the total before paging. */
    static Map<String, Object> list(Connection c, Filter f) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!f.statuses().isEmpty()) { where.add("h.status = ANY (?)"); args.add(f.statuses()); }
        if (!f.types().isEmpty()) { where.add("h.type = ANY (?)"); args.add(f.types()); }
        if (!f.grades().isEmpty()) { where.add("h.grade = ANY (?)"); args.add(f.grades()); }
        if (f.blocksRoads() != null) { where.add("h.blocks_roads = ?"); args.add(f.blocksRoads()); }
        if (f.grid() != null) {
            where.add("EXISTS (SELECT 1 FROM grids g WHERE (g.code = ? OR g.id::text = ?) AND ST_Intersects(g.geom, h.geom))");
            args.add(f.grid());
            args.add(f.grid());
        }
        if (f.village() != null) {
            where.add("EXISTS (SELECT 1 FROM villages v WHERE (v.code = ? OR v.id::text = ?) AND ST_Intersects(v.geom, h.geom))");
            args.add(f.village());
            args.add(f.village());
        }
        String myGrids = "";
        List<Object> selectArgs = new ArrayList<>();
        if (f.servedByUser() != null) {
            // the grids the user serves in whose area the hazard's threat zone reaches
            where.add("EXISTS (SELECT 1 FROM staff s JOIN grids g ON g.id = s.grid_id WHERE s.user_id = ? "
                    + "AND gridmap_hazard_reaches(h.geom, h.radius_m, g.geom))");
            args.add(f.servedByUser());
            myGrids = ", (SELECT jsonb_agg(DISTINCT g.code) FROM staff s JOIN grids g ON g.id = s.grid_id "
                    + "WHERE s.user_id = ? AND gridmap_hazard_reaches(h.geom, h.radius_m, g.geom))";
            selectArgs.add(f.servedByUser());
        }
        String zone = f.zones() ? ", ST_AsGeoJSON(gridmap_hazard_zone(h.geom, h.radius_m), 7)" : "";
        String cond = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM hazards h" + cond)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HAZARD_JSON_COLUMNS + zone + myGrids
                + " FROM hazards h" + cond + " ORDER BY h.code LIMIT ? OFFSET ?")) {
            List<Object> all = new ArrayList<>(selectArgs);
            all.addAll(args);
            int i = bind(c, ps, all);
            ps.setInt(i++, f.limit());
            ps.setInt(i, f.offset());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> h = hazardJson(rs, f.zones());
                    if (f.servedByUser() != null) h.put("myGrids", readJson(rs.getString(f.zones() ? 19 : 18)));
                    items.add(h);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("numberMatched", total);
        out.put("numberReturned", items.size());
        out.put("hazards", items);
        return out;
    }

    private static int bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            if (a instanceof List<?> l) ps.setArray(i++, c.createArrayOf("text", l.toArray()));
            else ps.setObject(i++, a);
        }
        return i;
    }

    private static Map<String, Object> hazardJson(ResultSet rs, boolean withZone) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getLong(1));
        m.put("code", rs.getString(2));
        m.put("name", rs.getString(3));
        String type = rs.getString(4), status = rs.getString(6), grade = rs.getString(8);
        m.put("type", type);
        m.put("typeName", HazardVocabulary.term(HazardVocabulary.TYPES, type).get("name"));
        m.put("radius_m", rs.getDouble(5));
        m.put("status", status);
        m.put("statusName", HazardVocabulary.term(HazardVocabulary.STATUSES, status).get("name"));
        m.put("open", HazardVocabulary.isOpen(status));
        m.put("allowedNextStatuses", HazardVocabulary.nextStatuses(status));
        m.put("blocks_roads", rs.getBoolean(7));
        m.put("closesRoads", rs.getBoolean(7) && HazardVocabulary.isOpen(status));
        m.put("closedRoads", rs.getLong(16));
        m.put("grade", grade);
        m.put("gradeName", grade == null ? null : HazardVocabulary.term(HazardVocabulary.GRADES, grade).get("name"));
        m.put("description", rs.getString(9));
        m.put("geometry", readJson(rs.getString(10)));
        m.put("version", rs.getInt(11));
        m.put("created_at", iso(rs, 12));
        m.put("updated_at", iso(rs, 13));
        m.put("town", readJson(rs.getString(14)));
        m.put("grids", readJson(rs.getString(15)));
        m.put("lastChange", readJson(rs.getString(17)));
        if (withZone) m.put("zone", readJson(rs.getString(18)));
        return m;
    }

    static List<Map<String, Object>> history(Connection c, long id) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT version, action, user_id, username, changed_at, before, after FROM hazard_versions
                WHERE hazard_id = ? ORDER BY version DESC""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("version", rs.getInt(1));
                    m.put("action", rs.getString(2));
                    long uid = rs.getLong(3);
                    m.put("userId", rs.wasNull() ? null : uid);
                    m.put("by", rs.getString(4));
                    m.put("at", iso(rs, 5));
                    JsonNode before = readJson(rs.getString(6)), after = readJson(rs.getString(7));
                    m.put("changed", changedFields(before, after));
                    m.put("before", before);
                    m.put("after", after);
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static List<String> changedFields(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        if (after == null) return out;
        for (var it = after.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("version")) continue;
            if (before == null || !after.get(f).equals(before.get(f))) out.add(f);
        }
        return out;
    }

    static long insertInspection(Connection c, long hazardId, User user, OffsetDateTime when, String observation,
                                 String statusBefore, String statusAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO hazard_inspections (hazard_id, inspected_at, user_id, username, observation, status_before, status_after)
                VALUES (?, coalesce(?, now()), ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setLong(1, hazardId);
            ps.setTimestamp(2, when == null ? null : Timestamp.from(when.toInstant()));
            ps.setLong(3, user.id());
            ps.setString(4, user.username());
            ps.setString(5, observation);
            ps.setString(6, statusBefore);
            ps.setString(7, statusAfter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<Map<String, Object>> inspections(Connection c, long hazardId, Long onlyId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, inspected_at, recorded_at, user_id, username, observation, status_before, status_after
                FROM hazard_inspections WHERE hazard_id = ? AND (?::bigint IS NULL OR id = ?::bigint)
                ORDER BY inspected_at DESC, id DESC""")) {
            ps.setLong(1, hazardId);
            ps.setObject(2, onlyId);
            ps.setObject(3, onlyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("inspectedAt", iso(rs, 2));
                    m.put("recordedAt", iso(rs, 3));
                    long uid = rs.getLong(4);
                    m.put("userId", rs.wasNull() ? null : uid);
                    m.put("by", rs.getString(5));
                    m.put("observation", rs.getString(6));
                    m.put("statusBefore", rs.getString(7));
                    m.put("statusAfter", rs.getString(8));
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Roads the hazard closes now (open, blocking), by id. */
    static List<Long> closedRoadsOf(Connection c, long hazardId) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT road_id FROM hazard_road_closures WHERE hazard_id = ? ORDER BY road_id")) {
            ps.setLong(1, hazardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static byte[] wkb(Geometry g) { return new WKBWriter(2).write(g); }

    static JsonNode readJson(String s) {
        if (s == null) return null;
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable JSON from the database", e);
        }
    }

    static String iso(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toString();
    }
}
