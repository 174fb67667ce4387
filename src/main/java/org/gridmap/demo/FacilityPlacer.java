package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Places the facilities of one town: the town service center, one station per unit, one hub per grid and the
 * service points, each well inside its grid.
 *
 * <p>Service points sit near their grid's hub on low ground, the way courtyards cluster along a valley road;
 * this leaves hillsides far from any point, which is where the later coverage analysis finds its gaps.
 */
final class FacilityPlacer {
    /** Every facility is at least this far inside its grid (the spec asks for 5 m; paths need room). */
    static final double MARGIN = 25;
    private final TownPlan plan;
    private final TownLayout.Result town;
    private final Terrain terrain;
    private final Rng rng;
    private final GeometryFactory gf;
    private final List<IndexedPointInAreaLocator> inGrid = new ArrayList<>();
    private final List<IndexedFacetDistance> toRim = new ArrayList<>();

    FacilityPlacer(TownPlan plan, TownLayout.Result town, Terrain terrain, Rng rng, GeometryFactory gf) {
        this.plan = plan;
        this.town = town;
        this.terrain = terrain;
        this.rng = rng;
        this.gf = gf;
        for (Grid g : town.grids()) {
            inGrid.add(new IndexedPointInAreaLocator(g.metric()));
            toRim.add(new IndexedFacetDistance(g.metric().getExteriorRing()));
        }
    }

    /** Center first, then stations in unit order, then per grid its hub and points. */
    List<Facility> place() {
        List<Grid> grids = town.grids();
        List<Unit> units = town.units();
        List<Facility> out = new ArrayList<>();
        int communityUnit = 0;
        for (int u = 0; u < units.size(); u++) if (units.get(u).plan().community()) communityUnit = u;

        Coordinate centre = settle(new Coordinate(0, 0), communityUnit);
        int centreGrid = gridAt(centre);
        out.add(facility(plan.code() + "C", "center",
                plan.name() + "社会服务管理中心", centreGrid, centre));

        List<Coordinate> stations = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            UnitPlan up = units.get(u).plan();
            Coordinate want;
            if (up.community()) {
                double dir = rng.range(0, 2 * Math.PI);
                want = new Coordinate(centre.x + 220 * StrictMath.cos(dir), centre.y + 220 * StrictMath.sin(dir));
            } else if (up.hasFixedCentre()) {
                want = town.plane().toMetric(up.centreLon(), up.centreLat());
            } else {
                want = TownLayout.toMetric(units.get(u).area(), town.plane(), gf).getInteriorPoint().getCoordinate();
            }
            Coordinate s = settle(want, u);
            stations.add(s);
            out.add(facility(up.code() + "S", "station", up.name() + "便民服务站", gridAt(s), s));
        }

