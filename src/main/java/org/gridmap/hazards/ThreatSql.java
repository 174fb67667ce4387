package org.gridmap.hazards;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.Geometry;

/**
 * Who and what a hazard threatens, as SQL: everything inside its threat zone (the hazard's point or polygon
 * buffered by its radius, measured on the ellipsoid — the SQL rule {@code gridmap_hazard_reaches} of migration V5):
 * households and people, service facilities, grids with the staff who must act, roads; and the threat grade the
 * national scale gives for the people threatened, beside the grade the monitor set.
 */
final class ThreatSql {
    /** The zone of a saved hazard or of a draft, as SQL parameters: geometry (WKB) and radius. */
    private static final String ZONE = " (SELECT ST_GeomFromWKB(?, 4326) AS g, ?::float8 AS r) z ";

    private static final String ZONE_SHAPE = "SELECT ST_AsGeoJSON(gridmap_hazard_zone(z.g, z.r), 7) AS zone_json, "
            + "ST_Area(gridmap_hazard_zone(z.g, z.r)::geography) AS area FROM " + ZONE;

    private static final String PEOPLE = "SELECT count(*) AS households, coalesce(sum(h.members), 0) AS people "
            + "FROM households h, " + ZONE + " WHERE gridmap_hazard_reaches(z.g, z.r, h.geom)";

    private static final String HOUSEHOLDS = """
            SELECT h.id, h.members, g.code AS grid, ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat,
                   ST_Distance(h.geom::geography, z.g::geography) AS d
            FROM households h LEFT JOIN grids g ON g.id = h.grid_id, """ + ZONE + """
             WHERE gridmap_hazard_reaches(z.g, z.r, h.geom) ORDER BY d, h.id LIMIT ?""";

    private static final String FACILITIES = """
            SELECT f.id, f.code, f.name, f.level, g.code AS grid, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat,
                   ST_Distance(f.geom::geography, z.g::geography) AS d
            FROM facilities f LEFT JOIN grids g ON g.id = f.grid_id, """ + ZONE + """
             WHERE gridmap_hazard_reaches(z.g, z.r, f.geom) ORDER BY d, f.id""";

    private static final String GRIDS = """
            SELECT g.id, g.code, g.name, v.code AS village_code, v.name AS village_name,
                   ST_Intersects(g.geom, z.g) AS holds_hazard,
                   (SELECT count(*) FROM households h WHERE h.grid_id = g.id
                      AND gridmap_hazard_reaches(z.g, z.r, h.geom)) AS households,
                   (SELECT coalesce(sum(h.members), 0) FROM households h WHERE h.grid_id = g.id
                      AND gridmap_hazard_reaches(z.g, z.r, h.geom)) AS people,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'role', s.role, 'name', s.name,
                            'phone', s.phone) ORDER BY s.role = 'hazard_monitor' DESC, s.id), '[]'::jsonb)
                      FROM staff s WHERE s.grid_id = g.id AND s.role IN ('hazard_monitor', 'grid_leader')) AS responsible_json
            FROM grids g JOIN villages v ON v.id = g.village_id, """ + ZONE + """
             WHERE gridmap_hazard_reaches(z.g, z.r, g.geom) ORDER BY g.code""";

    private static final String ROADS = "SELECT r.id, r.class, r.name, r.length_m FROM roads r, " + ZONE
            + " WHERE gridmap_hazard_reaches(z.g, z.r, r.geom) ORDER BY r.id";

    private ThreatSql() { }

    static Map<String, Object> analyse(Connection c, Geometry hazard, double radius, String setGrade, int householdLimit)
            throws SQLException {
        byte[] wkb = HazardSql.wkb(hazard);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("radius_m", radius);
        out.put("zone", Sql.one(c, ZONE_SHAPE, rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "Feature");
            m.put("geometry", HazardSql.readJson(rs.getString("zone_json")));
            m.put("properties", Map.of("radius_m", radius, "areaM2", Math.round(rs.getDouble("area"))));
            return m;
        }, wkb, radius).orElseThrow());

        long[] counts = Sql.one(c, PEOPLE, rs -> new long[] {rs.getLong("households"), rs.getLong("people")}, wkb, radius)
                .orElseThrow();
        long households = counts[0], people = counts[1];
        out.put("households", households);
        out.put("people", people);
        String suggested = HazardVocabulary.suggestedGrade(people);
        out.put("suggestedGrade", suggested);
        out.put("suggestedGradeName", HazardVocabulary.term(HazardVocabulary.GRADES, suggested).get("name"));
        out.put("grade", setGrade);
        out.put("gradeMatches", setGrade == null ? null : setGrade.equals(suggested));

        List<Map<String, Object>> list = Sql.query(c, HOUSEHOLDS, rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("members", rs.getInt("members"));
            return located(m, rs);
        }, wkb, radius, householdLimit);
        out.put("householdList", list);
        out.put("householdListTruncated", list.size() < households);

        out.put("facilities", Sql.query(c, FACILITIES, rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("code", rs.getString("code"));
            m.put("name", rs.getString("name"));
            m.put("level", rs.getString("level"));
            return located(m, rs);
        }, wkb, radius));

        out.put("grids", Sql.query(c, GRIDS, rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("code", rs.getString("code"));
            m.put("name", rs.getString("name"));
            m.put("village", Map.of("code", rs.getString("village_code"), "name", rs.getString("village_name")));
            m.put("holdsHazard", rs.getBoolean("holds_hazard"));
            m.put("households", rs.getLong("households"));
            m.put("people", rs.getLong("people"));
            m.put("responsible", HazardSql.readJson(rs.getString("responsible_json")));
            return m;
        }, wkb, radius));

        out.put("roads", Sql.query(c, ROADS, rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("class", rs.getString("class"));
            m.put("name", rs.getString("name"));
            m.put("lengthMeters", Math.round(rs.getDouble("length_m") * 10) / 10.0);
            return m;
        }, wkb, radius));
        return out;
    }

    /** What a threatened household and facility share: its grid, where it is, how far from the hazard. */
    private static Map<String, Object> located(Map<String, Object> m, ResultSet rs) throws SQLException {
        m.put("grid", rs.getString("grid"));
        m.put("lon", rs.getDouble("lon"));
        m.put("lat", rs.getDouble("lat"));
        m.put("distanceMeters", Math.round(rs.getDouble("d") * 10) / 10.0);
        return m;
    }
}
