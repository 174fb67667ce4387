package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

/** The Taojia demo town (towns=1, default seed) checked against the facts of BRIEF §5 and the data format. */
class TaojiaTownTest {
    @TempDir
    static Path dir;
    static GenerationSummary summary;
    static DataSet data;

    @BeforeAll
    static void generate() throws Exception {
        summary = TownGenerator.generate(1, TownGenerator.DEFAULT_SEED, dir, m -> { });
        data = new DataSet(dir);
    }

    @Test
    void exactCountsOfTheReferenceTown() {
        assertThat(data.towns.features()).hasSize(1);
        assertThat(data.villages.features()).hasSize(9);
        assertThat(data.grids.features()).hasSize(117);
        assertThat(data.facilities("center")).hasSize(1);
        assertThat(data.facilities("station")).hasSize(9);
        assertThat(data.facilities("grid")).hasSize(117);
        assertThat(data.facilities("point")).hasSize(336);
        assertThat(data.households.features().size()).isBetween(14_250, 15_750);
        assertThat(data.hazards.features().size()).isBetween(5, 10);
        assertThat(summary).isEqualTo(new GenerationSummary(1, 9, 117, 463, data.roads.features().size(),
                data.households.features().size(), data.hazards.features().size(), data.staff.features().size()));
    }

