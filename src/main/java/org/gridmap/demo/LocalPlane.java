package org.gridmap.demo;

import org.locationtech.jts.geom.Coordinate;

/**
 * A metric plane centred on one town: transverse Mercator with the town's meridian as central meridian, shifted
 * so that the town centre is the origin. Scale error inside a town (a few km) is below 1e-6, so lengths and
 * areas measured here are true ground values.
 */
public final class LocalPlane {
    private final TransverseMercator tm;
    private final double northingOffset;

    public LocalPlane(double lon0, double lat0) {
        this.tm = new TransverseMercator(lon0);
        this.northingOffset = tm.forward(lon0, lat0)[1];
    }

    /** Metres (east, north of the origin) → exact lon/lat, not yet rounded. */
    public Coordinate toLonLat(double x, double y) {
        double[] g = tm.inverse(x, y + northingOffset);
        return new Coordinate(g[0], g[1]);
    }

    /** Metres → lon/lat rounded onto the 1e-7° storage grid. */
    public Coordinate toGrid(double x, double y) {
        double[] g = tm.inverse(x, y + northingOffset);
        return new Coordinate(Fixed7.round(g[0]), Fixed7.round(g[1]));
    }

    public Coordinate toGrid(Coordinate metric) {
        return toGrid(metric.x, metric.y);
    }

    /** lon/lat → metres. */
    public Coordinate toMetric(double lon, double lat) {
        double[] p = tm.forward(lon, lat);
        return new Coordinate(p[0], p[1] - northingOffset);
    }

    public Coordinate toMetric(Coordinate lonLat) {
        return toMetric(lonLat.x, lonLat.y);
    }
}
