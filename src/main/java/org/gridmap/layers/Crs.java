package org.gridmap.layers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmap.http.ApiException;

/**
 * The coordinate reference systems the collections are offered in (OGC API – Features Part 2). The data is
 * stored in EPSG:4326 with longitude first, which is CRS84; EPSG:4326 and EPSG:4490 (CGCS2000) as
 * defined by EPSG put latitude first, so their output and their bbox-crs swap the axes.
 */
public enum Crs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false),
    WGS84("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true),
    CGCS2000("http://www.opengis.net/def/crs/EPSG/0/4490", 4490, true);

    private final String uri;
    private final int srid;
    private final boolean latitudeFirst;

    Crs(String uri, int srid, boolean latitudeFirst) {
        this.uri = uri;
        this.srid = srid;
        this.latitudeFirst = latitudeFirst;
    }

    public String uri() { return uri; }

    public int srid() { return srid; }

    public boolean latitudeFirst() { return latitudeFirst; }

    public static List<String> uris() { return java.util.Arrays.stream(values()).map(Crs::uri).toList(); }

    public static Optional<Crs> find(String uri) {
        return java.util.Arrays.stream(values()).filter(c -> c.uri.equals(uri)).findFirst();
    }

    /** The CRS named by a request parameter; CRS84 when absent; 400 for anything not in the list. */
    public static Crs parse(String param, String value) {
        if (value == null) return CRS84;
        return find(value.trim()).orElseThrow(() -> ApiException.badRequest("'" + param + "' must be one of " + uris()
                + ", not '" + value + "'").says("layers.crs", Map.of("param", param, "known", uris(), "value", value)));
    }

    /** The SQL geometry expression of {@code geom} (stored as CRS84) in this CRS, axes in its own order. */
    String geometrySql(String geom) {
        String g = srid == 4326 ? geom : "ST_Transform(" + geom + ", " + srid + ")";
        return latitudeFirst ? "ST_FlipCoordinates(" + g + ")" : g;
    }

    /** The {@code Content-Crs} header value. */
    public String header() { return "<" + uri + ">"; }
}
