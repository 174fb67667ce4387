package org.gridmap.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public collections, defined in one place. */
public final class LayerCatalog {
    /** A hazard stands in time for the moment it was reported; RFC 3339 in UTC whatever the session's zone. */
    private static final String REPORTED_AT =
            "to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    /**
     * Grids are drawn from zoom 11, where one (about 0.5 km²) is some 10 px across; at zoom 9 it is 2–3 px, a colour
     * noise that cost most of a tile (4,000 grids in one). Villages carry the zooms below, as every basemap hands a
     * layer over to a coarser one. Tiles (and their TileJSON) omit the layer below it.
     */
    public static final int GRIDS_MIN_ZOOM = 11;
    /**
     * Villages are drawn from zoom 9, where one (a few km²) is some 10 px across. Below it a basemap tile of a city
     * covers hundreds of towns and thousands of villages whose outlines merge into a smear and cost most of the tile;
     * the towns carry those zooms (and the household density, aggregated ahead, shows where people live).
     */
    public static final int VILLAGES_MIN_ZOOM = 9;
    /**
     * Hazards are drawn as pins from zoom 9, with the villages. Below it a tile covers a municipality: a city's 7,471
     * pins in one zoom-6 tile were a blot and 12–15 ms of its 45 (the slowest basemap tile at 1,000 towns). The
     * hazard monitor's own layer (the live list, {@code /api/hazards}) still shows every hazard at every zoom.
     */
    public static final int HAZARDS_MIN_ZOOM = 9;
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
                        Property.queryable("town", "tw.code", "string")), VILLAGES_MIN_ZOOM, null, null));
        add(new Layer("grids", "Grids 网格", "Grids tile their village exactly; 15-digit codes.", "grids",
                "grids t JOIN villages v ON v.id = t.village_id", "MultiPolygon", List.of(
                        Property.queryable("code", "t.code", "string").tiles(),
                        Property.queryable("name", "t.name", "string").tiles(),
                        Property.queryable("kind", "t.kind", "string").tiles(),
                        Property.queryable("village", "v.code", "string"),
                        Property.of("village_code", "v.code", "string").tiles(),
                        Property.of("village_name", "v.name", "string").tiles(),
                        Property.of("version", "t.version", "integer")), GRIDS_MIN_ZOOM, null, null));
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
                        Property.of("version", "t.version", "integer")), HAZARDS_MIN_ZOOM, null, "t.created_at"));
        addNetworks();
    }

    /** The networks around the grids: posts and volunteers stand at their service point, firms where they are. */
    private void addNetworks() {
        String pointJoins = " JOIN facilities f ON f.id = x.facility_id LEFT JOIN grids g ON g.id = f.grid_id "
                + "LEFT JOIN villages v ON v.id = coalesce(g.village_id, f.village_id)";
        add(new Layer("party-posts", "Party-member service posts 党员服务岗",
                "Party-member service posts at service points, with the party group and the member on duty.", "party_posts",
                "(SELECT x.id, f.geom, x.title, x.party_group, x.member_name, x.hours, f.code AS point, g.code AS grid, "
                        + "v.code AS village FROM party_posts x" + pointJoins + ") t", "Point", List.of(
                        Property.of("title", "t.title", "string").tiles(),
                        Property.queryable("party_group", "t.party_group", "string").tiles(),
                        Property.of("member_name", "t.member_name", "string").tiles(),
                        Property.of("hours", "t.hours", "string"),
                        Property.queryable("point", "t.point", "string").tiles(),
                        Property.queryable("grid", "t.grid", "string"),
                        Property.queryable("village", "t.village", "string")), 12, null, null));
        // no names: a volunteer's name is shown only on their card, and only with their consent
        add(new Layer("volunteers", "Volunteers 志愿者", "Volunteers at the service points where they serve, with their skills.",
                "volunteers", "(SELECT x.id, f.geom, array_to_string(x.skills, ',') AS skills, f.code AS point, "
                        + "g.code AS grid, v.code AS village FROM volunteers x" + pointJoins + ") t", "Point", List.of(
                        Property.of("skills", "t.skills", "string").tiles(),
                        Property.queryable("point", "t.point", "string").tiles(),
                        Property.queryable("grid", "t.grid", "string"),
                        Property.queryable("village", "t.village", "string")), 12, null, null));
        add(new Layer("firms", "Firms with jobs and training 企业岗位与培训",
                "Firms of industrial-park grids with the number of their open job and training offers.", "firms",
                "(SELECT x.id, x.geom, x.name, x.industry, x.phone, "
                        + "(SELECT count(*) FROM firm_offers o WHERE o.firm_id = x.id AND o.kind = 'job') AS jobs, "
                        + "(SELECT count(*) FROM firm_offers o WHERE o.firm_id = x.id AND o.kind = 'training') AS trainings, "
                        + "(SELECT g.code FROM grids g WHERE ST_Covers(g.geom, x.geom) ORDER BY g.code LIMIT 1) AS grid "
                        + "FROM firms x) t", "Point", List.of(
                        Property.of("name", "t.name", "string").tiles(),
                        Property.queryable("industry", "t.industry", "string").tiles(),
                        Property.of("phone", "t.phone", "string"),
                        Property.of("jobs", "t.jobs", "integer").tiles(),
                        Property.of("trainings", "t.trainings", "integer").tiles(),
                        Property.queryable("grid", "t.grid", "string")), 11, null, null));
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
