package org.gridmap.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** Units already in the database, so an imported set may add grids to an existing village (and is checked against it). */
final class ExistingUnits {
    final Map<String, Unit> towns;
    final Map<String, Unit> villages;
    final Map<String, Unit> grids;

    private ExistingUnits(Map<String, Unit> towns, Map<String, Unit> villages, Map<String, Unit> grids) {
        this.towns = towns;
        this.villages = villages;
        this.grids = grids;
    }

    static ExistingUnits load(Connection c) throws SQLException {
        return new ExistingUnits(
                read(c, "SELECT id, code, name, NULL, ST_AsBinary(geom) FROM towns"),
                read(c, "SELECT v.id, v.code, v.name, t.code, ST_AsBinary(v.geom) FROM villages v JOIN towns t ON t.id = v.town_id"),
                read(c, "SELECT g.id, g.code, g.name, v.code, ST_AsBinary(g.geom) FROM grids g JOIN villages v ON v.id = g.village_id"));
    }

    /**
     * The units whose shapes reach into {@code e}: what one town of a city can touch, so a town's import reads its
     * neighbourhood and not the whole city.
     */
    static ExistingUnits near(Connection c, Envelope e) throws SQLException {
        String box = String.format(java.util.Locale.ROOT, "ST_MakeEnvelope(%.9f, %.9f, %.9f, %.9f, 4326)",
                e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
        return new ExistingUnits(
                read(c, "SELECT id, code, name, NULL, ST_AsBinary(geom) FROM towns WHERE geom && " + box),
                read(c, "SELECT v.id, v.code, v.name, t.code, ST_AsBinary(v.geom) FROM villages v "
                        + "JOIN towns t ON t.id = v.town_id WHERE v.geom && " + box),
                read(c, "SELECT g.id, g.code, g.name, v.code, ST_AsBinary(g.geom) FROM grids g "
                        + "JOIN villages v ON v.id = g.village_id WHERE g.geom && " + box));
    }

    Map<String, Unit> of(int codeDigits, boolean isTown) {
        if (isTown) return towns;
        return codeDigits == 15 ? grids : villages;
    }

    private static Map<String, Unit> read(Connection c, String sql) throws SQLException {
        Map<String, Unit> out = new LinkedHashMap<>();
        WKBReader wkb = new WKBReader(FeatureReader.FACTORY);
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    var g = wkb.read(rs.getBytes(5));
                    g.setSRID(4326);
                    out.put(rs.getString(2), new Unit(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(2), g, true, rs.getLong(1)));
                } catch (ParseException e) {
                    throw new SQLException("unreadable geometry in the database for " + rs.getString(2), e);
                }
            }
        }
        return out;
    }
}
