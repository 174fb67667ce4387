package org.gridmap.grids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/** A grid as stored: what an edit reads before it changes anything. */
public record GridRow(long id, String code, String name, String kind, long villageId, MultiPolygon geom, long version) {

    private static final String COLUMNS = "id, code, name, kind, village_id, version, ST_AsBinary(geom)";

    /** Reads and locks the grids (in id order, so two edits never wait on each other in a cycle). */
    static Map<Long, GridRow> lock(Connection c, Collection<Long> ids) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM grids WHERE id = ANY(?) ORDER BY id FOR UPDATE", ids.toArray(Long[]::new));
    }

    static Map<Long, GridRow> neighbours(Connection c, Collection<Long> villages, Collection<Long> except,
                                         org.locationtech.jts.geom.Envelope near) throws SQLException {
        // villages == null: neighbours in any village (a border shared with the next village counts too)
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM grids WHERE (? OR village_id = ANY(?)) "
                + "AND NOT (id = ANY(?)) AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) ORDER BY id")) {
            ps.setBoolean(1, villages == null);
            ps.setArray(2, c.createArrayOf("bigint", villages == null ? new Object[0] : villages.toArray()));
            ps.setArray(3, c.createArrayOf("bigint", except.toArray()));
            ps.setDouble(4, near.getMinX() - 1e-5);
            ps.setDouble(5, near.getMinY() - 1e-5);
            ps.setDouble(6, near.getMaxX() + 1e-5);
            ps.setDouble(7, near.getMaxY() + 1e-5);
            return read(ps);
        }
    }

    static Map<Long, GridRow> query(Connection c, String sql, Long[] ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            return read(ps);
        }
    }

    private static Map<Long, GridRow> read(PreparedStatement ps) throws SQLException {
        Map<Long, GridRow> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), new GridRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), multi(wkb(rs.getBytes(7))), rs.getLong(6)));
            }
        }
        return out;
    }

    static Geometry wkb(byte[] b) throws SQLException {
        try {
            Geometry g = new WKBReader(GeoJsonGeometry.GF).read(b);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new SQLException("unreadable geometry", e);
        }
    }

    static MultiPolygon multi(Geometry g) {
        if (g instanceof MultiPolygon mp) return mp;
        if (g instanceof Polygon p) return GeoJsonGeometry.GF.createMultiPolygon(new Polygon[] {p});
        java.util.List<Polygon> parts = new java.util.ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) parts.add(p);
        }
        return GeoJsonGeometry.GF.createMultiPolygon(parts.toArray(Polygon[]::new));
    }

    static byte[] bytes(Geometry g) { return new WKBWriter().write(g); }

    /** "500107109204 白果村" per village id, for messages a person reads. */
    static Map<Long, String> villageNames(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, code || ' ' || name FROM villages WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    static Map<Long, Geometry> villageShapes(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Geometry> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, ST_AsBinary(geom) FROM villages WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), wkb(rs.getBytes(2)));
            }
        }
        return out;
    }
}
