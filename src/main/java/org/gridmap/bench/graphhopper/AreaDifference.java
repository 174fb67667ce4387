package org.gridmap.bench.graphhopper;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Two isochrone polygons (lon/lat) side by side: each one's area and the area of their symmetric difference, in km²
 * on the plane through the first one's centre. {@link #share()} = symmetric difference / area of the first.
 */
public record AreaDifference(double firstKm2, double secondKm2, double symmetricDifferenceKm2) {
    private static final double METERS_PER_DEGREE = 111_320.0;

    public static AreaDifference of(Geometry first, Geometry second) {
        double lat = first.isEmpty() ? second.getCentroid().getY() : first.getCentroid().getY();
        double k = METERS_PER_DEGREE * METERS_PER_DEGREE * Math.cos(Math.toRadians(lat)) / 1e6;
        Geometry sym = OverlayNGRobust.overlay(first, second, OverlayNG.SYMDIFFERENCE);
        return new AreaDifference(first.getArea() * k, second.getArea() * k, sym.getArea() * k);
    }

    public double share() {
        return firstKm2 > 0 ? symmetricDifferenceKm2 / firstKm2 : Double.NaN;
    }

    /** Second area over first. */
    public double ratio() {
        return firstKm2 > 0 ? secondKm2 / firstKm2 : Double.NaN;
    }
}