        int[] pointsPerGrid = pointsPerGrid();
        for (int g = 0; g < grids.size(); g++) {
            Grid grid = grids.get(g);
            List<Coordinate> taken = new ArrayList<>();
            for (Facility f : out) if (f.grid() == g) taken.add(f.metric());
            Coordinate hub = hub(g, taken);
            out.add(facility(grid.code() + "H", "grid", grid.name() + "服务室", g, hub));
            taken.add(hub);
            List<Coordinate> pts = points(g, hub, taken, pointsPerGrid[g]);
            pts.sort(Comparator.comparingDouble((Coordinate c) -> -c.y).thenComparingDouble(c -> c.x));
            for (int i = 0; i < pts.size(); i++) {
                out.add(facility(grid.code() + "P" + String.format("%02d", i + 1), "point",
                        grid.name() + "第" + (i + 1) + "服务点", g, pts.get(i)));
            }
        }
        return out;
    }

    private Facility facility(String code, String level, String name, int grid, Coordinate metric) {
        return new Facility(code, level, name, grid, metric, town.plane().toGrid(metric));
    }

    /** Points per grid: fixed unit totals kept, the rest shared by area; every grid gets at least one. */
    private int[] pointsPerGrid() {
        List<Grid> grids = town.grids();
        List<Unit> units = town.units();
        int[] perUnit = new int[units.size()];
        int[] gridsOf = new int[units.size()];
        for (Grid g : grids) gridsOf[g.unit()]++;
        int left = plan.totalPoints();
        List<Integer> shared = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            int fixed = units.get(u).plan().points();
            if (fixed >= 0) {
                perUnit[u] = fixed;
                left -= fixed;
            } else {
                shared.add(u);
                left -= gridsOf[u];
            }
        }
        double[] w = new double[shared.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = TownLayout.toMetric(units.get(shared.get(i)).area(), town.plane(), gf).getArea();
        }
        int[] extra = SeedLayout.apportion(w, left, 0);
        for (int i = 0; i < w.length; i++) perUnit[shared.get(i)] = gridsOf[shared.get(i)] + extra[i];
        int[] out = new int[grids.size()];
        for (int u = 0; u < units.size(); u++) {
            List<Integer> mine = new ArrayList<>();
            for (int g = 0; g < grids.size(); g++) if (grids.get(g).unit() == u) mine.add(g);
            double[] gw = new double[mine.size()];
            for (int i = 0; i < gw.length; i++) gw[i] = grids.get(mine.get(i)).metric().getArea();
            int[] got = SeedLayout.apportion(gw, perUnit[u], 1);
            for (int i = 0; i < gw.length; i++) out[mine.get(i)] = got[i];
        }
        return out;
    }

    private Coordinate hub(int g, List<Coordinate> taken) {
        Grid grid = town.grids().get(g);
        Coordinate heart = settleIn(grid.heart(), g);
        if (minDistance(heart, taken) >= 150) return heart;
        Coordinate best = null;
        for (Coordinate c : candidates(g, 60)) {
            if (minDistance(c, taken) < 150) continue;
            if (best == null || c.distance(heart) < best.distance(heart)) best = c;
        }
        return best != null ? best : farthest(candidates(g, 60), taken);
    }

    private List<Coordinate> points(int g, Coordinate hub, List<Coordinate> taken, int count) {
        List<Coordinate> cands = candidates(g, 120);
        double low = Double.MAX_VALUE;
        for (Coordinate c : cands) low = Math.min(low, terrain.elevation(c.x, c.y));
        List<Coordinate> chosen = new ArrayList<>();
        List<Coordinate> all = new ArrayList<>(taken);
        for (int i = 0; i < count; i++) {
            Coordinate pick = null;
            for (double spacing : new double[] {140, 100, 60}) {
                double bestScore = Double.MAX_VALUE;
                for (Coordinate c : cands) {
                    if (minDistance(c, all) < spacing) continue;
                    double score = c.distance(hub) + 0.8 * (terrain.elevation(c.x, c.y) - low);
                    if (score < bestScore) {
                        bestScore = score;
                        pick = c;
                    }
                }
                if (pick != null) break;
            }
            if (pick == null) pick = farthest(cands, all);
            chosen.add(pick);
            all.add(pick);
        }
        return chosen;
    }

    /** Random positions at least {@link #MARGIN} inside grid g. */
    private List<Coordinate> candidates(int g, int n) {
        Polygon p = town.grids().get(g).metric();
        List<Coordinate> out = new ArrayList<>();
        for (Coordinate c : SeedLayout.sample(p, n * 3, rng)) {
            if (out.size() < n && inside(g, c) >= MARGIN) out.add(c);
        }
        if (out.isEmpty()) out.add(p.getInteriorPoint().getCoordinate());
        return out;
    }

    /** {@code want} if it is well inside a grid of unit u, else the nearest well-inside spot of that grid. */
    private Coordinate settle(Coordinate want, int u) {
        int g = gridAt(want);
        if (g < 0 || town.grids().get(g).unit() != u) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < town.grids().size(); i++) {
                Grid gr = town.grids().get(i);
                if (gr.unit() == u && gr.heart().distance(want) < best) {
                    best = gr.heart().distance(want);
                    g = i;
                }
            }
        }
        return settleIn(want, g);
    }

    private Coordinate settleIn(Coordinate want, int g) {
        if (inside(g, want) >= MARGIN) return new Coordinate(want);
        Coordinate best = null;
        for (Coordinate c : candidates(g, 80)) if (best == null || c.distance(want) < best.distance(want)) best = c;
        return best;
    }

    /** Distance inside grid g's boundary, negative when outside. */
    private double inside(int g, Coordinate c) {
        boolean in = inGrid.get(g).locate(c) == Location.INTERIOR;
        double d = toRim.get(g).distance(gf.createPoint(c));
        return in ? d : -d;
    }

    int gridAt(Coordinate c) {
        for (int g = 0; g < inGrid.size(); g++) if (inGrid.get(g).locate(c) == Location.INTERIOR) return g;
        return -1;
    }

    private static double minDistance(Coordinate c, List<Coordinate> others) {
        double d = Double.MAX_VALUE;
        for (Coordinate o : others) d = Math.min(d, c.distance(o));
        return d;
    }

    private static Coordinate farthest(List<Coordinate> cands, List<Coordinate> from) {
        Coordinate best = cands.get(0);
        for (Coordinate c : cands) if (minDistance(c, from) > minDistance(best, from)) best = c;
        return best;
    }
}
