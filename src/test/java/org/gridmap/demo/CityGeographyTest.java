package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The towns of a small city (seed 7: ordinary towns, an urban subdistrict and a mountain township after Taojia)
 * look like places: sizes and densities differ by kind, outlines are no ellipses, grid boundaries follow roads,
 * streams and ridges far more than a geometric cut of the same plan does, and coverage differs with the land.
 */
class CityGeographyTest {
    static final int TOWNS = 7;
    static final List<TownData> towns = new ArrayList<>();
    static final GeometryFactory GF = new GeometryFactory();

    @BeforeAll
    static void build() {
        CityPlanner city = new CityPlanner(TOWNS, 7L);
        for (int i = 0; i < TOWNS; i++) towns.add(TownBuilder.build(city.plan(i), 0));
    }

    @Test
    void theCityHasTownsOfEveryKindAndTheirSizesAndDensitiesDiffer() {
        Map<TownKind, List<TownData>> byKind = new EnumMap<>(TownKind.class);
        for (TownData t : towns) byKind.computeIfAbsent(t.plan().kind(), k -> new ArrayList<>()).add(t);
        assertThat(byKind).containsKeys(TownKind.URBAN, TownKind.ORDINARY, TownKind.MOUNTAIN);
        TownData urban = byKind.get(TownKind.URBAN).get(0);
        TownData mountain = byKind.get(TownKind.MOUNTAIN).get(0);
        // Households per km² at least 20× apart, areas at least 4× apart, grids at least 5× larger in the hills.
        assertThat(density(urban)).isGreaterThan(20 * density(mountain));
        assertThat(km2(mountain)).isGreaterThan(4 * km2(urban));
        assertThat(km2(mountain) / mountain.grids().size()).isGreaterThan(5 * km2(urban) / urban.grids().size());
        for (TownData o : byKind.get(TownKind.ORDINARY)) {
            assertThat(density(o)).isBetween(density(mountain), density(urban));
        }
        // Urban subdistricts are communities only; elsewhere the first unit is the community.
        assertThat(urban.units()).allMatch(u -> u.plan().community());
        assertThat(mountain.units().stream().filter(u -> u.plan().community())).hasSize(1);
    }

    @Test
    void outlinesAreValidAndNoEllipses() {
        for (TownData t : towns.subList(1, TOWNS)) {
            Polygon m = metric(t);
            assertThat(t.town().isValid()).isTrue();
            assertThat(t.town().getNumInteriorRing()).isZero();
            // Polsby–Popper compactness: 1 for a circle, about 0.9 for Taojia's wobbled ellipse; grown outlines
            // are ragged where they follow streams and ridges.
            assertThat(compactness(m)).as(t.plan().name()).isLessThan(0.6);
        }
        assertThat(compactness(metric(towns.get(0)))).isGreaterThan(0.8);
    }

    @Test
    void gridBoundariesFollowRoadsStreamsAndRidgesMoreThanAGeometricCutOfTheSamePlan() {
        List<Double> shares = new ArrayList<>();
        for (TownData t : towns.subList(1, TOWNS)) shares.add(BoundaryFit.share(t));
        shares.sort(Double::compare);
        assertThat(shares.get(shares.size() / 2)).isGreaterThan(0.45);
        for (TownData t : towns.subList(1, TOWNS)) {
            if (t.plan().kind() != TownKind.ORDINARY) continue;
            TownData cut = TownBuilder.build(t.plan().withKind(TownKind.PUBLISHED), 0);
            assertThat(BoundaryFit.share(t)).as(t.plan().name()).isGreaterThan(BoundaryFit.share(cut) + 0.12);
            return;
        }
    }

    @Test
    void coverageComesOutOfTheLandNotOutOfATarget() {
        double urban = 0;
        double mountain = 1;
        double lo = 1;
        double hi = 0;
        for (TownData t : towns.subList(1, TOWNS)) {
            double c = WalkCoverage.share(t);
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
            if (t.plan().kind() == TownKind.URBAN) urban = c;
            if (t.plan().kind() == TownKind.MOUNTAIN) mountain = Math.min(mountain, c);
        }
        assertThat(urban).isGreaterThan(mountain + 0.1);
        assertThat(hi - lo).isGreaterThan(0.1);
    }

    @Test
    void gridsTileEachTownAndTownsDoNotOverlap() {
        for (TownData t : towns) {
            double sum = 0;
            for (Grid g : t.grids()) {
                assertThat(g.area().isValid()).isTrue();
                assertThat(t.town().covers(g.area())).isTrue();
                sum += g.area().getArea();
            }
            assertThat(sum).isCloseTo(t.town().getArea(), org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        for (int i = 0; i < TOWNS; i++) {
            for (int j = i + 1; j < TOWNS; j++) assertThat(towns.get(i).town().intersects(towns.get(j).town())).isFalse();
        }
    }

    @Test
    void aTownIsAFunctionOfItsPlan() {
        TownData urban = towns.stream().filter(t -> t.plan().kind() == TownKind.URBAN).findFirst().orElseThrow();
        TownData again = TownBuilder.build(urban.plan(), 0);
        assertThat(again.town().equalsExact(urban.town())).isTrue();
        assertThat(again.grids()).hasSameSizeAs(urban.grids());
        for (int i = 0; i < urban.grids().size(); i++) {
            assertThat(again.grids().get(i).area().equalsExact(urban.grids().get(i).area())).isTrue();
        }
        assertThat(again.households()).hasSameSizeAs(urban.households());
    }

    private static Polygon metric(TownData t) {
        return TownLayout.toMetric(t.town(), new LocalPlane(t.plan().centreLon(), t.plan().centreLat()), GF);
    }

    private static double km2(TownData t) {
        return metric(t).getArea() / 1e6;
    }

    private static double density(TownData t) {
        return t.households().size() / km2(t);
    }

    private static double compactness(Polygon p) {
        return 4 * Math.PI * p.getArea() / (p.getLength() * p.getLength());
    }
}
