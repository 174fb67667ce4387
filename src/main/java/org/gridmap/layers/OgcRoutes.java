package org.gridmap.layers;

import static org.gridmap.layers.Links.GEOJSON;
import static org.gridmap.layers.Links.HTML;
import static org.gridmap.layers.Links.JSON;
import static org.gridmap.layers.Links.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.http.Lang;

/** OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and Part 2 (CRS) under {@code /ogc}. */
public final class OgcRoutes {
    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    private static final Set<String> F_ONLY = Set.of("f");

    private final FeatureService featureService;
    private final LayerCatalog catalog;
    private final Extents extents;
    private final OpenApiDocument openApi;
    private final ObjectMapper json = new ObjectMapper();

    public OgcRoutes(FeatureService featureService, LayerCatalog catalog, Extents extents, OpenApiDocument openApi) {
        this.featureService = featureService;
        this.catalog = catalog;
        this.extents = extents;
        this.openApi = openApi;
    }

    public void landing(Context ctx) {
        QueryParams.allow(ctx.queryParamMap(), F_ONLY, "the landing page");
        String b = Links.base(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "gridmap");
        body.put("description", "Grids, service facilities, roads, households and geological hazards of the township.");
        body.put("links", List.of(
                link(b + "/ogc?f=json", "self", JSON, "this document"),
                link(b + "/ogc?f=html", "alternate", HTML, "this document as HTML"),
                link(b + "/ogc/api?f=json", "service-desc", OPENAPI, "the API definition"),
                link(b + "/ogc/api?f=html", "service-doc", HTML, "the API documentation"),
                link(b + "/ogc/conformance?f=json", "conformance", JSON, "conformance classes"),
                link(b + "/ogc/collections?f=json", "data", JSON, "the collections")));
        respond(ctx, body, OgcHtml::landing);
    }

