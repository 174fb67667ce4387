package org.gridmap.layers;

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
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public static final String CGCS2000 = "http://www.opengis.net/def/crs/EPSG/0/4490";
    private static final Set<String> STANDARD = Set.of("bbox", "bbox-crs", "limit", "offset", "f");

    private ItemsRequest() { }

    public static FeatureQuery parse(Layer layer, Map<String, List<String>> query) {
        for (String key : query.keySet()) {
            if (!STANDARD.contains(key) && layer.property(key).filter(Property::queryable).isEmpty()) {
                throw ApiException.badRequest("Unknown parameter '" + key + "'. Use bbox, bbox-crs, limit, offset, f"
                        + " or a queryable property of " + layer.id() + ": "
                        + layer.queryables().stream().map(Property::name).toList());
            }
        }
        int limit = (int) number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = number(query, "offset", 0, 0, Long.MAX_VALUE);
        Envelope bbox = bbox(first(query, "bbox"), first(query, "bbox-crs"));
        Map<String, String> filters = new LinkedHashMap<>();
        for (Property p : layer.queryables()) {
            String v = first(query, p.name());
            if (v != null) filters.put(p.name(), v);
        }
        return new FeatureQuery(bbox, limit, offset, filters);
    }

    private static long number(Map<String, List<String>> q, String key, long dflt, long min, long max) {
        String v = first(q, key);
        if (v == null) return dflt;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + key + "' must be a whole number from " + min + " to "
                    + (max == Long.MAX_VALUE ? "any" : max) + ", not '" + v + "'");
        }
    }

    static Envelope bbox(String raw, String crs) {
        if (raw == null) {
            if (crs != null) throw ApiException.badRequest("bbox-crs given without bbox");
            return null;
        }
        String[] parts = raw.split(",");
        if (parts.length != 4 && parts.length != 6) {
            throw ApiException.badRequest("bbox needs 4 numbers (minLon,minLat,maxLon,maxLat) or 6 with heights; got "
                    + parts.length);
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bbox value '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) throw ApiException.badRequest("bbox values must be finite numbers");
        }
        int half = parts.length / 2;
        double x0 = v[0], y0 = v[1], x1 = v[half], y1 = v[half + 1];
        if (crs != null && !crs.equals(CRS84)) {
            if (!crs.equals(CGCS2000) && !crs.equals("EPSG:4490")) {
                throw ApiException.badRequest("bbox-crs must be " + CRS84 + " or " + CGCS2000);
            }
            // EPSG:4490 orders its axes latitude first; CGCS2000 and WGS84 agree to centimetres.
            double t = x0; x0 = y0; y0 = t;
            t = x1; x1 = y1; y1 = t;
        }
        if (x0 > x1 || y0 > y1) throw ApiException.badRequest("bbox minimum is larger than its maximum");
        if (x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90) {
            throw ApiException.badRequest("bbox lies outside longitude −180…180 / latitude −90…90 (axis order lon,lat)");
        }
        return new Envelope(x0, x1, y0, y1);
    }

    static String first(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
