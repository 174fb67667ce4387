package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gridmap.db.Database;
import org.gridmap.importer.GeoJsonSetImporter;
import org.gridmap.importer.ImportProgress;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small city of grown towns (seed 7: Taojia, four ordinary towns, a subdistrict and a township; map only) goes
 * through the real importer, whose checks (grids tile villages, villages tile towns, households inside their town,
 * a noded network …) refuse any set that breaks them; PostGIS then confirms the towns are valid, do not overlap
 * and differ in density.
 */
class CityImportTest {
    @TempDir
    static Path dir;
    static Database db;
    static GenerationSummary generated;
    static GeoJsonSetImporter.Summary imported;

    @BeforeAll
    static void generateAndImport() throws Exception {
        generated = TownGenerator.generate(7, 7L, dir, m -> { });
        // The map only, as the benchmark cities are imported: the demo histories are not this test's subject.
        for (String f : new String[] {"errand-history.json", "visit-history.json", "work-history.json", "networks.json"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        db = new Database(TestPostgis.newMigratedDatabase(), 2);
        imported = new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, ImportProgress.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyFeatureIsImported() {
        assertThat(imported.towns()).isEqualTo(7);
        assertThat(imported.villages()).isEqualTo(generated.villages());
        assertThat(imported.grids()).isEqualTo(generated.grids());
        assertThat(imported.facilities()).isEqualTo(generated.facilities());
        assertThat(imported.households()).isEqualTo(generated.households());
    }

    @Test
    void townsAreValidDoNotOverlapAndHoldTheirGridsAndHouseholds() throws Exception {
        assertThat(scalar("SELECT count(*) FROM towns WHERE NOT ST_IsValid(geom)")).isZero();
        assertThat(scalar("SELECT count(*) FROM towns a JOIN towns b ON a.id < b.id"
                + " WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 0")).isZero();
        assertThat(scalar("SELECT count(*) FROM grids g WHERE NOT EXISTS"
                + " (SELECT 1 FROM towns t WHERE ST_CoveredBy(g.geom, t.geom))")).isZero();
        assertThat(scalar("SELECT count(*) FROM households h WHERE NOT EXISTS"
                + " (SELECT 1 FROM towns t WHERE ST_Contains(t.geom, h.geom))")).isZero();
        // Kinds differ in the database too: the densest town has over 20× the households per km² of the sparsest.
        double ratio = number("SELECT max(d) / min(d) FROM (SELECT count(h.*) / (ST_Area(t.geom::geography) / 1e6) d"
                + " FROM towns t JOIN households h ON ST_Contains(t.geom, h.geom) GROUP BY t.id) x");
        assertThat(ratio).isGreaterThan(20);
    }

    private static long scalar(String sql) throws Exception {
        return (long) number(sql);
    }

    private static double number(String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
