package org.gridmap.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seven public collections, defined in one place. */
public final class LayerCatalog {
    /** A hazard stands in time for the moment it was reported; RFC 3339 in UTC whatever the session's zone. */
    private static final String REPORTED_AT =
            "to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    private final Map<String, Layer> layers = new LinkedHashMap<>();

    public LayerCatalog() {
        add(new Layer("towns", "Towns 镇/街道", "Township boundaries with their 12-digit division codes.", "towns",
                "towns t", "MultiPolygon", List.of(
                        Property.queryable("code", "t.code", "string").tiles(),
                        Property.queryable("name", "t.name", "string").tiles(),
                        Property.of("name_en", "t.name_en", "string").tiles()), 0, null, null));
        add(new Layer("villages", "Villages 村/社区", "Villages and communities; each has one service station.", "villages",
                "villages t JOIN towns tw ON tw.id = t.town_id", "MultiPolygon", List.of(
                        Property.queryable("code", "t.code", "string").tiles(),
                        Property.queryable("name", "t.name", "string").tiles(),
                        Property.of("name_en", "t.name_en", "string").tiles(),
                        Property.queryable("kind", "t.kind", "string").tiles(),
                        Property.queryable("town", "tw.code", "string")), 0, null, null));
        add(new Layer("grids", "Grids 网格", "Grids tile their village exactly; 15-digit codes.", "grids",
                "grids t JOIN villages v ON v.id = t.village_id", "MultiPolygon", List.of(
                        Property.queryable("code", "t.code", "string").tiles(),
                        Property.queryable("name", "t.name", "string").tiles(),
                        Property.queryable("kind", "t.kind", "string").tiles(),
                        Property.queryable("village", "v.code", "string"),
                        Property.of("village_code", "v.code", "string").tiles(),
                        Property.of("village_name", "v.name", "string").tiles(),
                        Property.of("version", "t.version", "integer")), 9, null, null));
        add(new Layer("service-points", "Service facilities 服务设施",
                "Service points (point), grid hubs (grid), village stations (station) and the town service center (center).",
                "facilities",
                "facilities t LEFT JOIN grids g ON g.id = t.grid_id "
                        + "LEFT JOIN villages v ON v.id = coalesce(g.village_id, t.village_id)",
                "Point", List.of(
                        Property.queryable("code", "t.code", "string").tiles(),
                        Property.queryable("name", "t.name", "string").tiles(),
                        Property.queryable("level", "t.level", "string").tiles(),
                        Property.queryable("grid", "g.code", "string"),
                        Property.queryable("village", "v.code", "string"),
                        Property.of("version", "t.version", "integer")), 10,
                // the many courtyard points only when zoomed in
                "(t.level IN ('center', 'station') OR (t.level = 'grid' AND :z >= 13) OR :z >= 14)", null));
        add(new Layer("roads", "Roads 道路", "The noded walking network: main roads, village roads, paths and stairs.", "roads",
                "roads t", "LineString", List.of(
                        Property.queryable("class", "t.class", "string").tiles(),
                        Property.of("name", "t.name", "string"),
                        Property.of("length_m", "round(t.length_m::numeric, 1)", "number"),
                        Property.of("oneway", "t.oneway", "boolean"),
                        Property.of("source", "t.source", "integer"),
                        Property.of("target", "t.target", "integer")), 10,
                "(t.class = 'main' OR (t.class = 'village' AND :z >= 12) OR :z >= 14)", null));
        add(new Layer("households", "Households 户", "Households with their member count and grid.", "households",
                "households t LEFT JOIN grids g ON g.id = t.grid_id LEFT JOIN villages v ON v.id = g.village_id",
                "Point", List.of(
                        Property.of("members", "t.members", "integer").tiles(),
                        Property.queryable("grid", "g.code", "string"),
                        Property.queryable("village", "v.code", "string")), 15, null, null));
        add(new Layer("hazards", "Geological hazards 地质灾害隐患点",
                "Geological hazard sites with type, threat radius, status and grade.", "hazards",
                "hazards t", "Geometry", List.of(
                        Property.queryable("code", "t.code", "string").tiles(),
                        Property.of("name", "t.name", "string").tiles(),
                        Property.queryable("type", "t.type", "string").tiles(),
                        Property.of("radius_m", "t.radius_m", "number").tiles(),
                        Property.queryable("status", "t.status", "string").tiles(),
                        Property.queryable("grade", "t.grade", "string").tiles(),
                        Property.queryable("blocks_roads", "t.blocks_roads", "boolean"),
                        Property.of("description", "t.description", "string"),
                        Property.of("reported_at", REPORTED_AT, "string"),
                        Property.of("version", "t.version", "integer")), 0, null, "t.created_at"));
    }

    private void add(Layer l) { layers.put(l.id(), l); }

    public List<Layer> all() { return List.copyOf(layers.values()); }

    public Optional<Layer> find(String id) { return Optional.ofNullable(layers.get(id)); }

    /** Collections fed by a table, for invalidation. */
    public List<Layer> fedBy(String table) {
        return layers.values().stream()
                .filter(l -> l.table().equals(table) || l.from().contains(" " + table + " ") )
                .toList();
    }
}
