package org.gridmap.rings.graph;

/**
 * Equirectangular metres around a centre: x = Δlon·cos(lat0)·R·π/180, y = Δlat·R·π/180. Across one city
 * (±0.5° of latitude) the east-west scale drifts by under 1 %, which is far below what routing needs; distances
 * that are shown to users are measured in a frame centred on the query instead (see {@link #around}).
 */
record LocalProjection(double lon0, double lat0, double kx, double ky) {
    static final double EARTH_RADIUS_M = 6_371_008.8;
    static final double METERS_PER_DEGREE = EARTH_RADIUS_M * Math.PI / 180;

    static LocalProjection around(double lon0, double lat0) {
        return new LocalProjection(lon0, lat0, METERS_PER_DEGREE * Math.cos(Math.toRadians(lat0)), METERS_PER_DEGREE);
    }

    double x(double lon) {
        return (lon - lon0) * kx;
    }

    double y(double lat) {
        return (lat - lat0) * ky;
    }

    double lon(double x) {
        return lon0 + x / kx;
    }

    double lat(double y) {
        return lat0 + y / ky;
    }

    double meters(double lonA, double latA, double lonB, double latB) {
        return Math.hypot((lonB - lonA) * kx, (latB - latA) * ky);
    }
}
