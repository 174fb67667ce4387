package org.gridmap.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridmap.db.Database;
import org.gridmap.db.Sql;
import org.gridmap.demo.TownGenerator;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city set is imported town by town, each town all or nothing: a run that stops part way — a town refused, or
 * the process stopped between towns — and a run again end with the same database as one clean run.
 */
class CitySetTest {
    @TempDir
    static Path city;
    static Map<String, String> clean;

    @BeforeAll
    static void generateAndImportOnce() throws Exception {
        TownGenerator.generate(3, 7L, city, false, (done, total, line) -> { });
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            GeoJsonSetImporter.Summary s = new GeoJsonSetImporter(db.dataSource()).importDirectory(city, ImportProgress.NONE);
            assertThat(s.towns()).isEqualTo(3);
            clean = fingerprint(db);
        }
    }

    @Test
    void aRefusedTownLeavesTheTownsBeforeItAndARunAgainFinishesAsOneCleanRunWould(@TempDir Path broken) throws Exception {
        copy(city, broken);
        List<String> codes = CitySet.townCodes(city);
        // the last household of the last town gets no members: that town is refused, the two before it are not
        Path households = broken.resolve("households.geojson");
        List<String> lines = new ArrayList<>(Files.readAllLines(households));
        int last = lines.size() - 2;
        assertThat(lines.get(last)).contains("\"town_code\":\"" + codes.get(2) + "\"");
        lines.set(last, lines.get(last).replaceFirst("\"members\":\\d+", "\"members\":0"));
        Files.write(households, lines);
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            GeoJsonSetImporter importer = new GeoJsonSetImporter(db.dataSource());
            assertThatThrownBy(() -> importer.importDirectory(broken, ImportProgress.NONE))
                    .isInstanceOfSatisfying(ImportRejected.class, e -> {
                        assertThat(e.problems()).anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo("households.geojson");
                            assertThat(p.reason()).contains("members");
                        });
                        assertThat(e.problems()).anySatisfy(p -> assertThat(p.featureId()).isEqualTo(codes.get(2)));
                    });
            List<String> kept = Sql.read(db.dataSource(), c -> Sql.query(c, "SELECT code FROM towns ORDER BY code",
                    rs -> rs.getString("code")));
            assertThat(kept).containsExactlyInAnyOrder(codes.get(0), codes.get(1));
            assertThat(count(db, "SELECT count(*) FROM households h JOIN grids g ON g.id = h.grid_id "
                    + "WHERE g.code LIKE '" + codes.get(2).substring(0, 9) + "%'")).isZero();

            GeoJsonSetImporter.Summary again = importer.importDirectory(city, ImportProgress.NONE);
            assertThat(again.towns()).isEqualTo(1);
            assertThat(fingerprint(db)).isEqualTo(clean);
        }
    }

    @Test
    void aRunStoppedBetweenTownsGoesOnFromWhereItStopped() throws Exception {
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            GeoJsonSetImporter importer = new GeoJsonSetImporter(db.dataSource());
            // the process is stopped right after the first town's commit (as Ctrl-C would stop it)
            ImportProgress stopAfterFirst = new ImportProgress() {
                @Override public void progress(String file, long done, long total, long features) { }
                @Override public void finished(String file, long features) { }
                @Override public void town(int done, int total, String code) {
                    throw new IllegalStateException("stopped");
                }
            };
            assertThatThrownBy(() -> importer.importDirectory(city, stopAfterFirst)).hasMessage("stopped");
            assertThat(count(db, "SELECT count(*) FROM towns")).isEqualTo(1);

            List<Integer> reported = new ArrayList<>();
            int[] skipped = {-1};
            GeoJsonSetImporter.Summary rest = importer.importDirectory(city, new ImportProgress() {
                @Override public void progress(String file, long done, long total, long features) { }
                @Override public void finished(String file, long features) { }
                @Override public void townsStarted(int done, int total) { skipped[0] = done; }
                @Override public void town(int done, int total, String code) { reported.add(done); }
            });
            assertThat(skipped[0]).isEqualTo(1);
            assertThat(reported).containsExactly(2, 3);
            assertThat(rest.towns()).isEqualTo(2);
            assertThat(fingerprint(db)).isEqualTo(clean);
            // a third run finds every town imported and writes nothing
            assertThat(importer.importDirectory(city, ImportProgress.NONE).households()).isZero();
            assertThat(fingerprint(db)).isEqualTo(clean);
        }
    }

    @Test
    void aFeatureOutOfTownOrderRefusesTheSetBeforeAnyTownIsWritten(@TempDir Path shuffled) throws Exception {
        copy(city, shuffled);
        List<String> codes = CitySet.townCodes(city);
        // the first road of the second town moved in front of the first town's roads
        Path roads = shuffled.resolve("roads.geojson");
        List<String> lines = new ArrayList<>(Files.readAllLines(roads));
        int moved = -1;
        for (int i = 1; i < lines.size() && moved < 0; i++) if (lines.get(i).contains(codes.get(1))) moved = i;
        lines.add(1, lines.remove(moved)); // every feature line but the last ends with its comma
        Files.write(roads, lines);
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            assertThatThrownBy(() -> new GeoJsonSetImporter(db.dataSource()).importDirectory(shuffled, ImportProgress.NONE))
                    .isInstanceOfSatisfying(ImportRejected.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.file()).isEqualTo("roads.geojson");
                        assertThat(p.reason()).contains("out of order");
                    }));
            // the first town's roads were not all before the second town's: not even the first town is written
            assertThat(count(db, "SELECT count(*) FROM towns")).isZero();
        }
    }

    /**
     * A link road is written with the later of the two towns it joins (the generator's rule), so its far end may lie
     * well beyond that town: in a town imported before. Such a road is taken; a road reaching beyond every town is not.
     */
    @Test
    void aLinkRoadMayReachATownImportedBeforeButNotBeyondEveryTown(@TempDir Path linked, @TempDir Path astray) throws Exception {
        List<String> codes = CitySet.townCodes(city);
        double[] first = townEnvelope(codes.get(0)), last = townEnvelope(codes.get(2));
        // from the last town's centre to the corner of the first town farthest from it
        double[] from = {(last[0] + last[2]) / 2, (last[1] + last[3]) / 2};
        double[] corner = {first[0] < last[0] ? first[0] : first[2], first[1] < last[1] ? first[1] : first[3]};
        double beyond = Math.max(Math.max(last[0] - corner[0], corner[0] - last[2]), Math.max(last[1] - corner[1], corner[1] - last[3]));
        assertThat(beyond).as("the corner lies more than the 0.1° padding beyond the last town").isGreaterThan(0.1);

        copy(city, linked);
        appendRoad(linked.resolve("roads.geojson"), codes.get(2), from, corner);
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            assertThat(new GeoJsonSetImporter(db.dataSource()).importDirectory(linked, ImportProgress.NONE).towns()).isEqualTo(3);
            assertThat(count(db, "SELECT count(*) FROM roads WHERE name = 'link under test'")).isEqualTo(1);
        }

        copy(city, astray);
        appendRoad(astray.resolve("roads.geojson"), codes.get(2), from, new double[] {corner[0], corner[1] + (corner[1] < from[1] ? -0.5 : 0.5)});
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            assertThatThrownBy(() -> new GeoJsonSetImporter(db.dataSource()).importDirectory(astray, ImportProgress.NONE))
                    .isInstanceOfSatisfying(ImportRejected.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.file()).isEqualTo("roads.geojson");
                        assertThat(p.reason()).contains("far outside the towns");
                    }));
            assertThat(count(db, "SELECT count(*) FROM towns")).isEqualTo(2);
        }
    }

    /** A town's outline's envelope, read from the set's towns.geojson by an independent parse: {minX, minY, maxX, maxY}. */
    static double[] townEnvelope(String code) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(city.resolve("towns.geojson").toFile());
        for (var f : json.path("features")) {
            if (!code.equals(f.path("properties").path("code").asText())) continue;
            double[] e = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            f.path("geometry").findValues("coordinates").forEach(c -> visit(c, e));
            return e;
        }
        throw new AssertionError("no town " + code);
    }

    private static void visit(com.fasterxml.jackson.databind.JsonNode n, double[] e) {
        if (n.isArray() && n.size() >= 2 && n.get(0).isNumber()) {
            e[0] = Math.min(e[0], n.get(0).asDouble()); e[1] = Math.min(e[1], n.get(1).asDouble());
            e[2] = Math.max(e[2], n.get(0).asDouble()); e[3] = Math.max(e[3], n.get(1).asDouble());
        } else if (n.isArray()) {
            n.forEach(c -> visit(c, e));
        }
    }

    /** A main road of {@code town} from one point to another, as the last feature of the roads file. */
    static void appendRoad(Path roads, String town, double[] a, double[] b) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(roads));
        int last = lines.size() - 2;
        assertThat(lines.get(last)).doesNotEndWith(",");
        lines.set(last, lines.get(last) + ",");
        lines.add(last + 1, String.format(java.util.Locale.ROOT, "{\"type\":\"Feature\",\"id\":99999999,\"geometry\":{\"type\":"
                + "\"LineString\",\"coordinates\":[[%.7f,%.7f],[%.7f,%.7f]]},\"properties\":{\"id\":99999999,\"class\":\"main\","
                + "\"name\":\"link under test\",\"town_code\":\"%s\"}}", a[0], a[1], b[0], b[1], town));
        Files.write(roads, lines);
    }

    /** The content of every map table, without the ids a refused town's rolled-back sequences shift. */
    static Map<String, String> fingerprint(Database db) throws Exception {
        Map<String, String> queries = new TreeMap<>(Map.of(
                "towns", "SELECT code || name || ST_AsText(geom) AS r FROM towns",
                "villages", "SELECT v.code || v.name || v.kind || t.code || ST_AsText(v.geom) AS r FROM villages v JOIN towns t ON t.id = v.town_id",
                "grids", "SELECT g.code || g.name || g.kind || v.code || ST_AsText(g.geom) AS r FROM grids g JOIN villages v ON v.id = g.village_id",
                "facilities", "SELECT f.code || f.level || f.name || coalesce(g.code, '') || ST_AsText(f.geom) AS r "
                        + "FROM facilities f LEFT JOIN grids g ON g.id = f.grid_id",
                "roads", "SELECT r.class || coalesce(r.name, '') || r.length_m || ST_AsText(r.geom) || ST_AsText(s.geom) "
                        + "|| ST_AsText(t.geom) AS r FROM roads r JOIN road_nodes s ON s.id = r.source JOIN road_nodes t ON t.id = r.target",
                "road_nodes", "SELECT ST_AsText(geom) AS r FROM road_nodes",
                "households", "SELECT h.members || g.code || ST_AsText(h.geom) AS r FROM households h JOIN grids g ON g.id = h.grid_id",
                "hazards", "SELECT code || name || type || status || ST_AsText(geom) AS r FROM hazards",
                "staff", "SELECT g.code || s.role || s.name || coalesce(s.phone, '') AS r FROM staff s JOIN grids g ON g.id = s.grid_id"));
        Map<String, String> out = new TreeMap<>();
        for (var q : queries.entrySet()) {
            out.put(q.getKey(), Sql.read(db.dataSource(), c -> Sql.one(c,
                    "SELECT count(*) || ':' || md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS f FROM (" + q.getValue() + ") x",
                    rs -> rs.getString("f")).orElseThrow()));
        }
        return out;
    }

    static long count(Database db, String sql) throws Exception {
        return Sql.read(db.dataSource(), c -> Sql.one(c, sql, rs -> rs.getLong(1)).orElseThrow());
    }

    static void copy(Path from, Path to) throws Exception {
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
