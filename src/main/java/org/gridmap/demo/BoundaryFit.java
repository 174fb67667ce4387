package org.gridmap.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * How much of a town's grid boundaries follow the lines real grids are drawn along: the share of the length of
 * grid boundaries inside the town (the town's own outline left out) that lies within a distance of a main or
 * village road, a stream or a ridge. Streams and ridges are those of {@link PixelGrid} on a 25 m raster of the
 * town's terrain, whichever layout made the town, so two layouts of one town are measured against the same land.
 */
final class BoundaryFit {
    /** Boundary within this distance of a line counts as following it. */
    static final double WITHIN_M = 30;
    private static final double STEP_M = 10;

    private BoundaryFit() {
    }

    static double share(TownData town) {
        GeometryFactory gf = new GeometryFactory();
        LocalPlane plane = new LocalPlane(town.plan().centreLon(), town.plan().centreLat());
        Polygon rim = TownLayout.toMetric(town.town(), plane, gf);
        var env = rim.getEnvelopeInternal();
        double half = Math.max(Math.max(Math.abs(env.getMinX()), Math.abs(env.getMaxX())),
                Math.max(Math.abs(env.getMinY()), Math.abs(env.getMaxY()))) + 200;
        PixelGrid g = new PixelGrid(Terrain.random(Rng.derive(town.plan().seed(), "terrain")), half, 25);
        for (Road r : town.network().roads()) {
            if (!r.cls().equals("main") && !r.cls().equals("village")) continue;
            Coordinate[] c = r.line().getCoordinates();
            double[][] line = new double[c.length][];
            for (int i = 0; i < c.length; i++) {
                Coordinate m = plane.toMetric(c[i]);
                line[i] = new double[] {m.x, m.y};
            }
            g.drawLine(line);
        }
        IndexedFacetDistance toRim = new IndexedFacetDistance(rim.getExteriorRing());
        double total = 0;
        double near = 0;
        for (Grid grid : town.grids()) {
            Coordinate[] ring = grid.metric().getExteriorRing().getCoordinates();
            for (int i = 0; i + 1 < ring.length; i++) {
                double len = ring[i].distance(ring[i + 1]);
                int n = Math.max(1, (int) Math.round(len / STEP_M));
                for (int k = 0; k < n; k++) {
                    double t = (k + 0.5) / n;
                    double x = ring[i].x + (ring[i + 1].x - ring[i].x) * t;
                    double y = ring[i].y + (ring[i + 1].y - ring[i].y) * t;
                    if (toRim.distance(gf.createPoint(new Coordinate(x, y))) < 1) continue;
                    total += len / n;
                    if (g.near(g.lines, x, y, WITHIN_M)) near += len / n;
                }
            }
        }
        return total == 0 ? 0 : near / total;
    }
}
