package org.gridmap.layers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.gridmap.changes.DataChange;

/** Each collection's bounding box and time span, computed once and dropped when its table changes. */
public final class Extents {
    /** [minLon, minLat, maxLon, maxLat] or null when empty; first and last instant or null without time. */
    public record Extent(double[] bbox, Instant first, Instant last) { }

    private final DataSource db;
    private final LayerCatalog catalog;
    private final Map<String, Extent> cache = new ConcurrentHashMap<>();

    public Extents(DataSource db, LayerCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /** [minLon, minLat, maxLon, maxLat], or null for an empty collection. */
    public double[] of(Layer l) throws SQLException { return extent(l).bbox(); }

    public Extent extent(Layer l) throws SQLException {
        Extent e = cache.get(l.id());
        if (e == null) {
            e = compute(l);
            cache.put(l.id(), e);
        }
        return e;
    }

    private Extent compute(Layer l) throws SQLException {
        FeatureSql.Statement s = FeatureSql.extent(l);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(s.sql());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            double[] bbox = rs.getObject(1) == null ? null
                    : new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            return new Extent(bbox, instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)));
        }
    }

    private static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }

    public void onChange(DataChange change) {
        for (Layer l : catalog.fedBy(change.table())) cache.remove(l.id());
    }
}
