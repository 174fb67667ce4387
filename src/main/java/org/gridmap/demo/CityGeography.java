package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Figures of a generated city's geography, per town and summed up: kind, area, households per km², grids and
 * their mean size, how far the outline is from an ellipse, the share of grid boundary following roads, streams
 * and ridges ({@link BoundaryFit}) and the first ring's household coverage ({@link WalkCoverage}) — each beside the
 * same plan laid out by the Voronoi cut Taojia keeps ({@link TownLayout}, with its pinned remote hamlets), built in
 * the same run. Towns are built in memory one at a time; nothing is written.
 *
 * <p>Usage: {@code CityGeography towns [seed]}.
 */
public final class CityGeography {
    /** One town's figures; {@code cut*} are those of the Voronoi cut of the same plan. */
    record Row(TownPlan plan, double km2, int households, int grids, double misfit, double fit, double cutFit,
               double coverage, double cutCoverage) {
        double density() {
            return households / km2;
        }
    }

    private CityGeography() {
    }

    static Row measure(TownPlan plan) {
        GeometryFactory gf = new GeometryFactory();
        TownData grown = TownBuilder.build(plan, 0);
        TownData cut = voronoiCut(plan);
        LocalPlane plane = new LocalPlane(plan.centreLon(), plan.centreLat());
        var metric = TownLayout.toMetric(grown.town(), plane, gf);
        return new Row(grown.plan(), metric.getArea() / 1e6, grown.households().size(), grown.grids().size(),
                OutlineShape.ellipseMisfit(metric), BoundaryFit.share(grown),
                cut == null ? Double.NaN : BoundaryFit.share(cut), WalkCoverage.share(grown),
                cut == null ? Double.NaN : WalkCoverage.share(cut));
    }

    /** The plan laid out by the Voronoi cut, or null where the cut finds no valid layout (small dense towns). */
    private static TownData voronoiCut(TownPlan plan) {
        try {
            return TownBuilder.build(plan.withKind(TownKind.PUBLISHED), 0);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    public static void main(String[] args) {
        int towns = Integer.parseInt(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : TownGenerator.DEFAULT_SEED;
        CityPlanner city = new CityPlanner(towns, seed);
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < towns; i++) {
            TownPlan plan = city.plan(i);
            if (i == 0) continue;
            Row r = measure(plan);
            rows.add(r);
            System.out.printf(Locale.ROOT, "%s %-8s %-10s %6.1f km² %6d hh %6.0f hh/km² %4d grids misfit %.2f"
                            + " fit %.2f (cut %.2f) ring-4 %.3f (cut %.3f)%n", plan.code(), plan.kind(), plan.name(),
                    r.km2(), r.households(), r.density(), r.grids(), r.misfit(), r.fit(), r.cutFit(), r.coverage(),
                    r.cutCoverage());
        }
        System.out.println(summary(rows));
        System.out.printf(Locale.ROOT, "%d towns measured in %.0f s%n", rows.size(), (System.nanoTime() - t0) / 1e9);
    }

    static String summary(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        Map<TownKind, List<Row>> byKind = new EnumMap<>(TownKind.class);
        for (Row r : rows) byKind.computeIfAbsent(r.plan().kind(), k -> new ArrayList<>()).add(r);
        for (var e : byKind.entrySet()) {
            List<Row> k = e.getValue();
            out.append(String.format(Locale.ROOT, "%-8s %3d towns: median %.1f km², %.0f hh/km², %.3f km² per grid%n",
                    e.getKey(), k.size(), median(k.stream().mapToDouble(Row::km2).toArray()),
                    median(k.stream().mapToDouble(Row::density).toArray()),
                    median(k.stream().mapToDouble(r -> r.km2() / r.grids()).toArray())));
        }
        out.append(String.format(Locale.ROOT, "outline misfit to its ellipse: median %.2f, min %.2f%n",
                median(rows.stream().mapToDouble(Row::misfit).toArray()),
                rows.stream().mapToDouble(Row::misfit).min().orElse(0)));
        out.append(String.format(Locale.ROOT, "grid boundary within %.0f m of a road, stream or ridge: median %.2f"
                        + " (Voronoi cut of the same plans: %.2f)%n", BoundaryFit.WITHIN_M,
                median(rows.stream().mapToDouble(Row::fit).toArray()),
                median(rows.stream().mapToDouble(Row::cutFit).toArray())));
        out.append(String.format(Locale.ROOT, "households within %.0f min walk of a service point: %s"
                        + " (Voronoi cut with pinned hamlets: %s)", WalkCoverage.MINUTES,
                spread(rows.stream().mapToDouble(Row::coverage).toArray()),
                spread(rows.stream().mapToDouble(Row::cutCoverage).toArray())));
        return out.toString();
    }

    static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** min / p10 / median / p90 / max. */
    static String spread(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        Arrays.sort(s);
        if (s.length == 0) return "-";
        return String.format(Locale.ROOT, "min %.3f, p10 %.3f, median %.3f, p90 %.3f, max %.3f", s[0],
                s[(int) (0.1 * (s.length - 1))], median(s), s[(int) Math.ceil(0.9 * (s.length - 1))], s[s.length - 1]);
    }
}
