package org.gridmap.rings;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Metric shapes around a lon/lat on a local tangent plane (exact enough within a few kilometres). */
final class Circles {
    static final double METERS_PER_DEGREE = 111_320.0;

    private Circles() { }

    static Geometry circle(double lon, double lat, double radiusMeters, GeometryFactory gf) {
        double kx = METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
        Coordinate[] ring = new Coordinate[65];
        for (int i = 0; i < 64; i++) {
            double a = 2 * Math.PI * i / 64;
            ring[i] = new Coordinate(lon + radiusMeters * Math.cos(a) / kx, lat + radiusMeters * Math.sin(a) / METERS_PER_DEGREE);
        }
        ring[64] = ring[0];
        return gf.createPolygon(ring);
    }

    /** Area of a lon/lat geometry in km², on the plane through its centre. */
    static double areaKm2(Geometry g) {
        double lat = g.getCentroid().getY();
        return g.getArea() * METERS_PER_DEGREE * METERS_PER_DEGREE * Math.cos(Math.toRadians(lat)) / 1e6;
    }

    static double meters(double lon1, double lat1, double lon2, double lat2) {
        double kx = METERS_PER_DEGREE * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        double dx = (lon2 - lon1) * kx, dy = (lat2 - lat1) * METERS_PER_DEGREE;
        return Math.sqrt(dx * dx + dy * dy);
    }
}
