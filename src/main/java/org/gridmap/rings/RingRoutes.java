package org.gridmap.rings;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.http.QueryNumbers;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * HTTP for the rings: policy, nearest service point, compliance, isochrones, coverage layers, gaps and new sites.
 * Parses the query, asks the engine's current network (through {@link RingService} where an answer computes), and
 * writes JSON.
 */
public final class RingRoutes {
    private final RingService service;
    private final RingEngine engine;
    private final NearestServiceFinder finder;

    public RingRoutes(RingService service) {
        this.service = service;
        this.engine = service.engine();
        this.finder = new NearestServiceFinder(engine);
    }

    public void policy(Context ctx) { ctx.json(engine.policy().document()); }

    public void nearest(Context ctx) {
        double lon = number(ctx, "lon", Double.NaN);
        double lat = number(ctx, "lat", Double.NaN);
        int k = (int) number(ctx, "k", 1);
        ctx.json(finder.find(lon, lat, k));
    }

    public void compliance(Context ctx) {
        int worst = (int) number(ctx, "worst", 10);
        if (worst < 0 || worst > 1000) throw ApiException.badRequest("worst must be from 0 to 1000").says("rings.worst", Map.of());
        ctx.json(ComplianceReport.compute(engine.network(), worst));
    }

    /** The compliance tables for the town office: ?format=csv|xlsx, ?lang=zh|en. */
    public void complianceExport(Context ctx) throws java.io.IOException {
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        String lang = ctx.queryParam("lang") == null ? "zh" : ctx.queryParam("lang");
        if (!lang.equals("zh") && !lang.equals("en")) throw ApiException.badRequest("lang must be zh or en");
        boolean english = lang.equals("en");
        var rows = ComplianceExport.rows(ComplianceReport.compute(engine.network(), 1), english); // worst ≥ 1: with villages and grids
        String file = english ? "ring-compliance" : "四环达标率";
        byte[] body = switch (format) {
            case "csv" -> {
                ctx.contentType("text/csv; charset=utf-8");
                yield ComplianceExport.csv(rows, english);
            }
            case "xlsx" -> {
                ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                yield ComplianceExport.xlsx(rows, english);
            }
            default -> throw ApiException.badRequest("format must be csv or xlsx");
        };
        ctx.header("Content-Disposition", "attachment; filename=\"" + (english ? file : "compliance") + "." + format
                + "\"; filename*=UTF-8''" + java.net.URLEncoder.encode(file, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                + "." + format);
        ctx.result(body);
    }

    public void isochrone(Context ctx) {
        String ref = ctx.queryParam("facility");
        if (ref == null) throw ApiException.badRequest("Name the facility: ?facility=ID or code").says("rings.name_facility", Map.of());
        Double minutes = ctx.queryParam("minutes") == null ? null : number(ctx, "minutes", Double.NaN);
        RingService.Isochrone iso = service.isochrone(ref, minutes);
        double areaReached = Circles.areaKm2(iso.reached()), areaCircle = Circles.areaKm2(iso.circle());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "FeatureCollection");
        out.put("facility", NearestServiceFinder.facilityJson(iso.network(), iso.facility()));
        out.put("minutes", iso.minutes());
        out.put("features", List.of(
                feature(iso.reached(), Map.of("kind", "network", "minutes", iso.minutes(), "areaKm2", round3(areaReached),
                        "reachedNodes", iso.reachedNodes())),
                feature(iso.circle(), Map.of("kind", "radius", "minutes", iso.minutes(), "radiusMeters", Math.round(iso.radiusMeters()),
                        "areaKm2", round3(areaCircle)))));
        out.put("detourFactor", round3(areaCircle / Math.max(1e-9, areaReached)));
        ctx.json(out);
    }

    /** Households coloured by seconds to their nearest service point (ring 4), optionally inside a bbox. */
    public void householdLayer(Context ctx) {
        RingNetwork net = engine.network();
        double[] bbox = bbox(ctx.queryParam("bbox"));
        double limit = net.policy.ring(4).limitSeconds();
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"limitSeconds\":").append(limit).append(",\"features\":[");
        TownModel t = net.town;
        boolean first = true;
        for (int i = 0; i < t.householdCount(); i++) {
            double lon = t.householdLon[i], lat = t.householdLat[i];
            if (bbox != null && (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3])) continue;
            double s = net.householdSeconds(i);
            if (!first) sb.append(',');
            first = false;
            sb.append("{\"type\":\"Feature\",\"id\":").append(t.householdId.get(i))
                    .append(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[").append(lon).append(',').append(lat)
                    .append("]},\"properties\":{\"seconds\":").append(Double.isFinite(s) ? Long.toString(Math.round(s)) : "null")
                    .append(",\"ok\":").append(s <= limit).append(",\"members\":").append(t.householdMembers.get(i)).append("}}");
        }
        ctx.contentType("application/geo+json; charset=utf-8").result(sb.append("]}").toString());
    }