    public void conformance(Context ctx) {
        QueryParams.allow(ctx.queryParamMap(), F_ONLY, "conformance");
        String b = Links.base(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", List.of(link(b + "/ogc/conformance?f=json", "self", JSON, null),
                link(b + "/ogc/conformance?f=html", "alternate", HTML, null)));
        body.put("conformsTo", CONFORMANCE);
        respond(ctx, body, OgcHtml::conformance);
    }

    public void api(Context ctx) {
        QueryParams.allow(ctx.queryParamMap(), F_ONLY, "the API definition");
        String doc = openApi.json(Links.base(ctx));
        ctx.header("Vary", "Accept, Accept-Encoding, Accept-Language");
        if (wantsHtml(ctx)) html(ctx).result(OpenApiHtml.render(doc, json, Lang.of(ctx)));
        else ctx.contentType(OPENAPI + "; charset=utf-8").result(doc);
    }

    public void collections(Context ctx) throws SQLException {
        QueryParams.allow(ctx.queryParamMap(), F_ONLY, "the collections");
        String b = Links.base(ctx);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Layer l : catalog.all()) list.add(describe(b, l));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", List.of(link(b + "/ogc/collections?f=json", "self", JSON, null),
                link(b + "/ogc/collections?f=html", "alternate", HTML, null)));
        body.put("crs", Crs.uris());
        body.put("collections", list);
        respond(ctx, body, OgcHtml::collections);
    }

    public void collection(Context ctx) throws SQLException {
        Layer l = layer(ctx);
        QueryParams.allow(ctx.queryParamMap(), F_ONLY, "a collection");
        respond(ctx, describe(Links.base(ctx), l), OgcHtml::collection);
    }

    public void queryables(Context ctx) {
        Layer l = layer(ctx);
        QueryParams.allow(ctx.queryParamMap(), F_ONLY, "queryables");
        String f = ctx.queryParam("f");
        if (f != null && !f.equals("json")) throw ApiException.badRequest("queryables are served as JSON Schema: f=json")
                .says("layers.queryables_json", Map.of());
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
        Extents.Extent e = extents.extent(l);
        Map<String, Object> extent = new LinkedHashMap<>();
        if (e.bbox() != null) {
            double[] x = e.bbox();
            extent.put("spatial", Map.of("bbox", List.of(List.of(x[0], x[1], x[2], x[3])), "crs", Crs.CRS84.uri()));
        }
        if (e.first() != null) {
            extent.put("temporal", Map.of("interval", List.of(Arrays.asList(e.first().toString(), e.last().toString())),
                    "trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
        }
        if (!extent.isEmpty()) c.put("extent", extent);
        c.put("crs", Crs.uris());
        c.put("storageCrs", Crs.CRS84.uri());
        c.put("links", List.of(
                link(self + "?f=json", "self", JSON, null),
                link(self + "?f=html", "alternate", HTML, null),
                link(self + "/items?f=json", "items", GEOJSON, l.title() + " as GeoJSON"),
                link(self + "/items?f=html", "items", HTML, l.title() + " as HTML"),
                link(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", null),
                link(b + "/tiles/" + l.id() + ".json", "tiles", JSON, "vector tiles (TileJSON)")));
        return c;
    }

    public void items(Context ctx) throws SQLException {
        Layer l = layer(ctx);
        FeatureQuery q = ItemsRequest.parse(l, ctx.queryParamMap());
        boolean html = wantsHtml(ctx);
        FeatureService.Page page = featureService.items(l, q);
        String features = page.features();
        int returned = page.returned();
        long matched = page.matched();
        String type = html ? HTML : GEOJSON;
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(Links.withParams(ctx, Map.of("f", html ? "html" : "json")), "self", type, null));
        links.add(link(Links.withParams(ctx, Map.of("f", html ? "json" : "html")), "alternate", html ? GEOJSON : HTML, null));
        if (q.offset() + returned < matched) {
            links.add(link(Links.withParams(ctx, Map.of("offset", Long.toString(q.offset() + q.limit()))), "next", type, "next page"));
        }
        if (q.offset() > 0) {
            links.add(link(Links.withParams(ctx, Map.of("offset", Long.toString(Math.max(0, q.offset() - q.limit())))),
                    "prev", type, "previous page"));
        }
        links.add(link(Links.base(ctx) + "/ogc/collections/" + l.id() + "?f=json", "collection", JSON, l.title()));
        headers(ctx, links);
        ctx.header("Content-Crs", q.crs().header());
        if (html) {
            html(ctx).result(OgcHtml.items(l, "[" + features + "]", matched, returned, links, json, Lang.of(ctx)));
            return;
        }
        // The ETag covers everything but the time stamp, so an unchanged page revalidates with 304.
        String tagged = ",\"links\":" + write(links) + ",\"features\":[" + features + "]}";
        String head = "{\"type\":\"FeatureCollection\",\"numberMatched\":" + matched + ",\"numberReturned\":" + returned;
        String hash = Representation.hash((head + tagged + q.crs()).getBytes(StandardCharsets.UTF_8));
        byte[] body = (head + ",\"timeStamp\":\"" + Instant.now() + "\"" + tagged).getBytes(StandardCharsets.UTF_8);
        Representation.send(ctx, GEOJSON + "; charset=utf-8", body, () -> Representation.gzip(body), hash);
    }

    public void item(Context ctx) throws SQLException {
        Layer l = layer(ctx);
        QueryParams.allow(ctx.queryParamMap(), Set.of("f", "crs"), "a feature");
        Crs crs = Crs.parse("crs", ctx.queryParam("crs"));
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("fid"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No feature '" + ctx.pathParam("fid") + "' in " + l.id() + " (ids are numbers)")
                    .says("layers.feature_id", Map.of("fid", ctx.pathParam("fid"), "layer", l.id()));
        }
        boolean html = wantsHtml(ctx);
        String feature = featureService.item(l, id, crs).orElseThrow(() -> ApiException.notFound("No feature " + id + " in " + l.id())
                .says("layers.no_feature", Map.of("fid", id, "layer", l.id())));
        List<Map<String, Object>> links = List.of(
                link(Links.withParams(ctx, Map.of("f", html ? "html" : "json")), "self", html ? HTML : GEOJSON, null),
                link(Links.withParams(ctx, Map.of("f", html ? "json" : "html")), "alternate", html ? GEOJSON : HTML, null),
                link(Links.base(ctx) + "/ogc/collections/" + l.id() + "?f=json", "collection", JSON, l.title()));
        headers(ctx, links);
        ctx.header("Content-Crs", crs.header());
        if (html) {
            html(ctx).result(OgcHtml.item(l, feature, links, json, Lang.of(ctx)));
            return;
        }
        byte[] body = (feature.substring(0, feature.length() - 1) + ",\"links\":" + write(links) + "}")
                .getBytes(StandardCharsets.UTF_8);
        Representation.send(ctx, GEOJSON + "; charset=utf-8", body, () -> Representation.gzip(body), Representation.hash(body));
    }

    private Layer layer(Context ctx) {
        String id = ctx.pathParam("collection");
        List<String> known = catalog.all().stream().map(Layer::id).toList();
        return catalog.find(id).orElseThrow(() -> ApiException.notFound("No collection '" + id + "'; known: " + known)
                .says("layers.no_collection", Map.of("id", id, "known", known)));
    }

    interface HtmlView { String render(Map<String, Object> body, ObjectMapper json, Lang lang); }

    /** An HTML page: its fixed texts are in the reader's language. */
    private static Context html(Context ctx) {
        return ctx.contentType("text/html; charset=utf-8").header("Content-Language", Lang.of(ctx).tag());
    }

    @SuppressWarnings("unchecked")
    private void respond(Context ctx, Map<String, Object> body, HtmlView html) {
        boolean asHtml = wantsHtml(ctx);
        List<Map<String, Object>> links = (List<Map<String, Object>>) body.getOrDefault("links", List.of());
        headers(ctx, asHtml ? Links.swapSelf(links) : links);
        if (asHtml) html(ctx).result(html.render(body, json, Lang.of(ctx)));
        else ctx.contentType(JSON + "; charset=utf-8").result(write(body));
    }

    /**
     * The representation depends on Accept (JSON or HTML) and on Accept-Encoding (compression), so caches must
     * key on both; the main links travel as a {@code Link} header too (RFC 8288).
     */
    private static void headers(Context ctx, List<Map<String, Object>> links) {
        ctx.header("Vary", "Accept, Accept-Encoding, Accept-Language");
        String header = Links.header(links);
        if (!header.isEmpty()) ctx.header("Link", header);
    }

    static boolean wantsHtml(Context ctx) {
        String f = ctx.queryParam("f");
        if (f != null) {
            if (f.equals("html")) return true;
            if (f.equals("json") || f.equals("geojson")) return false;
            throw ApiException.badRequest("f must be json or html").says("layers.f", Map.of());
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
