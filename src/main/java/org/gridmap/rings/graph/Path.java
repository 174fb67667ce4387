package org.gridmap.rings.graph;

/** A route: seconds and metres along the network, and its line (lon,lat,... from the origin's snapped point to the destination's). */
public record Path(double seconds, double meters, double[] coords) {
    public int pointCount() {
        return coords.length / 2;
    }
}
