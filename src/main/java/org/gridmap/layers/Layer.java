package org.gridmap.layers;

import java.util.List;
import java.util.Optional;

/**
 * A collection of features served as OGC API items and as vector tiles. {@code from} is the FROM clause
 * (with joins) and names the main table {@code t}; {@code table} is the table whose changes invalidate it.
 * {@code timeSql} is the instant a feature stands for in time ({@code datetime} filters on it), or null for
 * collections without time.
 */
public record Layer(
        String id,
        String title,
        String description,
        String table,
        String from,
        String geometryType,
        List<Property> properties,
        int minZoom,
        String tileFilter,
        String timeSql) {

    public static final String ID_SQL = "t.id";
    public static final String GEOM_SQL = "t.geom";

    public Optional<Property> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<Property> queryables() { return properties.stream().filter(Property::queryable).toList(); }

    public List<Property> tileProperties() { return properties.stream().filter(Property::inTiles).toList(); }
}
