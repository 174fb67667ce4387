package org.gridmap.layers;

/**
 * One property of a collection: its public name, the SQL expression that yields it, its JSON type, whether
 * clients may filter on it ({@code ?name=value}) and whether vector tiles carry it.
 */
public record Property(String name, String sql, String type, boolean queryable, boolean inTiles) {
    static Property of(String name, String sql, String type) { return new Property(name, sql, type, false, false); }
    static Property queryable(String name, String sql, String type) { return new Property(name, sql, type, true, false); }
    Property tiles() { return new Property(name, sql, type, queryable, true); }
}