    public void gaps(Context ctx) {
        RingNetwork net = engine.network();
        List<Map<String, Object>> features = new ArrayList<>();
        for (GapFinder.Gap g : GapFinder.find(net, 150, (int) number(ctx, "min", 3))) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("households", g.households());
            p.put("people", g.people());
            p.put("worstSeconds", Double.isFinite(g.worstSeconds()) ? Math.round(g.worstSeconds()) : null);
            p.put("meanSeconds", Math.round(g.meanSeconds()));
            p.put("areaKm2", round3(Circles.areaKm2(g.area())));
            features.add(feature(g.area(), p));
        }
        ctx.json(Map.of("type", "FeatureCollection", "features", features));
    }

    public void suggestions(Context ctx) {
        int count = (int) number(ctx, "count", 3);
        if (count < 1 || count > 50) throw ApiException.badRequest("count must be from 1 to 50").says("rings.count", Map.of());
        RingService.Suggestions answer = service.suggestions(count);
        RingNetwork net = answer.network();
        List<Map<String, Object>> out = new ArrayList<>();
        int rank = 1;
        for (SiteSuggester.Site s : answer.sites()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", rank++);
            m.put("lon", s.lon());
            m.put("lat", s.lat());
            TownModel.Grid g = net.town.gridAt(s.lon(), s.lat());
            m.put("grid", g == null ? null : NearestServiceFinder.gridJson(g));
            m.put("village", g == null ? null : g.villageJson());
            m.put("households", s.households());
            m.put("people", s.people());
            List<Long> ids = new ArrayList<>();
            for (int i : s.householdIndexes()) ids.add(net.town.householdId.get(i));
            m.put("householdIds", ids);
            out.add(m);
        }
        int total = answer.households();
        long late = answer.householdsBeyond();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limitSeconds", answer.limitSeconds());
        body.put("householdsBeyond", late);
        body.put("shareBefore", total == 0 ? null : round3(1 - (double) late / total));
        body.put("shareAfter", total == 0 ? null : round3(1 - (double) (late - answer.householdsGained()) / total));
        body.put("suggestions", out);
        ctx.json(body);
    }

    /** Adds these operations to the OpenAPI document. */
    public static void describe(org.gridmap.layers.OpenApiDocument api) {
        api.add("/api/rings", "get", "The ring policy: minutes, modes and speeds of the four rings", List.of(), false);
        api.add("/api/rings/compliance/export", "get", "The compliance tables per ring, town, village and grid as CSV or XLSX",
                List.of(org.gridmap.layers.OpenApiDocument.param("format", "query", "string", false, "csv (default) or xlsx"),
                        org.gridmap.layers.OpenApiDocument.param("lang", "query", "string", false, "zh (default) or en")), false);
        api.add("/api/rings/compliance", "get", "Per ring: origins, within promise, share, worst offenders; per village and grid",
                List.of(org.gridmap.layers.OpenApiDocument.param("worst", "query", "integer", false, "offenders to list (default 10)")), false);
        api.add("/api/nearest", "get", "Nearest service point on foot with route, grid, staff and the ring chain",
                List.of(org.gridmap.layers.OpenApiDocument.param("lon", "query", "number", true, "longitude (EPSG:4326)"),
                        org.gridmap.layers.OpenApiDocument.param("lat", "query", "number", true, "latitude (EPSG:4326)"),
                        org.gridmap.layers.OpenApiDocument.param("k", "query", "integer", false, "also list the k nearest (1–10)")), false);
        api.add("/api/isochrones", "get", "Network isochrone of a facility and its plain coverage circle",
                List.of(org.gridmap.layers.OpenApiDocument.param("facility", "query", "string", true, "facility id or code"),
                        org.gridmap.layers.OpenApiDocument.param("minutes", "query", "number", false, "default: the ring's promise")), false);
        api.add("/api/coverage/households", "get", "Households with seconds to their nearest service point",
                List.of(org.gridmap.layers.OpenApiDocument.param("bbox", "query", "string", false, "minLon,minLat,maxLon,maxLat")), false);
        api.add("/api/coverage/gaps", "get", "Areas whose households are beyond the ring-4 promise", List.of(), false);
        api.add("/api/coverage/suggestions", "get", "New service-point sites that bring the most households within 5 minutes",
                List.of(org.gridmap.layers.OpenApiDocument.param("count", "query", "integer", false, "how many sites (1–50)")), false);
    }

    private static Map<String, Object> feature(Geometry g, Map<String, Object> props) {
        GeoJsonWriter w = new GeoJsonWriter(7);
        w.setEncodeCRS(false);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        try {
            f.put("geometry", new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.write(g)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        f.put("properties", props);
        return f;
    }

    private static double[] bbox(String raw) {
        if (raw == null) return null;
        String[] p = raw.split(",");
        if (p.length != 4) throw ApiException.badRequest("bbox needs 4 numbers: minLon,minLat,maxLon,maxLat").says("rings.bbox", Map.of());
        double[] v = new double[4];
        try {
            for (int i = 0; i < 4; i++) v[i] = Double.parseDouble(p[i].trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bbox values must be numbers").says("rings.bbox_numbers", Map.of());
        }
        return v;
    }

    static double number(Context ctx, String name, double dflt) { return QueryNumbers.number(ctx, name, dflt); }

    static double round3(double v) { return Math.round(v * 1000) / 1000.0; }
}
