package org.gridmap.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.gridmap.db.Database;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
    static final String[] FILES = {"towns.geojson", "villages.geojson", "grids.geojson", "facilities.geojson",
        "roads.geojson", "households.geojson", "hazards.geojson", "staff.geojson"};
    static final ObjectMapper JSON = new ObjectMapper();
    static Database demo;

    @BeforeAll
    static void loadDemo() { demo = new Database(TestPostgis.newDemoDatabase(), 2); }

    @AfterAll
    static void close() { demo.close(); }

    @Test
    void theDemoTownHasTheCountsOfTheReferenceTown() throws SQLException {
        assertThat(scalar(demo, "SELECT count(*) FROM towns")).isEqualTo(1);
        assertThat(scalar(demo, "SELECT count(*) FROM villages")).isEqualTo(9);
        assertThat(scalar(demo, "SELECT count(*) FROM grids")).isEqualTo(117);
        assertThat(scalar(demo, "SELECT count(*) FROM facilities WHERE level = 'station'")).isEqualTo(9);
        assertThat(scalar(demo, "SELECT count(*) FROM facilities WHERE level = 'point'")).isEqualTo(336);
        assertThat(scalar(demo, "SELECT count(*) FROM facilities WHERE level = 'grid'")).isEqualTo(117);
        assertThat(scalar(demo, "SELECT count(*) FROM facilities WHERE level = 'center'")).isEqualTo(1);
        assertThat(scalar(demo, "SELECT count(*) FROM grids g JOIN villages v ON v.id = g.village_id WHERE v.name = '白果村'"))
                .isEqualTo(18);
        assertThat(scalar(demo, """
                SELECT count(*) FROM facilities f JOIN grids g ON g.id = f.grid_id JOIN villages v ON v.id = g.village_id
                WHERE v.name = '白果村' AND f.level = 'point'""")).isEqualTo(49);
        assertThat(scalar(demo, "SELECT count(*) FROM households")).isBetween(14_250L, 15_750L);
        assertThat(scalar(demo, "SELECT count(*) FROM hazards")).isBetween(5L, 10L);
        assertThat(scalar(demo, "SELECT count(*) FROM staff WHERE role IN ('grid_leader','coordinator','volunteer','liaison','police')"))
                .isEqualTo(117 * 5);
    }

    @Test
    void theTownIsAbout36SquareKilometresAndTiledExactly() throws SQLException {
        double km2 = number(demo, "SELECT ST_Area(ST_Transform(geom, 4544)) / 1e6 FROM towns");
        assertThat(km2).isBetween(35.3, 36.8);
        // villages and grids: area sums equal their whole, and no two overlap (checked independently of the importer)
        assertThat(number(demo, "SELECT abs(sum(ST_Area(v.geom)) - (SELECT ST_Area(geom) FROM towns)) FROM villages v"))
                .isLessThan(1e-10);
        assertThat(scalar(demo, """
                SELECT count(*) FROM villages v WHERE abs(ST_Area(v.geom)
                    - (SELECT sum(ST_Area(g.geom)) FROM grids g WHERE g.village_id = v.id)) > 1e-10""")).isZero();
        assertThat(scalar(demo, """
                SELECT count(*) FROM grids a JOIN grids b ON a.id < b.id AND a.geom && b.geom
                WHERE ST_Relate(a.geom, b.geom, '2********')""")).isZero();
    }

    @Test
    void everyHouseholdHasItsGridAndEveryRoadItsNodes() throws SQLException {
        assertThat(scalar(demo, "SELECT count(*) FROM households WHERE grid_id IS NULL")).isZero();
        assertThat(scalar(demo, """
                SELECT count(*) FROM households h JOIN grids g ON g.id = h.grid_id WHERE NOT ST_Covers(g.geom, h.geom)""")).isZero();
        assertThat(scalar(demo, "SELECT count(*) FROM roads WHERE source IS NULL OR target IS NULL")).isZero();
        assertThat(scalar(demo, "SELECT count(*) FROM roads WHERE source = target")).isZero();
        // every facility sits on a road node, so routing starts exactly there
        assertThat(scalar(demo, """
                SELECT count(*) FROM facilities f WHERE NOT EXISTS (
                    SELECT 1 FROM road_nodes n WHERE ST_DWithin(n.geom, f.geom, 2e-7))""")).isZero();
        // the network is one piece: pgRouting's connected components agree with the generator
        assertThat(scalar(demo, """
                SELECT count(DISTINCT component) FROM pgr_connectedComponents(
                    'SELECT id, source, target, length_m AS cost, length_m AS reverse_cost FROM roads')""")).isEqualTo(1);
    }

    @Test
    void aSetWithOneBadGridChangesNothingAndNamesThatGrid(@TempDir Path dir) throws Exception {
        copyDemoSet(dir);
        String badId = mutateFirstFeature(dir.resolve("grids.geojson"), f -> {
            // a bow-tie: self-intersecting ring
            ArrayNode ring = JSON.createArrayNode();
            ring.add(pair(106.34, 29.36)).add(pair(106.35, 29.37)).add(pair(106.35, 29.36)).add(pair(106.34, 29.37)).add(pair(106.34, 29.36));
            ObjectNode geom = JSON.createObjectNode().put("type", "Polygon");
            geom.putArray("coordinates").add(ring);
            f.set("geometry", geom);
        });
        Database db = new Database(TestPostgis.newMigratedDatabase(), 2);
        try (db) {
            assertThatThrownBy(() -> new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, ImportProgress.NONE))
                    .isInstanceOfSatisfying(ImportRejected.class, e -> assertThat(e.problems())
                            .anySatisfy(p -> {
                                assertThat(p.file()).isEqualTo("grids.geojson");
                                assertThat(p.featureId()).isEqualTo(badId);
                                assertThat(p.reason()).contains("Self-intersection");
                            }));
            assertThat(rowCounts(db)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        }
    }

    @Test
    void everyBadFeatureIsReportedNotJustTheFirst(@TempDir Path dir) throws Exception {
        copyDemoSet(dir);
        String household = mutateFirstFeature(dir.resolve("households.geojson"),
                f -> ((ObjectNode) f.get("properties")).put("members", 0));
        String road = mutateFirstFeature(dir.resolve("roads.geojson"),
                f -> ((ObjectNode) f.get("properties")).put("class", "motorway"));
        String facility = mutateFirstFeature(dir.resolve("facilities.geojson"), f -> {
            ObjectNode geom = JSON.createObjectNode().put("type", "Point");
            geom.putArray("coordinates").add(29.36).add(106.34);   // axes swapped
            f.set("geometry", geom);
        });
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            ImportRejected e = org.junit.jupiter.api.Assertions.assertThrows(ImportRejected.class,
                    () -> new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, ImportProgress.NONE));
            assertThat(e.problems()).extracting(ImportProblem::featureId).contains(household, road, facility);
            assertThat(e.problems()).filteredOn(p -> facility.equals(p.featureId()))
                    .anySatisfy(p -> assertThat(p.reason()).contains("outside China"));
            assertThat(rowCounts(db)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        }
    }

    @Test
    void aTruncatedFileOrAForeignCrsChangesNothing(@TempDir Path dir) throws Exception {
        copyDemoSet(dir);
        Path households = dir.resolve("households.geojson");
        byte[] bytes = Files.readAllBytes(households);
        Files.write(households, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ObjectNode roads = (ObjectNode) JSON.readTree(dir.resolve("roads.geojson").toFile());
        roads.putObject("crs").put("type", "name").putObject("properties").put("name", "urn:ogc:def:crs:EPSG::3857");
        JSON.writeValue(dir.resolve("roads.geojson").toFile(), roads);
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            ImportRejected e = org.junit.jupiter.api.Assertions.assertThrows(ImportRejected.class,
                    () -> new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, ImportProgress.NONE));
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("households.geojson");
                assertThat(p.reason()).contains("broken JSON");
            });
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("roads.geojson");
                assertThat(p.reason()).contains("unsupported CRS");
            });
            assertThat(rowCounts(db)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        }
    }

    @Test
    void importingTheSameSetTwiceIsRefusedAndLeavesTheFirstIntact(@TempDir Path dir) throws Exception {
        copyDemoSet(dir);
        Map<String, Long> before = rowCounts(demo);
        ImportRejected e = org.junit.jupiter.api.Assertions.assertThrows(ImportRejected.class,
                () -> new GeoJsonSetImporter(demo.dataSource()).importDirectory(dir, ImportProgress.NONE));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.reason()).contains("used twice"));
        assertThat(rowCounts(demo)).isEqualTo(before);
    }

    // ---- helpers

    static void copyDemoSet(Path dir) throws Exception {
        for (String f : FILES) {
            try (InputStream in = ImporterTest.class.getResourceAsStream(DemoData.CLASSPATH_FOLDER + "/" + f)) {
                assertThat(in).as(f).isNotNull();
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    interface Mutation { void apply(ObjectNode feature); }

    static String mutateFirstFeature(Path file, Mutation m) throws Exception {
        ObjectNode fc = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode f = (ObjectNode) fc.get("features").get(0);
        m.apply(f);
        JSON.writeValue(file.toFile(), fc);
        return f.get("id").asText();
    }

    static ArrayNode pair(double x, double y) { return JSON.createArrayNode().add(x).add(y); }

    static Map<String, Long> rowCounts(Database db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        for (String t : new String[] {"towns", "villages", "grids", "facilities", "roads", "road_nodes", "households", "hazards", "staff"}) {
            out.put(t, scalar(db, "SELECT count(*) FROM " + t));
        }
        return out;
    }

    static long scalar(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double number(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
