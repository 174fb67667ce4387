package org.gridmap.demo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Lays out a town of a synthetic city from its land: the outline grows from the town centre over the terrain
 * (slopes, a land-use field and crossing streams and ridges cost extra, so it stops along them and is no ellipse);
 * units and grids are then grown from evenly spread seeds by the same kind of travel cost, so their boundaries
 * settle on the streams, ridges and — in urban subdistricts — the planned street lattice nearby.
 *
 * <p>Everything is drawn on a {@link PixelGrid}; {@link PixelOutlines} turns the labels into shared boundary lines
 * and {@link Tiling#fromLines} into the exact coverage. A draw that leaves a grid too small or a unit in pieces is
 * discarded and redrawn from stream "grown-n".
 */
final class GrownLayout {
    private static final int ATTEMPTS = 20;
    /** Extra cost, in metres of walking, of crossing a line when the outline grows and when units/grids do. */
    private static final double OUTLINE_BARRIER_M = 300;
    private static final double PARTITION_BARRIER_M = 1200;
    /** Streets are kept this far inside the town, as the road planner keeps every road. */
    private static final double STREET_INSET_M = 30;

    /** A planned street (metres) and its name. */
    record Street(String name, double[][] line) {
    }

    private GrownLayout() {
    }

    static TownLayout.Result build(TownPlan plan, GeometryFactory gf) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return attempt(plan, Rng.derive(plan.seed(), "grown-" + attempt), gf);
            } catch (Tiling.Failure f) {
                last = f;
            }
        }
        throw new IllegalStateException("no valid layout for " + plan.name() + ": " + last.getMessage(), last);
    }

    private static TownLayout.Result attempt(TownPlan plan, Rng rng, GeometryFactory gf) {
        TownKind kind = plan.kind();
        LocalPlane plane = new LocalPlane(plan.centreLon(), plan.centreLat());
        Terrain terrain = Terrain.random(Rng.derive(plan.seed(), "terrain"));
        double h = kind == TownKind.URBAN ? 20 : 25;
        double radius = Math.sqrt(plan.areaKm2() * 1e6 / Math.PI);
        double reach = Math.min(CityPlanner.reachM(), 2 * radius);
        PixelGrid g = new PixelGrid(terrain, reach + 3 * h, h);
        List<Street> lattice = kind.hasStreetGrid() ? streetLattice(reach, rng) : List.of();
        for (Street s : lattice) g.drawLine(s.line());

        Terrain landUse = Terrain.random(rng);
        double[] outlineCost = new double[g.size()];
        double[] partCost = new double[g.size()];
        for (int p = 0; p < g.size(); p++) {
            double x = g.cx(p % g.nx);
            double y = g.cy(p / g.nx);
            double hill = 1 + 10 * kind.ridgeWeight * terrain.slope(x, y);
            partCost[p] = hill;
            outlineCost[p] = hill * Math.exp(0.6 * (landUse.elevation(x, y) - 350) / 120);
        }
        int centre = g.at(0, 0);
        BitSet in = new CostRegions(g, outlineCost, OUTLINE_BARRIER_M)
                .grow(centre, (int) Math.round(plan.areaKm2() * 1e6 / (h * h)), reach);
        int[] town = new int[g.size()];
        for (int p = 0; p < town.length; p++) town[p] = in.get(p) ? 0 : -1;

        CostRegions parts = new CostRegions(g, partCost, PARTITION_BARRIER_M);
        List<UnitPlan> unitPlans = plan.units();
        int n = unitPlans.size();
        int[] unitSeeds = CostRegions.spread(g, town, 0, n, centre, rng);
        int[] unitOfPixel = new int[g.size()];
        java.util.Arrays.fill(unitOfPixel, -1);
        int[] ids = new int[n];
        for (int u = 0; u < n; u++) ids[u] = u;
        parts.label(town, 0, unitSeeds, ids, unitOfPixel);

        double minGridM2 = kind == TownKind.URBAN ? 12_000 : 40_000;
        int[] gridOfPixel = new int[g.size()];
        java.util.Arrays.fill(gridOfPixel, -1);
        List<Coordinate> gridSeeds = new ArrayList<>();
        List<Integer> unitOfGrid = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int count = unitPlans.get(u).grids();
            int[] seeds = CostRegions.spread(g, unitOfPixel, u, count, -1, rng);
            int[] labels = new int[count];
            for (int k = 0; k < count; k++) {
                labels[k] = gridSeeds.size();
                gridSeeds.add(new Coordinate(g.cx(seeds[k] % g.nx), g.cy(seeds[k] / g.nx)));
                unitOfGrid.add(u);
            }
            parts.label(unitOfPixel, u, seeds, labels, gridOfPixel);
        }
        int[] pixels = new int[gridSeeds.size()];
        for (int p : gridOfPixel) if (p >= 0) pixels[p]++;
        for (int s = 0; s < pixels.length; s++) {
            if (pixels[s] * h * h < minGridM2) throw new Tiling.Failure("grid " + s + " of " + plan.name() + " too small");
        }
        int[] unitIdx = unitOfGrid.stream().mapToInt(Integer::intValue).toArray();
        TownTiling tiling = Tiling.fromLines(PixelOutlines.chains(g, gridOfPixel, gf), gridSeeds.size(), unitIdx, n,
                plane, gf, c -> {
                    int p = g.at(c.x, c.y);
                    return p < 0 ? -1 : gridOfPixel[p];
                });
        List<Unit> units = new ArrayList<>();
        for (int u = 0; u < n; u++) units.add(new Unit(unitPlans.get(u), tiling.units().get(u)));
        List<Grid> grids = TownLayout.numberGrids(units, tiling, gridSeeds, unitIdx, Warp.none(), plane, gf);
        Polygon metricTown = TownLayout.toMetric(tiling.town(), plane, gf);
        return new TownLayout.Result(plane, Warp.none(), tiling.town(), units, grids, clip(lattice, metricTown, gf));
    }

    /**
     * Two families of nearly straight streets, 280–380 m apart, across the whole raster: 经 (one direction) and
     * 纬 (across) roads, numbered from the west and the south.
     */
    private static List<Street> streetLattice(double reach, Rng rng) {
        List<Street> out = new ArrayList<>();
        double theta = rng.range(0, Math.PI / 2);
        for (int family = 0; family < 2; family++) {
            double dir = theta + family * (Math.PI / 2 + rng.range(-0.08, 0.08));
            double spacing = rng.range(280, 380);
            double ux = StrictMath.cos(dir);
            double uy = StrictMath.sin(dir);
            double span = reach * 1.5;
            int k = (int) Math.floor(span / spacing);
            int number = 1;
            for (int i = -k; i <= k; i++) {
                double off = i * spacing + rng.range(-30, 30);
                double ax = -uy * off - ux * span;
                double ay = ux * off - uy * span;
                double bx = -uy * off + ux * span;
                double by = ux * off + uy * span;
                List<double[]> pts = new ArrayList<>();
                pts.add(new double[] {ax, ay});
                pts.addAll(Wiggle.between(ax, ay, bx, by, 0.004, 60, rng));
                pts.add(new double[] {bx, by});
                out.add(new Street((family == 0 ? "经" : "纬") + numeral(number++) + "路",
                        pts.toArray(new double[0][])));
            }
        }
        return out;
    }

    /** The streets' pieces inside the town (less the inset), longer than a block's side. */
    private static List<Street> clip(List<Street> streets, Polygon town, GeometryFactory gf) {
        List<Street> out = new ArrayList<>();
        if (streets.isEmpty()) return out;
        Geometry inner = town.buffer(-STREET_INSET_M);
        for (Street s : streets) {
            Coordinate[] c = new Coordinate[s.line().length];
            for (int i = 0; i < c.length; i++) c[i] = new Coordinate(s.line()[i][0], s.line()[i][1]);
            Geometry part = inner.intersection(gf.createLineString(c));
            for (int i = 0; i < part.getNumGeometries(); i++) {
                if (!(part.getGeometryN(i) instanceof LineString ls) || ls.getLength() < 150) continue;
                double[][] line = new double[ls.getNumPoints()][];
                for (int k = 0; k < line.length; k++) line[k] = new double[] {ls.getCoordinateN(k).x, ls.getCoordinateN(k).y};
                out.add(new Street(s.name(), line));
            }
        }
        return out;
    }

    /** 1 → 一, 12 → 十二, 23 → 二十三 (street numbers stay below a hundred). */
    static String numeral(int n) {
        String d = "零一二三四五六七八九";
        int tens = n / 10;
        int ones = n % 10;
        String t = tens == 0 ? "" : (tens == 1 ? "" : String.valueOf(d.charAt(tens))) + "十";
        return t + (ones == 0 && tens > 0 ? "" : String.valueOf(d.charAt(ones)));
    }
}
