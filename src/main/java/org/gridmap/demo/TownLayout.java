package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Lays out one town's polygons: boundary, unit seeds, grid seeds spread evenly inside each unit, then the exact
 * tiling and the numbered grids. A random draw that does not yield one polygon per unit and grid is discarded
 * and redrawn (deterministically: attempt n uses stream "layout-n").
 */
final class TownLayout {
    /** Each unit gets at least this many grids when grids are shared by area. */
    private static final int MIN_GRIDS = 3;
    private static final int ATTEMPTS = 30;

    /**
     * The laid-out town: plane, warp and terrain are shared with the later stages; {@code streets} are lines the
     * layout cut grids along and the road planner must draw (empty where the layout planned none).
     */
    record Result(LocalPlane plane, Warp warp, Polygon town, List<Unit> units, List<Grid> grids,
                  List<GrownLayout.Street> streets) {
    }

    private TownLayout() {
    }

    static Result build(TownPlan plan, GeometryFactory metricGf, GeometryFactory gf) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return attempt(plan, Rng.derive(plan.seed(), "layout-" + attempt), metricGf, gf);
            } catch (Tiling.Failure f) {
                last = f;
            }
        }
        throw new IllegalStateException("no valid layout for " + plan.name() + ": " + last.getMessage(), last);
    }

    private static Result attempt(TownPlan plan, Rng rng, GeometryFactory metricGf, GeometryFactory gf) {
        LocalPlane plane = new LocalPlane(plan.centreLon(), plan.centreLat());
        Warp warp = Warp.random(rng);
        Polygon town = TownShape.build(plan, rng, warp, metricGf);
        List<UnitPlan> unitPlans = plan.units();
        int n = unitPlans.size();

        // Unit seeds live in the pre-warp plane: a published centre is pulled back through the warp so that,
        // once bent, the unit lies around the published place.
        List<Coordinate> unitSeeds = new ArrayList<>();
        boolean[] fixed = new boolean[n];
        List<Coordinate> free = SeedLayout.sample(town, n, rng);
        for (int u = 0; u < n; u++) {
            UnitPlan up = unitPlans.get(u);
            Coordinate m = up.hasFixedCentre() ? plane.toMetric(up.centreLon(), up.centreLat())
                    : up.community() ? new Coordinate(0, 0) : null;
            if (m != null) {
                double[] pre = warp.invert(m.x, m.y);
                unitSeeds.add(new Coordinate(pre[0], pre[1]));
                fixed[u] = true;
            } else {
                unitSeeds.add(free.get(u));
            }
        }
        SeedLayout.relax(town, unitSeeds, fixed, 12, rng);
        IndexedFacetDistance rim = new IndexedFacetDistance(town.getBoundary());
        for (int u = 0; u < n; u++) {
            var seed = metricGf.createPoint(unitSeeds.get(u));
            if (!town.contains(seed) || rim.distance(seed) < 300) {
                throw new Tiling.Failure("centre of " + unitPlans.get(u).name() + " too close to the town boundary");
            }
        }
        List<Geometry> cells = unitCells(unitSeeds, town, metricGf);

        int[] gridCount = new int[n];
        int fixedGrids = 0;
        List<Integer> shared = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            if (unitPlans.get(u).grids() >= 0) {
                gridCount[u] = unitPlans.get(u).grids();
                fixedGrids += gridCount[u];
            } else {
                shared.add(u);
            }
        }
        if (!shared.isEmpty()) {
            double[] w = new double[shared.size()];
            for (int i = 0; i < w.length; i++) w[i] = cells.get(shared.get(i)).getArea();
            int[] got = SeedLayout.apportion(w, plan.totalGrids() - fixedGrids, MIN_GRIDS);
            for (int i = 0; i < w.length; i++) gridCount[shared.get(i)] = got[i];
        }

        List<Coordinate> gridSeeds = new ArrayList<>();
        List<Integer> unitOfSeed = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            Geometry cell = cells.get(u);
            Geometry inner = cell.buffer(-60);
            List<Coordinate> s = SeedLayout.sample(inner.isEmpty() ? cell : inner, gridCount[u], rng);
            if (s.size() < gridCount[u]) throw new Tiling.Failure("no room for grids in " + unitPlans.get(u).name());
            SeedLayout.relax(cell, s, new boolean[s.size()], 10, rng);
            gridSeeds.addAll(s);
            for (int i = 0; i < s.size(); i++) unitOfSeed.add(u);
        }
        int[] unitIdx = unitOfSeed.stream().mapToInt(Integer::intValue).toArray();
        TownTiling tiling = Tiling.build(town, gridSeeds, unitIdx, n, warp, plane, metricGf, gf);

        List<Unit> units = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            UnitPlan up = unitPlans.get(u);
            Polygon area = tiling.units().get(u);
            if (up.hasFixedCentre() && !area.contains(gf.createPoint(new Coordinate(up.centreLon(), up.centreLat())))) {
                throw new Tiling.Failure(up.name() + " does not contain its published centre");
            }
            units.add(new Unit(up, area));
        }
        List<Grid> grids = numberGrids(units, tiling, gridSeeds, unitIdx, warp, plane, metricGf);
        return new Result(plane, warp, tiling.town(), units, grids, List.of());
    }

    private static List<Geometry> unitCells(List<Coordinate> seeds, Polygon town, GeometryFactory gf) {
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        vb.setSites(seeds);
        var env = town.getEnvelopeInternal().copy();
        env.expandBy(3000);
        vb.setClipEnvelope(env);
        Geometry diagram = vb.getDiagram(gf);
        List<Geometry> cells = new ArrayList<>();
        for (Coordinate s : seeds) {
            Geometry mine = null;
            for (int i = 0; i < diagram.getNumGeometries(); i++) {
                if (diagram.getGeometryN(i).contains(gf.createPoint(s))) mine = diagram.getGeometryN(i);
            }
            cells.add(mine.intersection(town));
        }
        return cells;
    }

    static List<Grid> numberGrids(List<Unit> units, TownTiling tiling, List<Coordinate> seeds,
                                          int[] unitOfSeed, Warp warp, LocalPlane plane, GeometryFactory metricGf) {
        List<Grid> out = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            UnitPlan up = units.get(u).plan();
            List<Integer> mine = new ArrayList<>();
            for (int s = 0; s < seeds.size(); s++) if (unitOfSeed[s] == u) mine.add(s);
            // Parks lie nearest the town centre, where industry would settle along the main roads.
            List<Integer> byCentre = new ArrayList<>(mine);
            byCentre.sort(Comparator.comparingDouble(s -> seeds.get(s).distance(new Coordinate(0, 0))));
            List<Integer> parks = byCentre.subList(0, Math.min(up.parkGrids(), byCentre.size()));
            List<Polygon> polys = new ArrayList<>();
            for (int s : mine) polys.add(tiling.grids().get(s));
            List<Integer> order = GridNumbering.order(units.get(u).area(), polys);
            for (int seq = 0; seq < order.size(); seq++) {
                int s = mine.get(order.get(seq));
                String code = up.code() + String.format("%03d", seq + 1);
                String kind = up.community() ? "community" : parks.contains(s) ? "park" : "rural";
                double[] heart = warp.apply(seeds.get(s).x, seeds.get(s).y);
                Polygon lonLat = tiling.grids().get(s);
                out.add(new Grid(code, up.name() + String.format("第%02d网格", seq + 1), kind, u, lonLat,
                        toMetric(lonLat, plane, metricGf), new Coordinate(heart[0], heart[1])));
            }
        }
        return out;
    }

    static Polygon toMetric(Polygon p, LocalPlane plane, GeometryFactory metricGf) {
        Polygon copy = (Polygon) p.copy();
        copy.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            Coordinate m = plane.toMetric(c);
            c.x = m.x;
            c.y = m.y;
        });
        copy.geometryChanged();
        return copy;
    }
}
