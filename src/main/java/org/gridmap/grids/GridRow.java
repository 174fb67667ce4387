package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/** A grid as stored: what an edit reads before it changes anything. */
public record GridRow(long id, String code, String name, String kind, long villageId, MultiPolygon geom, long version) {

    /** Reads and locks the grids (in id order, so two edits never wait on each other in a cycle). */
    static Map<Long, GridRow> lock(Connection c, Collection<Long> ids) throws SQLException {
        return GridSql.grids(c, GridSql.LOCK_GRIDS, (Object) GridSql.ids(ids));
    }

    /** Grids near {@code near} but not in {@code except}; {@code villages} null: in any village. */
    static Map<Long, GridRow> neighbours(Connection c, Collection<Long> villages, Collection<Long> except,
                                         org.locationtech.jts.geom.Envelope near) throws SQLException {
        return GridSql.grids(c, GridSql.NEIGHBOURS, villages == null, villages == null ? new Long[0] : GridSql.ids(villages),
                GridSql.ids(except), near.getMinX() - 1e-5, near.getMinY() - 1e-5, near.getMaxX() + 1e-5, near.getMaxY() + 1e-5);
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
        for (Map.Entry<Long, String> e : Sql.query(c, GridSql.VILLAGE_NAMES, rs -> Map.entry(rs.getLong("id"), rs.getString("label")),
                (Object) GridSql.ids(ids))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    static Map<Long, Geometry> villageShapes(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Geometry> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Geometry> e : Sql.query(c, GridSql.VILLAGE_SHAPES, rs -> Map.entry(rs.getLong("id"), wkb(rs.getBytes("wkb"))),
                (Object) GridSql.ids(ids))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