    @Test
    void baiguoHasEighteenGridsSixteenRuralTwoParkAndFortyNinePoints() {
        String baiguo = "500107109204";
        Map<String, Long> kinds = data.grids.features().stream().filter(f -> f.str("village_code").equals(baiguo))
                .collect(Collectors.groupingBy(f -> f.str("kind"), Collectors.counting()));
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of("rural", 16L, "park", 2L));
        assertThat(data.facilities("point").stream().filter(f -> f.str("village_code").equals(baiguo))).hasSize(49);
    }

    @Test
    void townAndUnitsHaveThePublishedCodesAndNames() {
        GeoJsonFiles.Feature town = data.towns.features().get(0);
        assertThat(town.str("code")).isEqualTo("500107109000");
        assertThat(town.str("name")).isEqualTo("陶家镇");
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> kinds = new HashMap<>();
        for (GeoJsonFiles.Feature v : data.villages.features()) {
            names.put(v.str("code"), v.str("name"));
            kinds.put(v.str("code"), v.str("kind"));
            assertThat(v.str("town_code")).isEqualTo("500107109000");
            assertThat(v.str("name_en")).isNotBlank();
        }
        assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of(
                "500107109001", "陶怡路社区", "500107109201", "友爱村", "500107109202", "文峰村",
                "500107109203", "治安村", "500107109204", "白果村", "500107109205", "锣鼓洞村",
                "500107109206", "树立村", "500107109207", "坚强村", "500107109208", "九龙村"));
        assertThat(kinds.get("500107109001")).isEqualTo("community");
        assertThat(kinds.values().stream().filter("village"::equals)).hasSize(8);
        // Grids of the community are community grids; no other unit has any.
        for (GeoJsonFiles.Feature g : data.grids.features()) {
            assertThat(g.str("kind").equals("community")).isEqualTo(g.str("village_code").equals("500107109001"));
        }
    }

    @Test
    void publishedCentresLieInTheirUnits() {
        Object[][] published = {
            {"500107109201", 106.3549, 29.3654}, {"500107109202", 106.3322, 29.3625},
            {"500107109203", 106.3643, 29.3798}, {"500107109204", 106.3506, 29.3789},
            {"500107109205", 106.3529, 29.3486}, {"500107109207", 106.3741, 29.3783},
            {"500107109001", 106.3467, 29.3610},
        };
        for (Object[] p : published) {
            double[] w = Gcj02.toWgs84((Double) p[1], (Double) p[2]);
            Geometry unit = data.villages.features().stream().filter(f -> f.str("code").equals(p[0])).findFirst()
                    .orElseThrow().geometry();
            assertThat(unit.contains(DataSet.gf().createPoint(new Coordinate(w[0], w[1])))).as((String) p[0]).isTrue();
        }
    }

    @Test
    void gridCodesAreUniqueFifteenDigitsNumberedNorthToSouthWestToEast() {
        Map<String, List<GeoJsonFiles.Feature>> byVillage = new LinkedHashMap<>();
        Set<String> codes = new HashSet<>();
        Pattern name = Pattern.compile(".+第\\d{2}网格");
        for (GeoJsonFiles.Feature g : data.grids.features()) {
            String code = g.str("code");
            assertThat(code).matches("\\d{15}").startsWith(g.str("village_code"));
            assertThat(g.id().asText()).isEqualTo(code);
            assertThat(g.str("name")).matches(name);
            assertThat(codes.add(code)).as("unique " + code).isTrue();
            byVillage.computeIfAbsent(g.str("village_code"), k -> new ArrayList<>()).add(g);
        }
        Map<String, Geometry> villages = new HashMap<>();
        for (GeoJsonFiles.Feature v : data.villages.features()) villages.put(v.str("code"), v.geometry());
        for (var e : byVillage.entrySet()) {
            List<GeoJsonFiles.Feature> grids = new ArrayList<>(e.getValue());
            grids.sort(Comparator.comparing(g -> g.str("code")));
            int k = grids.size();
            for (int i = 0; i < k; i++) assertThat(grids.get(i).str("code")).endsWith(String.format("%03d", i + 1));
            // Re-derive the documented banding: round(sqrt(k)) equal latitude bands over the village's bbox.
            int rows = Math.max(1, (int) Math.round(Math.sqrt(k)));
            Envelope env = villages.get(e.getKey()).getEnvelopeInternal();
            double band = (env.getMaxY() - env.getMinY()) / rows;
            int lastRow = -1;
            double lastLon = Double.NEGATIVE_INFINITY;
            for (GeoJsonFiles.Feature g : grids) {
                Point c = g.geometry().getCentroid();
                int row = Math.min(rows - 1, (int) Math.floor((env.getMaxY() - c.getY()) / band));
                assertThat(row).as(g.str("code")).isGreaterThanOrEqualTo(lastRow);
                if (row == lastRow) assertThat(c.getX()).as(g.str("code")).isGreaterThan(lastLon);
                lastRow = row;
                lastLon = c.getX();
            }
        }
    }

    @Test
    void villagesAndGridsFormExactCoverages() {
        Geometry[] villages = data.villages.features().stream().map(GeoJsonFiles.Feature::geometry).toArray(Geometry[]::new);
        Geometry[] grids = data.grids.features().stream().map(GeoJsonFiles.Feature::geometry).toArray(Geometry[]::new);
        assertThat(CoverageValidator.isValid(villages)).isTrue();
        assertThat(CoverageValidator.isValid(grids)).isTrue();
        for (Geometry g : grids) assertThat(g).isInstanceOf(Polygon.class);
        for (Geometry v : villages) assertThat(v).isInstanceOf(Polygon.class);

        Geometry town = data.towns.features().get(0).geometry();
        double townArea = data.metric(town).getArea();
        assertThat(townArea / 1e6).isCloseTo(36.02, org.assertj.core.data.Percentage.withPercentage(2));
        double villageSum = 0;
        for (Geometry v : villages) villageSum += data.metric(v).getArea();
        assertThat(villageSum).isCloseTo(townArea, org.assertj.core.data.Offset.offset(1.0));

        Map<String, Geometry> byCode = new HashMap<>();
        Map<String, Double> gridSum = new HashMap<>();
        for (GeoJsonFiles.Feature v : data.villages.features()) byCode.put(v.str("code"), v.geometry());
        for (GeoJsonFiles.Feature g : data.grids.features()) {
            Geometry village = byCode.get(g.str("village_code"));
            assertThat(village.covers(g.geometry())).as(g.str("code")).isTrue();
            gridSum.merge(g.str("village_code"), data.metric(g.geometry()).getArea(), Double::sum);
        }
        for (var e : byCode.entrySet()) {
            assertThat(gridSum.get(e.getKey())).isCloseTo(data.metric(e.getValue()).getArea(),
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void everyFacilityLiesWellInsideItsGridWithConsistentCodes() {
        Map<String, GeoJsonFiles.Feature> grids = new HashMap<>();
        for (GeoJsonFiles.Feature g : data.grids.features()) grids.put(g.str("code"), g);
        Set<String> codes = new HashSet<>();
        Map<String, Integer> pointsPerGrid = new HashMap<>();
        for (GeoJsonFiles.Feature f : data.facilities.features()) {
            GeoJsonFiles.Feature g = grids.get(f.str("grid_code"));
            assertThat(g).as(f.str("code")).isNotNull();
            assertThat(g.geometry().contains(f.geometry())).as(f.str("code")).isTrue();
            double inside = DistanceOp.distance(data.metric(((Polygon) g.geometry()).getExteriorRing()), data.metric(f.geometry()));
            assertThat(inside).as(f.str("code")).isGreaterThanOrEqualTo(5.0);
            assertThat(f.str("village_code")).isEqualTo(g.str("village_code"));
            assertThat(f.str("town_code")).isEqualTo("500107109000");
            assertThat(codes.add(f.str("code"))).isTrue();
            assertThat(f.id().asText()).isEqualTo(f.str("code"));
            String expected = switch (f.str("level")) {
                case "center" -> "500107109000C";
                case "station" -> f.str("village_code") + "S";
                case "grid" -> f.str("grid_code") + "H";
                default -> f.str("grid_code") + "P\\d{2}";
            };
            assertThat(f.str("code")).matches(expected);
            if (f.str("level").equals("point")) pointsPerGrid.merge(f.str("grid_code"), 1, Integer::sum);
            if (f.str("level").equals("center")) assertThat(f.str("village_code")).isEqualTo("500107109001");
        }
        assertThat(pointsPerGrid).hasSize(117);
        assertThat(data.facilities("grid").stream().map(f -> f.str("grid_code")).distinct()).hasSize(117);
        assertThat(data.facilities("station").stream().map(f -> f.str("village_code")).distinct()).hasSize(9);
    }

    @Test
    void roadsAreNodedConnectedAndReachEveryFacility() {
        List<LineString> lines = data.roadLines();
        assertThat(NetworkChecks.nodingProblems(lines)).isEmpty();
        assertThat(NetworkChecks.components(lines)).isEqualTo(1);
        Set<Long> ends = NetworkChecks.endpoints(lines);
        for (GeoJsonFiles.Feature f : data.facilities.features()) {
            assertThat(ends).as(f.str("code")).contains(NetworkChecks.key(f.geometry().getCoordinate()));
        }
        Set<String> seen = new HashSet<>();
        double total = 0;
        for (int i = 0; i < lines.size(); i++) {
            GeoJsonFiles.Feature f = data.roads.features().get(i);
            assertThat(f.props().get("id").asInt()).isEqualTo(i + 1);
            assertThat(f.id().asInt()).isEqualTo(i + 1);
            assertThat(f.str("class")).isIn("main", "village", "path", "stairs");
            double len = data.metric(lines.get(i)).getLength();
            assertThat(len).isGreaterThan(0);
            assertThat(seen.add(lines.get(i).norm().toText())).as("duplicate line " + i).isTrue();
            total += len;
        }
        assertThat(total / 1000).isBetween(100.0, 1000.0);
        Map<String, Long> classes = data.roads.features().stream().collect(Collectors.groupingBy(f -> f.str("class"), Collectors.counting()));
        assertThat(classes.keySet()).containsExactlyInAnyOrder("main", "village", "path", "stairs");
    }

    @Test
    void householdsAreInsideTheTownNearRoadsAndSomeAreBeyondFiveMinutes() {
        Geometry town = data.towns.features().get(0).geometry();
        List<LineString> metricRoads = new ArrayList<>();
        STRtree tree = new STRtree();
        for (LineString l : data.roadLines()) {
            LineString m = (LineString) data.metric(l);
            metricRoads.add(m);
            tree.insert(m.getEnvelopeInternal(), m);
        }
        List<Coordinate> homes = new ArrayList<>();
        long ids = 0;
        for (GeoJsonFiles.Feature h : data.households.features()) {
            assertThat(town.contains(h.geometry())).isTrue();
            assertThat(h.props().get("members").asInt()).isBetween(1, 6);
            assertThat(h.props().get("id").asLong()).isEqualTo(++ids);
            homes.add(data.metric(h.geometry().getCoordinate()));
        }
        List<Coordinate> points = data.facilities("point").stream().map(f -> data.metric(f.geometry().getCoordinate())).toList();
        double[][] walk = NetworkChecks.walk(metricRoads, points, homes);
        int beyond = 0;
        for (double[] w : walk) {
            assertThat(w[0]).isLessThanOrEqualTo(120.0);
            if (w[0] + w[1] > 375) beyond++; // 5 min at 4.5 km/h
        }
        double share = (double) beyond / homes.size();
        assertThat(share).isBetween(0.05, 0.15);
    }

    @Test
    void hazardsUseTheVocabularyAndEveryHazardGridHasAMonitor() {
        Map<String, Geometry> grids = new HashMap<>();
        for (GeoJsonFiles.Feature g : data.grids.features()) grids.put(g.str("code"), g.geometry());
        Set<String> monitored = data.staff.features().stream().filter(s -> s.str("role").equals("hazard_monitor"))
                .map(s -> s.str("grid_code")).collect(Collectors.toSet());
        int blocking = 0;
        for (GeoJsonFiles.Feature h : data.hazards.features()) {
            assertThat(h.str("code")).matches("HZ500107109000\\d{2}");
            assertThat(h.str("type")).isIn("collapse", "landslide", "debris_flow", "ground_collapse", "ground_fissure", "subsidence");
            assertThat(h.props().get("radius_m").asInt()).isBetween(50, 300);
            assertThat(h.str("status")).isIn("reported", "verified", "monitoring");
            assertThat(h.str("grade")).isIn("small", "medium", "large", "huge");
            assertThat(h.str("name")).isNotBlank();
            assertThat(h.str("description")).isNotBlank();
            if (h.props().get("blocks_roads").asBoolean()) blocking++;
            String grid = grids.entrySet().stream().filter(e -> e.getValue().contains(h.geometry())).map(Map.Entry::getKey)
                    .findFirst().orElseThrow();
            assertThat(monitored).contains(grid);
        }
        assertThat(blocking).isBetween(1, 2);
    }

    @Test
    void everyGridHasItsFiveStaffRolesWithFakePhones() {
        Map<String, List<String>> roles = new HashMap<>();
        Set<String> phones = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (GeoJsonFiles.Feature s : data.staff.features()) {
            assertThat(s.geometry()).isNull();
            assertThat(s.str("phone")).matches("100-\\d{4}-\\d{4}");
            assertThat(phones.add(s.str("phone"))).isTrue();
            assertThat(s.str("name")).matches("\\p{IsHan}{2,3}");
            assertThat(s.str("duties")).isNotBlank();
            assertThat(s.str("role")).isIn("grid_leader", "coordinator", "volunteer", "liaison", "police",
                    "caring_mother", "resident_rep", "hazard_monitor");
            assertThat(s.id().asText()).startsWith(s.str("grid_code") + "-" + s.str("role") + "-");
            assertThat(ids.add(s.id().asText())).isTrue();
            roles.computeIfAbsent(s.str("grid_code"), k -> new ArrayList<>()).add(s.str("role"));
        }
        assertThat(roles).hasSize(117);
        for (List<String> r : roles.values()) {
            for (String role : List.of("grid_leader", "coordinator", "volunteer", "liaison", "police")) {
                assertThat(r.stream().filter(role::equals)).hasSize(1);
            }
        }
    }

    @Test
    void filesAreNamedCollectionsWithSevenDecimalCoordinates() throws Exception {
        Pattern number = Pattern.compile("\\[(-?\\d+\\.\\d+),(-?\\d+\\.\\d+)\\]");
        for (String f : DataSet.FILES) {
            String text = Files.readString(dir.resolve(f + ".geojson"));
            assertThat(text).startsWith("{\"type\":\"FeatureCollection\",\"name\":\"" + f + "\"");
            var m = number.matcher(text);
            int n = 0;
            while (m.find() && n++ < 5000) {
                assertThat(m.group(1)).matches("-?\\d+\\.\\d{7}");
                assertThat(m.group(2)).matches("-?\\d+\\.\\d{7}");
            }
        }
    }

    @Test
    void committedDemoDataIsWhatTheGeneratorMakes() throws Exception {
        // data/taojia is generated by this code with the default seed; regenerate it after changing the generator:
        // bin/gridmap generate --out data/taojia
        Path committed = Path.of("data", "taojia");
        for (String f : DataSet.FILES) {
            assertThat(Files.mismatch(dir.resolve(f + ".geojson"), committed.resolve(f + ".geojson"))).as(f).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(dir.resolve("errand-history.json"), committed.resolve("errand-history.json"))).isEqualTo(-1L);
        assertThat(Files.mismatch(dir.resolve("visit-history.json"), committed.resolve("visit-history.json"))).isEqualTo(-1L);
        assertThat(Files.mismatch(dir.resolve("networks.json"), committed.resolve("networks.json"))).isEqualTo(-1L);
    }

    @Test
    void sameSeedGivesIdenticalBytes(@TempDir Path again) throws Exception {
        TownGenerator.generate(1, TownGenerator.DEFAULT_SEED, again, m -> { });
        for (String f : DataSet.FILES) {
            assertThat(Files.mismatch(dir.resolve(f + ".geojson"), again.resolve(f + ".geojson"))).as(f).isEqualTo(-1L);
        }
    }
}
