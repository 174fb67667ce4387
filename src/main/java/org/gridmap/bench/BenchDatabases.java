package org.gridmap.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.gridmap.db.Database;
import org.gridmap.db.DatabaseProvisioner;
import org.gridmap.db.LocalPostgres;
import org.gridmap.demo.TownGenerator;
import org.gridmap.importer.ConsoleProgress;
import org.gridmap.importer.DemoData;
import org.gridmap.importer.FeatureFiles;
import org.gridmap.importer.GeoJsonSetImporter;
import org.gridmap.importer.ImportProgress;

/**
 * The benchmark's data: the Taojia town and a generated city, each in a database of its own inside the
 * local cluster. The city is generated and imported once and then reused (its generation takes minutes).
 */
public final class BenchDatabases {
    private final LocalPostgres pg;
    private final Path varDir;
    private final PrintStream out;

    public BenchDatabases(LocalPostgres pg, Path varDir, PrintStream out) {
        this.pg = pg;
        this.varDir = varDir;
        this.out = out;
    }

    public Database.Credentials town() throws Exception {
        return prepare("bench_town", 1, db -> new GeoJsonSetImporter(db.dataSource())
                .importSet(FeatureFiles.classpath(DemoData.CLASSPATH_FOLDER), ImportProgress.NONE));
    }

    public Database.Credentials city(int towns) throws Exception {
        String name = "bench_city_" + towns;
        return prepare(name, towns, db -> {
            Path dir = varDir.resolve("bench/city-" + towns);
            // city.json is written last: without it the set is not complete (and an older, flat set is redone)
            if (!Files.exists(dir.resolve(TownGenerator.CITY_FILE))) {
                out.println("generating a city of " + towns + " towns into " + dir + " (once) ...");
                TownGenerator.generate(towns, TownGenerator.DEFAULT_SEED, dir, msg -> { });
            }
            // town by town: a run that was stopped goes on after the towns it had imported
            out.println("importing the city (once) ...");
            new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, new ConsoleProgress(out));
        });
    }

    interface Loader { void load(Database db) throws Exception; }

    /** @param towns how many towns the complete database holds */
    private Database.Credentials prepare(String name, int towns, Loader loader) throws Exception {
        Database.Credentials c = DatabaseProvisioner.ensureDatabase(pg, name);
        try (Database db = new Database(c, 2)) {
            db.migrate();
            if (count(c, "towns") >= towns) return c;
            loader.load(db);
        }
        // fresh statistics, so the planner sees a loaded table and not an empty one
        try (Connection conn = DriverManager.getConnection(c.url(), c.user(), c.password());
             Statement s = conn.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
        return c;
    }

    private static long count(Database.Credentials c, String table) throws SQLException {
        try (Connection conn = DriverManager.getConnection(c.url(), c.user(), c.password());
             Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
