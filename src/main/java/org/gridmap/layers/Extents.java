package org.gridmap.layers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.gridmap.changes.DataChange;

/** Each collection's bounding box, computed once and dropped when its table changes. */
public final class Extents {
    private static final double[] NONE = new double[0];
    private final DataSource db;
    private final LayerCatalog catalog;
    private final Map<String, double[]> cache = new ConcurrentHashMap<>();

    public Extents(DataSource db, LayerCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /** [minLon, minLat, maxLon, maxLat], or null for an empty collection. */
    public double[] of(Layer l) throws SQLException {
        double[] e = cache.get(l.id());
        if (e == null) {
            e = compute(l);
            cache.put(l.id(), e);
        }
        return e == NONE ? null : e;
    }

    private double[] compute(Layer l) throws SQLException {
        FeatureSql.Statement s = FeatureSql.extent(l);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(s.sql());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getObject(1) == null) return NONE;
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
    }

    public void onChange(DataChange change) {
        for (Layer l : catalog.fedBy(change.table())) cache.remove(l.id());
    }
}
