package org.gridmap.bench;

import java.io.IOException;
import java.io.InputStream;
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
import org.gridmap.visits.VisitHistory;

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
            Path dir = generated(towns);
            // town by town: a run that was stopped goes on after the towns it had imported
            out.println("importing the city (once) ...");
            new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, new ConsoleProgress(out));
        });
    }

    /**
     * The city's map and its year of visits, without the other demo years (a year of errands alone takes the better
     * part of an hour to write): the visit benchmark's data, imported once as {@code bin/gridmap import} would, from
     * the generated set's files. How long the visits took is kept beside the set, so later runs can say it.
     */
    public Database.Credentials cityWithVisits(int towns) throws Exception {
        return prepare("bench_city_" + towns + "_visits", towns, db -> {
            Path dir = generated(towns);
            out.println("importing the city's map and its year of visits (once) ...");
            VisitLoadTimer timer = new VisitLoadTimer(new ConsoleProgress(out), out);
            new GeoJsonSetImporter(db.dataSource()).importSet(only(FeatureFiles.directory(dir), VisitHistory.FILE), timer);
            Files.writeString(visitLoadRecord(towns), timer.summary() + "\n");
        });
    }

    /** What the import of {@link #cityWithVisits} said about writing the visits, or null before it ran. */
    public String visitLoad(int towns) throws IOException {
        Path p = visitLoadRecord(towns);
        return Files.exists(p) ? Files.readString(p).trim() : null;
    }

    private Path visitLoadRecord(int towns) { return varDir.resolve("bench/city-" + towns + "-visits-load.txt"); }

    private Path generated(int towns) throws IOException {
        Path dir = varDir.resolve("bench/city-" + towns);
        // city.json is written last: without it the set is not complete (and an older, flat set is redone)
        if (!Files.exists(dir.resolve(TownGenerator.CITY_FILE))) {
            out.println("generating a city of " + towns + " towns into " + dir + " (once) ...");
            TownGenerator.generate(towns, TownGenerator.DEFAULT_SEED, dir, msg -> { });
        }
        return dir;
    }

    /** The set's feature files (.geojson) and, of its demo plans (.json), only {@code plan}. */
    private static FeatureFiles only(FeatureFiles files, String plan) {
        return new FeatureFiles() {
            @Override public InputStream open(String name) throws IOException {
                return name.endsWith(".geojson") || name.equals(plan) ? files.open(name) : null;
            }
            @Override public long size(String name) { return files.size(name); }
            @Override public String describe() { return files.describe() + " (map and " + plan + ")"; }
        };
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
