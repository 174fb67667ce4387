package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

/** A synthetic city of three towns: the per-town invariants hold in every town, and the city is one network. */
class CityTest {
    @TempDir
    static Path dir;
    static GenerationSummary summary;
    static DataSet data;

    @BeforeAll
    static void generate() throws Exception {
        summary = TownGenerator.generate(3, 7L, dir, m -> { });
        data = new DataSet(dir);
    }

    @Test
    void townsFollowTaojiaWithSyntheticCodesAndNames() {
        List<String> codes = data.towns.features().stream().map(f -> f.str("code")).toList();
        assertThat(codes).containsExactly("500107109000", "500199100000", "500199101000");
        for (GeoJsonFiles.Feature t : data.towns.features().subList(1, 3)) {
            assertThat(t.str("name")).matches("\\p{IsHan}{2}(镇|乡|街道)");
            assertThat(t.str("name_en")).matches(".+ (Town|Township|Subdistrict)");
        }
        assertThat(summary.towns()).isEqualTo(3);
        assertThat(summary.villages()).isEqualTo(data.villages.features().size());
        assertThat(summary.grids()).isEqualTo(data.grids.features().size());
        assertThat(summary.roads()).isEqualTo(data.roads.features().size());
        assertThat(summary.households()).isEqualTo(data.households.features().size());
    }

    @Test
    void everyTownHasItsOwnCompletePlan() {
        for (GeoJsonFiles.Feature t : data.towns.features()) {
            String town = t.str("code");
            String prefix = town.substring(0, 9);
            List<GeoJsonFiles.Feature> villages = data.villages.features().stream()
                    .filter(v -> v.str("town_code").equals(town)).toList();
            assertThat(villages.size()).isBetween(5, 12);
            assertThat(villages.get(0).str("code")).isEqualTo(prefix + "001");
            assertThat(villages.get(0).str("kind")).isEqualTo("community");
            for (GeoJsonFiles.Feature v : villages) assertThat(v.str("code")).startsWith(prefix).matches("\\d{12}");
            long grids = data.grids.features().stream().filter(g -> g.str("code").startsWith(prefix)).count();
            assertThat(data.facilities("center").stream().filter(f -> f.str("town_code").equals(town))).hasSize(1);
            assertThat(data.facilities("station").stream().filter(f -> f.str("town_code").equals(town))).hasSize(villages.size());
            assertThat(data.facilities("grid").stream().filter(f -> f.str("town_code").equals(town))).hasSize((int) grids);
            Set<String> gridsWithPoints = new HashSet<>();
            data.facilities("point").stream().filter(f -> f.str("town_code").equals(town)).forEach(f -> gridsWithPoints.add(f.str("grid_code")));
            assertThat(gridsWithPoints).hasSize((int) grids);
            long homes = data.households.features().stream().filter(h -> t.geometry().contains(h.geometry())).count();
            double km2 = data.metric(t.geometry()).getArea() / 1e6;
            if (town.equals("500107109000")) {
                assertThat(homes).isBetween(14_250L, 15_750L);
                assertThat(km2).isCloseTo(36.02, org.assertj.core.data.Offset.offset(0.05));
            } else {
                // Bounds of the kinds' distributions (TownKind): 5–16 km² subdistricts to 40–88 km² townships.
                assertThat(km2).isBetween(4.5, 92.0);
                assertThat(homes / km2).isBetween(20.0, 9_000.0);
            }
        }
    }

    @Test
    void gridsAndVillagesAreExactCoveragesAcrossTheCity() {
        Geometry[] grids = data.grids.features().stream().map(GeoJsonFiles.Feature::geometry).toArray(Geometry[]::new);
        Geometry[] villages = data.villages.features().stream().map(GeoJsonFiles.Feature::geometry).toArray(Geometry[]::new);
        assertThat(CoverageValidator.isValid(grids)).isTrue();
        assertThat(CoverageValidator.isValid(villages)).isTrue();
        Map<String, Geometry> byCode = new HashMap<>();
        for (GeoJsonFiles.Feature v : data.villages.features()) byCode.put(v.str("code"), v.geometry());
        for (GeoJsonFiles.Feature g : data.grids.features()) {
            assertThat(g.str("code")).matches("\\d{15}").startsWith(g.str("village_code"));
            assertThat(byCode.get(g.str("village_code")).covers(g.geometry())).isTrue();
        }
    }

    @Test
    void theCityIsOneNodedNetworkJoinedByLinkRoads() {
        List<LineString> lines = data.roadLines();
        assertThat(NetworkChecks.nodingProblems(lines)).isEmpty();
        assertThat(NetworkChecks.components(lines)).isEqualTo(1);
        Set<Long> ends = NetworkChecks.endpoints(lines);
        for (GeoJsonFiles.Feature f : data.facilities.features()) {
            assertThat(ends).contains(NetworkChecks.key(f.geometry().getCoordinate()));
        }
        // Links start in one town and end in another: 3 towns on a 2×2 lattice → east and south of Taojia.
        List<Geometry> towns = data.towns.features().stream().map(GeoJsonFiles.Feature::geometry).toList();
        int links = 0;
        for (LineString l : lines) {
            int a = townOf(towns, l.getStartPoint());
            int b = townOf(towns, l.getEndPoint());
            if (a != b) links++;
        }
        assertThat(links).isEqualTo(2);
    }

    @Test
    void idsAreUniqueAndRunOnAcrossTowns() {
        Set<String> ids = new HashSet<>();
        for (GeoJsonFiles.Collection c : List.of(data.villages, data.grids, data.facilities, data.hazards, data.staff)) {
            for (GeoJsonFiles.Feature f : c.features()) assertThat(ids.add(c.name() + ":" + f.id().asText())).isTrue();
        }
        for (int i = 0; i < data.households.features().size(); i++) {
            assertThat(data.households.features().get(i).id().asInt()).isEqualTo(i + 1);
        }
        Set<String> phones = new HashSet<>();
        for (GeoJsonFiles.Feature s : data.staff.features()) assertThat(phones.add(s.str("phone"))).isTrue();
    }

    @Test
    void taojiaInACityIsTheSameAsTaojiaAlone(@TempDir Path alone) throws Exception {
        TownGenerator.generate(1, 7L, alone, m -> { });
        List<GeoJsonFiles.Feature> single = GeoJsonFiles.read(alone.resolve("grids.geojson")).features();
        List<GeoJsonFiles.Feature> inCity = new ArrayList<>(data.grids.features().subList(0, single.size()));
        for (int i = 0; i < single.size(); i++) {
            assertThat(inCity.get(i).str("code")).isEqualTo(single.get(i).str("code"));
            assertThat(inCity.get(i).geometry().equalsExact(single.get(i).geometry())).isTrue();
        }
    }

    @Test
    void rejectsTownCountsOutsideOneToAThousand(@TempDir Path out) {
        assertThatThrownBy(() -> TownGenerator.generate(1001, 1L, out, m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
        assertThatThrownBy(() -> TownGenerator.generate(0, 1L, out, m -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int townOf(List<Geometry> towns, Geometry p) {
        int best = 0;
        for (int i = 1; i < towns.size(); i++) if (towns.get(i).distance(p) < towns.get(best).distance(p)) best = i;
        return best;
    }
}
