package org.gridmap.hazards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Who and what a hazard threatens: everything inside its threat zone (the hazard's point or polygon buffered by
 * its radius, measured on the ellipsoid — the SQL rule {@code gridmap_hazard_reaches} of migration V5):
 * households and people, service facilities, grids with the staff who must act, roads; and the threat grade the
 * national scale gives for the people threatened, beside the grade the monitor set.
 */
final class ThreatAnalysis {
    /** The zone of a saved hazard or of a draft, as SQL parameters: geometry (WKB) and radius. */
    private static final String ZONE = " (SELECT ST_GeomFromWKB(?, 4326) AS g, ?::float8 AS r) z ";

    private ThreatAnalysis() { }

    static Map<String, Object> analyse(Connection c, Geometry hazard, double radius, String setGrade, int householdLimit)
            throws SQLException {
        byte[] wkb = HazardStore.wkb(hazard);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("radius_m", radius);
        out.put("zone", zone(c, wkb, radius));

        long households, people;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(h.members), 0) FROM households h, "
                + ZONE + " WHERE gridmap_hazard_reaches(z.g, z.r, h.geom)")) {
            zoneParams(ps, wkb, radius);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                households = rs.getLong(1);
                people = rs.getLong(2);
            }
        }
        out.put("households", households);
        out.put("people", people);
        String suggested = HazardVocabulary.suggestedGrade(people);
        out.put("suggestedGrade", suggested);
        out.put("suggestedGradeName", HazardVocabulary.term(HazardVocabulary.GRADES, suggested).get("name"));
        out.put("grade", setGrade);
        out.put("gradeMatches", setGrade == null ? null : setGrade.equals(suggested));

        List<Map<String, Object>> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT h.id, h.members, g.code, ST_X(h.geom), ST_Y(h.geom),
                       ST_Distance(h.geom::geography, z.g::geography) AS d
                FROM households h LEFT JOIN grids g ON g.id = h.grid_id, """ + ZONE + """
                 WHERE gridmap_hazard_reaches(z.g, z.r, h.geom) ORDER BY d, h.id LIMIT ?""")) {
            int i = zoneParams(ps, wkb, radius);
            ps.setInt(i, householdLimit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("members", rs.getInt(2));
                    m.put("grid", rs.getString(3));
                    m.put("lon", rs.getDouble(4));
                    m.put("lat", rs.getDouble(5));
                    m.put("distanceMeters", Math.round(rs.getDouble(6) * 10) / 10.0);
                    list.add(m);
                }
            }
        }
        out.put("householdList", list);
        out.put("householdListTruncated", list.size() < households);

        List<Map<String, Object>> facilities = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.code, f.name, f.level, g.code, ST_X(f.geom), ST_Y(f.geom),
                       ST_Distance(f.geom::geography, z.g::geography) AS d
                FROM facilities f LEFT JOIN grids g ON g.id = f.grid_id, """ + ZONE + """
                 WHERE gridmap_hazard_reaches(z.g, z.r, f.geom) ORDER BY d, f.id""")) {
            zoneParams(ps, wkb, radius);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("code", rs.getString(2));
                    m.put("name", rs.getString(3));
                    m.put("level", rs.getString(4));
                    m.put("grid", rs.getString(5));
                    m.put("lon", rs.getDouble(6));
                    m.put("lat", rs.getDouble(7));
                    m.put("distanceMeters", Math.round(rs.getDouble(8) * 10) / 10.0);
                    facilities.add(m);
                }
            }
        }
        out.put("facilities", facilities);

        List<Map<String, Object>> grids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.id, g.code, g.name, v.code, v.name, ST_Intersects(g.geom, z.g) AS holds_hazard,
                       (SELECT count(*) FROM households h WHERE h.grid_id = g.id
                          AND gridmap_hazard_reaches(z.g, z.r, h.geom)),
                       (SELECT coalesce(sum(h.members), 0) FROM households h WHERE h.grid_id = g.id
                          AND gridmap_hazard_reaches(z.g, z.r, h.geom)),
                       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'role', s.role, 'name', s.name,
                                'phone', s.phone) ORDER BY s.role = 'hazard_monitor' DESC, s.id), '[]'::jsonb)
                          FROM staff s WHERE s.grid_id = g.id AND s.role IN ('hazard_monitor', 'grid_leader'))
                FROM grids g JOIN villages v ON v.id = g.village_id, """ + ZONE + """
                 WHERE gridmap_hazard_reaches(z.g, z.r, g.geom) ORDER BY g.code""")) {
            zoneParams(ps, wkb, radius);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("code", rs.getString(2));
                    m.put("name", rs.getString(3));
                    m.put("village", Map.of("code", rs.getString(4), "name", rs.getString(5)));
                    m.put("holdsHazard", rs.getBoolean(6));
                    m.put("households", rs.getLong(7));
                    m.put("people", rs.getLong(8));
                    m.put("responsible", HazardStore.readJson(rs.getString(9)));
                    grids.add(m);
                }
            }
        }
        out.put("grids", grids);

        List<Map<String, Object>> roads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.class, r.name, r.length_m FROM roads r, """ + ZONE + """
                 WHERE gridmap_hazard_reaches(z.g, z.r, r.geom) ORDER BY r.id""")) {
            zoneParams(ps, wkb, radius);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("class", rs.getString(2));
                    m.put("name", rs.getString(3));
                    m.put("lengthMeters", Math.round(rs.getDouble(4) * 10) / 10.0);
                    roads.add(m);
                }
            }
        }
        out.put("roads", roads);
        return out;
    }

    private static Object zone(Connection c, byte[] wkb, double radius) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ST_AsGeoJSON(gridmap_hazard_zone(z.g, z.r), 7), ST_Area(gridmap_hazard_zone(z.g, z.r)::geography) FROM "
                        + ZONE)) {
            zoneParams(ps, wkb, radius);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "Feature");
                m.put("geometry", HazardStore.readJson(rs.getString(1)));
                m.put("properties", Map.of("radius_m", radius, "areaM2", Math.round(rs.getDouble(2))));
                return m;
            }
        }
    }

    private static int zoneParams(PreparedStatement ps, byte[] wkb, double radius) throws SQLException {
        ps.setBytes(1, wkb);
        ps.setDouble(2, radius);
        return 3;
    }
}
