package org.gridmap.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.locationtech.jts.geom.Envelope;

/** Turns the query string of an items request into a {@link FeatureQuery}, refusing what it cannot honour. */
public final class ItemsRequest {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    static final Set<String> STANDARD = Set.of("bbox", "bbox-crs", "datetime", "limit", "offset", "crs", "f");

    private ItemsRequest() { }

    public static FeatureQuery parse(Layer layer, Map<String, List<String>> query) {
        for (String key : query.keySet()) {
            if (!STANDARD.contains(key) && layer.property(key).filter(Property::queryable).isEmpty()) {
                throw ApiException.badRequest("Unknown parameter '" + key + "'. Use " + new java.util.TreeSet<>(STANDARD)
                        + " or a queryable property of " + layer.id() + ": "
                        + layer.queryables().stream().map(Property::name).toList())
                        .says("layers.unknown_param", Map.of("param", key, "standard", new java.util.TreeSet<>(STANDARD),
                                "layer", layer.id(), "queryables", layer.queryables().stream().map(Property::name).toList()));
            }
        }
        QueryParams.single(query);
        // A client asking for more than a page may hold gets the largest page (the spec's advice), not an error:
        // GDAL, for one, stops reading when its page size is refused.
        int limit = (int) Math.min(number(query, "limit", DEFAULT_LIMIT, 1, Long.MAX_VALUE), MAX_LIMIT);
        long offset = number(query, "offset", 0, 0, Long.MAX_VALUE);
        List<Envelope> bbox = bbox(first(query, "bbox"), first(query, "bbox-crs"));
        TimeInterval time = TimeInterval.parse(first(query, "datetime"));
        Crs crs = Crs.parse("crs", first(query, "crs"));
        Map<String, String> filters = new LinkedHashMap<>();
        for (Property p : layer.queryables()) {
            String v = first(query, p.name());
            if (v != null) filters.put(p.name(), v);
        }
        // Collections without time have no feature outside any interval: datetime selects them all.
        return new FeatureQuery(bbox, layer.timeSql() == null ? null : time, limit, offset, filters, crs);
    }

    private static long number(Map<String, List<String>> q, String key, long dflt, long min, long max) {
        String v = first(q, key);
        if (v == null) return dflt;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw max == Long.MAX_VALUE
                    ? ApiException.badRequest("'" + key + "' must be a whole number from " + min + " to any, not '" + v + "'")
                            .says("layers.whole_number_from", Map.of("param", key, "min", min, "value", v))
                    : ApiException.badRequest("'" + key + "' must be a whole number from " + min + " to " + max + ", not '" + v + "'")
                            .says("layers.whole_number", Map.of("param", key, "min", min, "max", max, "value", v));
        }
    }

    /**
     * The bbox as one or two lon/lat boxes: a box whose west edge lies east of its east edge crosses the
     * antimeridian and is split there.
     */
    static List<Envelope> bbox(String raw, String crsParam) {
        if (raw == null) {
            if (crsParam != null) throw ApiException.badRequest("bbox-crs given without bbox").says("layers.bbox_crs_alone", Map.of());
            return List.of();
        }
        Crs crs = Crs.parse("bbox-crs", crsParam);
        String[] parts = raw.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw ApiException.badRequest("bbox needs 4 numbers (minLon,minLat,maxLon,maxLat) or 6 with heights; got "
                    + parts.length).says("layers.bbox_count", Map.of("count", parts.length));
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bbox value '" + parts[i] + "' is not a number")
                        .says("layers.bbox_not_number", Map.of("value", parts[i]));
            }
            if (!Double.isFinite(v[i])) throw ApiException.badRequest("bbox values must be finite numbers").says("layers.bbox_finite", Map.of());
        }
        int half = parts.length / 2;
        double x0 = v[0], y0 = v[1], x1 = v[half], y1 = v[half + 1];
        if (crs.latitudeFirst()) {
            double t = x0; x0 = y0; y0 = t;
            t = x1; x1 = y1; y1 = t;
        }
        if (y0 > y1) throw ApiException.badRequest("bbox: the southern edge lies north of the northern edge")
                .says("layers.bbox_upside_down", Map.of());
        if (x0 < -180 || x0 > 180 || x1 < -180 || x1 > 180 || y0 < -90 || y1 > 90) {
            String order = crs.latitudeFirst() ? "lat,lon" : "lon,lat";
            throw ApiException.badRequest("bbox lies outside longitude −180…180 / latitude −90…90 (axis order "
                    + order + " for " + crs.uri() + ")").says("layers.bbox_outside", Map.of("order", order, "crs", crs.uri()));
        }
        List<Envelope> boxes = new ArrayList<>(2);
        if (x0 <= x1) {
            boxes.add(new Envelope(x0, x1, y0, y1));
        } else {
            boxes.add(new Envelope(x0, 180, y0, y1));
            boxes.add(new Envelope(-180, x1, y0, y1));
        }
        return boxes;
    }

    static String first(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
