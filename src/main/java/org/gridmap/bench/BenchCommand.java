package org.gridmap.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gridmap.app.Config;
import org.gridmap.db.Database;
import org.gridmap.db.DatabaseProvisioner;
import org.gridmap.db.LocalPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Measure tiles, features and routing on the Taojia town (and a generated city); "
        + "prints figures and ratios against baselines measured in the same run.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--only", split = ",", description = "Parts to run: layers, rings, density, graphhopper, errands, visits, networks, layers-city, rings-city, density-city, graphhopper-city, errands-city, visits-city, networks-city (default: all).")
    Set<String> only;

    @Option(names = "--towns", defaultValue = "100", description = "Towns in the city for the scale runs (default 100; 0 = skip the city).")
    int towns;

    @Override
    public Integer call() throws Exception {
        Config config = Config.load(null, System.getenv(), Map.of());
        // one log line per request would measure the console, not the server
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("gridmap.http")).setLevel(ch.qos.logback.classic.Level.WARN);
        if (!config.usesLocalCluster()) {
            System.err.println("bench creates databases of its own and runs on the project-local cluster; unset GRIDMAP_DB_URL");
            return 2;
        }
        LocalPostgres pg = new LocalPostgres(DatabaseProvisioner.clusterDir(config.varDir()), config.localPgPort());
        pg.start();
        try {
            BenchDatabases data = new BenchDatabases(pg, config.varDir(), System.out);
            Database.Credentials town = data.town();
            System.out.printf("gridmap bench — %d cores, max heap %d MiB, %s%n", java.lang.Runtime.getRuntime().availableProcessors(),
                    java.lang.Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
            if (wants("layers")) new LayerBenchmark(System.out).run("Taojia town", town, bbox(town));
            if (wants("rings")) new RingBenchmark(System.out).run("Taojia town", town, bbox(town));
            if (wants("density")) new DensityBenchmark(System.out).run("Taojia town", town, bbox(town));
            if (wants("graphhopper")) new GraphHopperBenchmark(System.out).run("Taojia town", town, bbox(town), false);
            if (wants("errands")) new ErrandBenchmark(System.out).run("Taojia town", town);
            if (wants("visits")) new VisitBenchmark(System.out).run("Taojia town", town);
            if (wants("networks")) new NetworkBenchmark(System.out).run("Taojia town", town);
            if (towns > 0 && (wants("layers-city") || wants("rings-city") || wants("density-city") || wants("graphhopper-city") || wants("errands-city")
                    || wants("networks-city"))) {
                Database.Credentials city = data.city(towns);
                String label = "city of " + towns + " towns";
                if (wants("layers-city")) new LayerBenchmark(System.out).run(label, city, bbox(city));
                if (wants("rings-city")) new RingBenchmark(System.out).run(label, city, extent(city));
                if (wants("density-city")) new DensityBenchmark(System.out).run(label, city, extent(city));
                if (wants("graphhopper-city")) new GraphHopperBenchmark(System.out).run(label, city, extent(city), true);
                if (wants("errands-city")) new ErrandBenchmark(System.out).run(label, city);
                if (wants("networks-city")) new NetworkBenchmark(System.out).run(label, city);
            }
            // the visits' city is the map and its year of visits, without the other demo years
            if (towns > 0 && wants("visits-city")) {
                new VisitBenchmark(System.out).run("city of " + towns + " towns", data.cityWithVisits(towns), data.visitLoad(towns));
            }
            return 0;
        } finally {
            pg.close();
        }
    }

    private boolean wants(String part) {
        if (only == null || only.isEmpty()) return true;
        return only.contains(part);
    }

    /** The extent of all towns (origins for the city runs spread over every town). */
    static double[] extent(Database.Credentials c) throws Exception {
        try (Connection conn = DriverManager.getConnection(c.url(), c.user(), c.password()); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM towns) x")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
    }

    static double[] bbox(Database.Credentials c) throws Exception {
        try (Connection conn = DriverManager.getConnection(c.url(), c.user(), c.password()); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                     + "(SELECT ST_Extent(geom) e FROM towns WHERE code = (SELECT min(code) FROM towns)) x")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
    }
}
