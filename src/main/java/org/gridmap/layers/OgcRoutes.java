package org.gridmap.layers;

import static org.gridmap.layers.Links.GEOJSON;
import static org.gridmap.layers.Links.HTML;
import static org.gridmap.layers.Links.JSON;
import static org.gridmap.layers.Links.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.http.ApiException;

/** OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) under {@code /ogc}. */
public final class OgcRoutes {
    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");

    private final DataSource db;
    private final LayerCatalog catalog;
    private final Extents extents;
    private final OpenApiDocument openApi;
    private final MatchCounts counts;
    private final ObjectMapper json = new ObjectMapper();

    public OgcRoutes(DataSource db, LayerCatalog catalog, Extents extents, OpenApiDocument openApi, MatchCounts counts) {
        this.db = db;
        this.catalog = catalog;
        this.extents = extents;
        this.openApi = openApi;
        this.counts = counts;
    }

    public void landing(Context ctx) {
        String b = Links.base(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "gridmap");
        body.put("description", "Grids, service facilities, roads, households and geological hazards of the township.");
        body.put("links", List.of(
                link(b + "/ogc", "self", JSON, "this document"),
                link(b + "/ogc?f=html", "alternate", HTML, "this document as HTML"),
                link(b + "/ogc/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "the API definition"),
                link(b + "/ogc/api", "service-doc", JSON, "the API documentation"),
                link(b + "/ogc/conformance", "conformance", JSON, "conformance classes"),
                link(b + "/ogc/collections", "data", JSON, "the collections")));
        respond(ctx, body, "gridmap", OgcHtml::landing);
    }

    public void conformance(Context ctx) {
        respond(ctx, Map.of("conformsTo", CONFORMANCE), "Conformance", OgcHtml::conformance);
    }

    public void api(Context ctx) {
        ctx.contentType("application/vnd.oai.openapi+json;version=3.0; charset=utf-8").result(openApi.json(Links.base(ctx)));
    }

    public void collections(Context ctx) throws SQLException {
        String b = Links.base(ctx);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Layer l : catalog.all()) list.add(describe(b, l));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", List.of(link(b + "/ogc/collections", "self", JSON, null),
                link(b + "/ogc/collections?f=html", "alternate", HTML, null)));
        body.put("collections", list);
        respond(ctx, body, "Collections", OgcHtml::collections);
    }

    public void collection(Context ctx) throws SQLException {
        Layer l = layer(ctx);
        respond(ctx, describe(Links.base(ctx), l), l.title(), OgcHtml::collection);
    }

    public void queryables(Context ctx) {
        Layer l = layer(ctx);
        Map<String, Object> props = new LinkedHashMap<>();
        for (Property p : l.queryables()) props.put(p.name(), Map.of("type", p.type(), "title", p.name()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        body.put("$id", Links.base(ctx) + "/ogc/collections/" + l.id() + "/queryables");
        body.put("type", "object");
        body.put("title", l.title());
        body.put("properties", props);
        ctx.contentType("application/schema+json; charset=utf-8").result(write(body));
    }

    private Map<String, Object> describe(String b, Layer l) throws SQLException {
        String self = b + "/ogc/collections/" + l.id();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", l.id());
        c.put("title", l.title());
        c.put("description", l.description());
        c.put("itemType", "feature");
        double[] e = extents.of(l);
        if (e != null) {
            c.put("extent", Map.of("spatial", Map.of("bbox", List.of(List.of(e[0], e[1], e[2], e[3])),
                    "crs", ItemsRequest.CRS84)));
        }
        c.put("crs", List.of(ItemsRequest.CRS84));
        c.put("storageCrs", ItemsRequest.CRS84);
        c.put("links", List.of(
                link(self, "self", JSON, null),
                link(self + "?f=html", "alternate", HTML, null),
                link(self + "/items", "items", GEOJSON, l.title() + " as GeoJSON"),
                link(self + "/items?f=html", "items", HTML, l.title() + " as HTML"),
                link(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", null),
                link(b + "/tiles/" + l.id() + ".json", "tiles", JSON, "vector tiles (TileJSON)")));
        return c;
    }

    public void items(Context ctx) throws SQLException {
        Layer l = layer(ctx);
        FeatureQuery q = ItemsRequest.parse(l, ctx.queryParamMap());
        String features;
        int returned;
        long matched;
        try (Connection c = db.getConnection()) {
            FeatureSql.Statement page = FeatureSql.itemsPage(l, q);
            try (PreparedStatement ps = prepare(c, page); ResultSet rs = ps.executeQuery()) {
                rs.next();
                features = rs.getString(1);
                returned = rs.getInt(2);
            }
            // Counting costs a second query: a short last page tells the count for free, and a count
            // already made for the same query (another page of it) is reused until the data changes.
            Long known = counts.get(l, q);
            if (returned < q.limit() && (returned > 0 || q.offset() == 0)) {
                matched = q.offset() + returned;
            } else if (known != null) {
                matched = known;
            } else {
                long generation = counts.generation();
                try (PreparedStatement ps = prepare(c, FeatureSql.count(l, q)); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matched = rs.getLong(1);
                }
                counts.put(l, q, matched, generation);
            }
        }
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(Links.withParams(ctx, Map.of()), "self", GEOJSON, null));
        links.add(link(Links.withParams(ctx, Map.of("f", "html")), "alternate", HTML, null));
        if (q.offset() + returned < matched) {
            links.add(link(Links.withParams(ctx, Map.of("offset", Long.toString(q.offset() + q.limit()))), "next", GEOJSON, "next page"));
        }
        if (q.offset() > 0) {
            links.add(link(Links.withParams(ctx, Map.of("offset", Long.toString(Math.max(0, q.offset() - q.limit())))),
                    "prev", GEOJSON, "previous page"));
        }
        links.add(link(Links.base(ctx) + "/ogc/collections/" + l.id(), "collection", JSON, l.title()));
        if (wantsHtml(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(OgcHtml.items(l, "[" + features + "]", matched, returned, links, json));
            return;
        }
        StringBuilder sb = new StringBuilder(features.length() + 512);
        sb.append("{\"type\":\"FeatureCollection\",\"numberMatched\":").append(matched)
                .append(",\"numberReturned\":").append(returned)
                .append(",\"timeStamp\":\"").append(Instant.now()).append("\",\"links\":").append(write(links))
                .append(",\"features\":[").append(features).append("]}");
        ctx.contentType(GEOJSON + "; charset=utf-8").result(sb.toString());
    }

    public void item(Context ctx) throws SQLException {
        Layer l = layer(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("fid"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No feature '" + ctx.pathParam("fid") + "' in " + l.id() + " (ids are numbers)");
        }
        String feature;
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c, FeatureSql.item(l, id));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw ApiException.notFound("No feature " + id + " in " + l.id());
            feature = rs.getString(1);
        }
        String self = Links.base(ctx) + "/ogc/collections/" + l.id() + "/items/" + id;
        List<Map<String, Object>> links = List.of(link(self, "self", GEOJSON, null), link(self + "?f=html", "alternate", HTML, null),
                link(Links.base(ctx) + "/ogc/collections/" + l.id(), "collection", JSON, l.title()));
        if (wantsHtml(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(OgcHtml.item(l, feature, json));
            return;
        }
        ctx.contentType(GEOJSON + "; charset=utf-8").result(feature.substring(0, feature.length() - 1) + ",\"links\":" + write(links) + "}");
    }

    private Layer layer(Context ctx) {
        String id = ctx.pathParam("collection");
        return catalog.find(id).orElseThrow(() -> ApiException.notFound("No collection '" + id + "'; known: "
                + catalog.all().stream().map(Layer::id).toList()));
    }

    private static PreparedStatement prepare(Connection c, FeatureSql.Statement s) throws SQLException {
        PreparedStatement ps = c.prepareStatement(s.sql());
        for (int i = 0; i < s.params().size(); i++) ps.setObject(i + 1, s.params().get(i));
        return ps;
    }

    interface HtmlView { String render(Map<String, Object> body, ObjectMapper json); }

    private void respond(Context ctx, Map<String, Object> body, String title, HtmlView html) {
        if (wantsHtml(ctx)) ctx.contentType("text/html; charset=utf-8").result(html.render(body, json));
        else ctx.contentType(JSON + "; charset=utf-8").result(write(body));
    }

    static boolean wantsHtml(Context ctx) {
        String f = ctx.queryParam("f");
        if (f != null) {
            if (f.equals("html")) return true;
            if (f.equals("json") || f.equals("geojson")) return false;
            throw ApiException.badRequest("f must be json or html");
        }
        String accept = ctx.header("Accept");
        if (accept == null) return false;
        int html = accept.indexOf("text/html");
        int js = Math.max(accept.indexOf("json"), -1);
        return html >= 0 && (js < 0 || html < js);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
