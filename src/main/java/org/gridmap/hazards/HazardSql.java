package org.gridmap.hazards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Every SQL statement about hazards, their history and inspections (those of the threat analysis are in
 * {@link ThreatSql}), with their row mappers; columns are read by name. Methods take the caller's connection, so
 * {@link HazardService} decides the transaction.
 */
final class HazardSql {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The stored state of a hazard, as read for a change. */
    record Row(long id, String code, String name, String type, double radius, String status, boolean blocksRoads,
               String grade, String description, long version, Envelope bounds) { }

    /** A town the hazard lies in, for its code. */
    record Town(long id, String code, String name) { }

    /** A grid the user serves in, with the user's roles there. */
    record MyGrid(long id, String code, String name, List<String> roles) { }

    /** Filters of the hazard list. */
    record Filter(List<String> statuses, List<String> types, List<String> grades, String grid, String village,
                  Boolean blocksRoads, Long servedByUser, boolean zones, int limit, int offset) {
        Filter withStatuses(List<String> s) {
            return new Filter(s, types, grades, grid, village, blocksRoads, servedByUser, zones, limit, offset);
        }
    }

    /** The facts of a saved hazard that its impact needs. */
    record Zone(long id, Geometry geometry, double radius, String grade, String status, boolean blocksRoads) { }

    private static final String HAZARD_JSON_COLUMNS = """
            h.id, h.code, h.name, h.type, h.radius_m, h.status, h.blocks_roads, h.grade, h.description,
            ST_AsGeoJSON(h.geom, 7) AS geometry_json, h.version, h.created_at, h.updated_at, h.case_id,
            (SELECT jsonb_build_object('code', t.code, 'name', t.name) FROM towns t
              WHERE ST_Intersects(t.geom, h.geom) ORDER BY t.id LIMIT 1) AS town_json,
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', g.id, 'code', g.code, 'name', g.name,
                    'village', jsonb_build_object('id', v.id, 'code', v.code, 'name', v.name),
                    'monitors', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'phone', s.phone)
                                                 ORDER BY s.id), '[]'::jsonb)
                                 FROM staff s WHERE s.grid_id = g.id AND s.role = 'hazard_monitor'),
                    'leader', (SELECT jsonb_build_object('id', s.id, 'name', s.name, 'phone', s.phone)
                               FROM staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader' ORDER BY s.id LIMIT 1))
                    ORDER BY g.code), '[]'::jsonb)
               FROM grids g JOIN villages v ON v.id = g.village_id WHERE ST_Intersects(g.geom, h.geom)) AS grids_json,
            (SELECT count(*) FROM hazard_road_closures c WHERE c.hazard_id = h.id) AS closed_roads,
            (SELECT jsonb_build_object('by', hv.username, 'at', hv.changed_at, 'action', hv.action, 'version', hv.version)
               FROM hazard_versions hv WHERE hv.hazard_id = h.id ORDER BY hv.version DESC LIMIT 1) AS last_change_json""";

    private HazardSql() { }

    /** "12" or "HZ500107109000001" → the hazard's id, if it exists. */
    static Optional<Long> resolve(Connection c, String ref) throws SQLException {
        if (ref == null || ref.isBlank()) return Optional.empty();
        String sql = ref.chars().allMatch(Character::isDigit) && ref.length() < 15
                ? "SELECT id FROM hazards WHERE id = ?::bigint" : "SELECT id FROM hazards WHERE code = ?";
        return Sql.one(c, sql, rs -> rs.getLong("id"), ref.trim());
    }

