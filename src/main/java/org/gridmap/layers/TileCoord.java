package org.gridmap.layers;

import java.util.Map;
import org.gridmap.http.ApiException;

import org.locationtech.jts.geom.Envelope;

/** A Web Mercator tile address, validated, with its extent in lon/lat. */
public record TileCoord(int z, int x, int y) {
    public static final int MAX_ZOOM = 22;

    public static TileCoord parse(String z, String x, String y) {
        int zi, xi, yi;
        try {
            zi = Integer.parseInt(z);
            xi = Integer.parseInt(x);
            yi = Integer.parseInt(y);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("tile coordinates must be whole numbers: z=" + z + ", x=" + x + ", y=" + y)
                    .says("layers.tile_numbers", Map.of("z", z, "x", x, "y", y));
        }
        if (zi < 0 || zi > MAX_ZOOM) throw ApiException.badRequest("zoom " + zi + " is outside 0–" + MAX_ZOOM)
                .says("layers.tile_zoom", Map.of("z", zi, "max", MAX_ZOOM));
        int n = 1 << zi;
        if (xi < 0 || xi >= n || yi < 0 || yi >= n) {
            throw ApiException.badRequest("tile " + xi + "/" + yi + " does not exist at zoom " + zi
                    + " (x and y run from 0 to " + (n - 1) + ")").says("layers.tile_outside", Map.of("x", xi, "y", yi, "z", zi, "last", n - 1));
        }
        return new TileCoord(zi, xi, yi);
    }

    /** The tile of a route's {@code {z}/{x}/{file}} path, the file being {@code y.mvt} (404 for another ending). */
    public static TileCoord ofFile(String z, String x, String file) {
        if (!file.endsWith(".mvt")) throw ApiException.notFound("Tiles are served as .mvt").says("layers.tiles_mvt", Map.of());
        return parse(z, x, file.substring(0, file.length() - 4));
    }

    /** The tile at zoom {@code z} that holds the place lon/lat (Web Mercator, XYZ numbering). */
    public static TileCoord containing(double lon, double lat, int z) {
        int n = 1 << z;
        double r = Math.toRadians(lat);
        return new TileCoord(z, (int) Math.floor((lon + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n));
    }

    /** The tile's extent in lon/lat, grown by {@code marginFraction} of its size on every side. */
    public Envelope lonLatBounds(double marginFraction) {
        double n = 1 << z;
        double x0 = x - marginFraction, x1 = x + 1 + marginFraction;
        double y0 = y - marginFraction, y1 = y + 1 + marginFraction;
        return new Envelope(lon(x0 / n), lon(x1 / n), lat(y1 / n), lat(y0 / n));
    }

    private static double lon(double fx) { return fx * 360.0 - 180.0; }

    private static double lat(double fy) {
        double clamped = Math.max(0, Math.min(1, fy));
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * clamped))));
    }

    @Override
    public String toString() { return z + "/" + x + "/" + y; }
}