    static Optional<Row> lockRow(Connection c, long id) throws SQLException {
        return Sql.one(c, """
                SELECT id, code, name, type, radius_m, status, blocks_roads, grade, description, version,
                       ST_XMin(geom) AS xmin, ST_YMin(geom) AS ymin, ST_XMax(geom) AS xmax, ST_YMax(geom) AS ymax
                FROM hazards WHERE id = ? FOR UPDATE""", rs -> new Row(rs.getLong("id"), rs.getString("code"),
                rs.getString("name"), rs.getString("type"), rs.getDouble("radius_m"), rs.getString("status"),
                rs.getBoolean("blocks_roads"), rs.getString("grade"), rs.getString("description"), rs.getLong("version"),
                new Envelope(rs.getDouble("xmin"), rs.getDouble("xmax"), rs.getDouble("ymin"), rs.getDouble("ymax"))), id);
    }

    static Optional<Zone> zone(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id, ST_AsBinary(geom) AS wkb, radius_m, grade, status, blocks_roads FROM hazards WHERE id = ?",
                rs -> new Zone(rs.getLong("id"), HazardGeometry.fromWkb(rs.getBytes("wkb")), rs.getDouble("radius_m"),
                        rs.getString("grade"), rs.getString("status"), rs.getBoolean("blocks_roads")), id);
    }

    /** The town that holds the whole geometry (a point inside it, a polygon within it), if any. */
    static Optional<Town> townHolding(Connection c, Geometry g) throws SQLException {
        return Sql.one(c, """
                SELECT t.id, t.code, t.name FROM towns t, (SELECT ST_GeomFromWKB(?, 4326) AS g) x
                WHERE t.geom && x.g AND CASE WHEN GeometryType(x.g) = 'POINT' THEN ST_Covers(t.geom, x.g)
                                             ELSE gridmap_covered(x.g, t.geom) END
                ORDER BY t.id LIMIT 1""", rs -> new Town(rs.getLong("id"), rs.getString("code"), rs.getString("name")), wkb(g));
    }

    /** The next free code HZ + town code + a two-digit (or longer) sequence; serialised per database. */
    static String nextCode(Connection c, Town town) throws SQLException {
        Sql.query(c, "SELECT pg_advisory_xact_lock(hashtext('gridmap.hazard_code'))", rs -> null);
        String prefix = "HZ" + town.code();
        long last = Sql.one(c, """
                SELECT coalesce(max(substr(code, ? + 1)::bigint), 0) AS last FROM hazards
                WHERE left(code, ?) = ? AND substr(code, ? + 1) ~ '^[0-9]{1,15}$'""", rs -> rs.getLong("last"),
                prefix.length(), prefix.length(), prefix, prefix.length()).orElse(0L);
        return prefix + String.format("%02d", last + 1);
    }

    /** Names the person (and the kind of change) for the history trigger, for this transaction only. */
    static void actAs(Connection c, User user, String action) throws SQLException {
        Sql.query(c, """
                SELECT set_config('gridmap.user_id', ?, true), set_config('gridmap.username', ?, true),
                       set_config('gridmap.action', ?, true)""", rs -> null,
                Long.toString(user.id()), user.username(), action);
    }

    static long insert(Connection c, String code, HazardInput in) throws SQLException {
        return insert(c, code, in, null);
    }

    /** A new hazard; {@code caseId} names the case it was found as (null: pinned by a monitor). */
    static long insert(Connection c, String code, HazardInput in, Long caseId) throws SQLException {
        return Sql.one(c, """
                INSERT INTO hazards (code, name, type, radius_m, status, blocks_roads, grade, description, geom, case_id)
                VALUES (?, ?, ?, ?, ?, ?, ?::text, ?::text, ST_GeomFromWKB(?, 4326), ?::bigint) RETURNING id""", rs -> rs.getLong("id"),
                code, in.name, in.type, in.radius, in.status == null ? HazardVocabulary.FIRST_STATUS : in.status,
                in.blocksRoads != null && in.blocksRoads, in.grade, in.description, wkb(in.geometry), caseId).orElseThrow();
    }

    /** Writes the fields the input names; the database bumps the version and records the history. */
    static void update(Connection c, long id, HazardInput in) throws SQLException {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (in.has("name")) { sets.add("name = ?"); values.add(in.name); }
        if (in.has("type")) { sets.add("type = ?"); values.add(in.type); }
        if (in.has("radius_m")) { sets.add("radius_m = ?"); values.add(in.radius); }
        if (in.has("description")) { sets.add("description = ?::text"); values.add(in.description); }
        if (in.has("grade")) { sets.add("grade = ?::text"); values.add(in.grade); }
        if (in.has("status")) { sets.add("status = ?"); values.add(in.status); }
        if (in.has("blocks_roads")) { sets.add("blocks_roads = ?"); values.add(in.blocksRoads); }
        if (in.has("geometry")) { sets.add("geom = ST_GeomFromWKB(?, 4326)"); values.add(wkb(in.geometry)); }
        if (sets.isEmpty()) return;
        values.add(id);
        Sql.update(c, "UPDATE hazards SET " + String.join(", ", sets) + " WHERE id = ?", values.toArray());
    }

    /** The hazard as clients see it, with its town, the grids it lies in and their monitors. */
    static Optional<Map<String, Object>> json(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + HAZARD_JSON_COLUMNS + " FROM hazards h WHERE h.id = ?", HazardSql::hazardJson, id);
    }

    /** Hazards matching the filter, ordered by code, with the total before paging. */
    static Map<String, Object> list(Connection c, Filter f) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!f.statuses().isEmpty()) { where.add("h.status = ANY (?)"); args.add(f.statuses().toArray(String[]::new)); }
        if (!f.types().isEmpty()) { where.add("h.type = ANY (?)"); args.add(f.types().toArray(String[]::new)); }
        if (!f.grades().isEmpty()) { where.add("h.grade = ANY (?)"); args.add(f.grades().toArray(String[]::new)); }
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
                    + "WHERE s.user_id = ? AND gridmap_hazard_reaches(h.geom, h.radius_m, g.geom)) AS my_grids_json";
            selectArgs.add(f.servedByUser());
        }
        String zone = f.zones() ? ", ST_AsGeoJSON(gridmap_hazard_zone(h.geom, h.radius_m), 7) AS zone_json" : "";
        String cond = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = Sql.one(c, "SELECT count(*) AS n FROM hazards h" + cond, rs -> rs.getLong("n"), args.toArray()).orElse(0L);
        List<Object> all = new ArrayList<>(selectArgs);
        all.addAll(args);
        all.add(f.limit());
        all.add(f.offset());
        List<Map<String, Object>> items = Sql.query(c, "SELECT " + HAZARD_JSON_COLUMNS + zone + myGrids
                + " FROM hazards h" + cond + " ORDER BY h.code LIMIT ? OFFSET ?", rs -> {
                    Map<String, Object> h = hazardJson(rs);
                    if (f.zones()) h.put("zone", readJson(rs.getString("zone_json")));
                    if (f.servedByUser() != null) h.put("myGrids", readJson(rs.getString("my_grids_json")));
                    return h;
                }, all.toArray());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("numberMatched", total);
        out.put("numberReturned", items.size());
        out.put("hazards", items);
        return out;
    }

    /** The grids the user serves in (staff entries linked to the account), with the roles held there. */
    static List<MyGrid> gridsServedBy(Connection c, long userId) throws SQLException {
        return Sql.query(c, """
                SELECT g.id, g.code, g.name, array_agg(s.role ORDER BY s.role) AS roles
                FROM staff s JOIN grids g ON g.id = s.grid_id WHERE s.user_id = ?
                GROUP BY g.id, g.code, g.name ORDER BY g.code""", rs -> new MyGrid(rs.getLong("id"), rs.getString("code"),
                rs.getString("name"), List.of((String[]) rs.getArray("roles").getArray())), userId);
    }

    private static Map<String, Object> hazardJson(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getLong("id"));
        m.put("code", rs.getString("code"));
        m.put("name", rs.getString("name"));
        String type = rs.getString("type"), status = rs.getString("status"), grade = rs.getString("grade");
        boolean blocks = rs.getBoolean("blocks_roads");
        m.put("type", type);
        m.put("typeName", HazardVocabulary.term(HazardVocabulary.TYPES, type).get("name"));
        m.put("radius_m", rs.getDouble("radius_m"));
        m.put("status", status);
        m.put("statusName", HazardVocabulary.term(HazardVocabulary.STATUSES, status).get("name"));
        m.put("open", HazardVocabulary.isOpen(status));
        m.put("allowedNextStatuses", HazardVocabulary.nextStatuses(status));
        m.put("blocks_roads", blocks);
        m.put("closesRoads", blocks && HazardVocabulary.isOpen(status));
        m.put("closedRoads", rs.getLong("closed_roads"));
        m.put("grade", grade);
        m.put("gradeName", grade == null ? null : HazardVocabulary.term(HazardVocabulary.GRADES, grade).get("name"));
        m.put("description", rs.getString("description"));
        m.put("geometry", readJson(rs.getString("geometry_json")));
        m.put("version", rs.getLong("version"));
        m.put("created_at", iso(rs, "created_at"));
        m.put("updated_at", iso(rs, "updated_at"));
        m.put("town", readJson(rs.getString("town_json")));
        m.put("grids", readJson(rs.getString("grids_json")));
        m.put("lastChange", readJson(rs.getString("last_change_json")));
        m.put("case", rs.getObject("case_id", Long.class));
        return m;
    }

    static List<Map<String, Object>> history(Connection c, long id) throws SQLException {
        return Sql.query(c, """
                SELECT version, action, user_id, username, changed_at, before, after FROM hazard_versions
                WHERE hazard_id = ? ORDER BY version DESC""", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("version", rs.getLong("version"));
                    m.put("action", rs.getString("action"));
                    m.put("userId", rs.getObject("user_id", Long.class));
                    m.put("by", rs.getString("username"));
                    m.put("at", iso(rs, "changed_at"));
                    JsonNode before = readJson(rs.getString("before")), after = readJson(rs.getString("after"));
                    m.put("changed", changedFields(before, after));
                    m.put("before", before);
                    m.put("after", after);
                    return m;
                }, id);
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
        return Sql.one(c, """
                INSERT INTO hazard_inspections (hazard_id, inspected_at, user_id, username, observation, status_before, status_after)
                VALUES (?, coalesce(?::timestamptz, now()), ?, ?, ?, ?, ?::text) RETURNING id""", rs -> rs.getLong("id"),
                hazardId, when == null ? null : when.toInstant(), user.id(), user.username(), observation, statusBefore,
                statusAfter).orElseThrow();
    }

    static List<Map<String, Object>> inspections(Connection c, long hazardId, Long onlyId) throws SQLException {
        return Sql.query(c, """
                SELECT id, inspected_at, recorded_at, user_id, username, observation, status_before, status_after
                FROM hazard_inspections WHERE hazard_id = ? AND (?::bigint IS NULL OR id = ?::bigint)
                ORDER BY inspected_at DESC, id DESC""", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("inspectedAt", iso(rs, "inspected_at"));
                    m.put("recordedAt", iso(rs, "recorded_at"));
                    m.put("userId", rs.getObject("user_id", Long.class));
                    m.put("by", rs.getString("username"));
                    m.put("observation", rs.getString("observation"));
                    m.put("statusBefore", rs.getString("status_before"));
                    m.put("statusAfter", rs.getString("status_after"));
                    return m;
                }, hazardId, onlyId, onlyId);
    }

    /** Roads the hazard closes now (open, blocking), by id. */
    static List<Long> closedRoadsOf(Connection c, long hazardId) throws SQLException {
        return Sql.query(c, "SELECT road_id FROM hazard_road_closures WHERE hazard_id = ? ORDER BY road_id",
                rs -> rs.getLong("road_id"), hazardId);
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

    static String iso(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toString();
    }
}
