package org.gridmap.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.gridmap.errands.ErrandHistory;
import org.gridmap.networks.NetworksDemo;
import org.gridmap.reports.WorkHistory;
import org.gridmap.visits.VisitHistory;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Loads a GeoJSON feature set (the layout of {@code docs/data-format.md}) in one transaction. Every feature
 * is validated; all problems are reported together with the feature's id, and if there is any, nothing is
 * written. Parents come before children (towns → villages → grids → facilities …) so references resolve.
 *
 * <p>A city set (a directory with {@code city.json}) is taken town by town instead, each town in a transaction of
 * its own, so memory and transaction size stay those of one town and an interrupted import resumes: see
 * {@link CitySet}.
 */
public final class GeoJsonSetImporter {
    public record Summary(int towns, int villages, int grids, long facilities, long roads, long households,
                          long hazards, long staff, long errands) {
        /** Nothing written: a city set whose towns were all imported before. */
        public boolean isEmpty() {
            return towns + villages + grids + facilities + roads + households + hazards + staff + errands == 0;
        }
    }

    private final DataSource db;

    public GeoJsonSetImporter(DataSource db) { this.db = db; }

    DataSource dataSource() { return db; }

    public Summary importDirectory(Path dir, ImportProgress progress) throws IOException, SQLException, ImportRejected {
        if (!java.nio.file.Files.isDirectory(dir)) throw new IOException("not a directory: " + dir);
        if (java.nio.file.Files.exists(dir.resolve(CitySet.FILE))) return new CitySet(this, dir).importTowns(progress);
        return importSet(FeatureFiles.directory(dir), progress);
    }

    /** A set of files (not a city): one transaction, all or nothing. */
    public Summary importSet(FeatureFiles files, ImportProgress progress) throws IOException, SQLException, ImportRejected {
        Problems problems = new Problems();
        DemoPlans plans = DemoPlans.read(files, problems);
        return inTransaction(c -> load(c, FeatureSource.of(files), ExistingUnits.load(c), plans, problems, progress));
    }

    interface Work { Summary run(Connection c) throws IOException, SQLException, ImportRejected; }

    Summary inTransaction(Work work) throws IOException, SQLException, ImportRejected {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // An import is a command, not a request: the serving pool's statement timeout (which `serve --demo`
                // loads the demo town through) must not stop a town's history half way on a busy machine.
                try (var st = c.createStatement()) { st.execute("SET LOCAL statement_timeout = 0"); }
                Summary s = work.run(c);
                c.commit();
                return s;
            } catch (ImportRejected | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } catch (SQLException e) {
                c.rollback();
                // A rule the database holds itself (a deferred trigger, a unique index) refused the set.
                throw new ImportRejected(List.of(new ImportProblem("(database)", null, e.getMessage())));
            }
        }
    }

    /** Reads, checks and writes one set (or one town of a city) on {@code c}; throws when there is any problem. */
    Summary load(Connection c, FeatureSource files, ExistingUnits existing, DemoPlans plans, Problems problems,
                 ImportProgress progress) throws IOException, SQLException, ImportRejected {
        UnitReader units = new UnitReader(files, problems, progress, existing);

        Map<String, Unit> towns = units.read("towns.geojson", null, null, 12);
        Map<String, Unit> villages = units.read("villages.geojson", towns, Vocabulary.VILLAGE_KINDS, 12);
        Map<String, Unit> grids = units.read("grids.geojson", villages, Vocabulary.GRID_KINDS, 15);
        checkTiling("villages.geojson", towns, villages, problems);
        checkTiling("grids.geojson", villages, grids, problems);
        if (units.isEmpty() && !files.has("roads.geojson") && !files.has("households.geojson")) {
            problems.add(files.describe(), null, "no feature files found (towns.geojson, villages.geojson, grids.geojson, ...)");
        }
        if (problems.isEmpty()) units.insert(c);

        long lastRoad = lastRoadId(c);
        // read before the bulk loads: a bad feature cancels the COPY under way, and that aborts the transaction
        Envelope extent = extentOf(towns, importedTowns(c));
        BulkLoader bulk = new BulkLoader(c, files, problems, progress, towns, villages, grids, gridIndex(grids));
        long facilities = bulk.facilities();
        long roads = bulk.roads(extent);
        long households = bulk.households();
        long hazards = bulk.hazards(extent);
        long staff = bulk.staff();
        if (!problems.isEmpty()) throw problems.rejection();

        try (Statement s = c.createStatement()) {
            // only the roads written now: a city's towns come one transaction each, and older roads have their nodes
            s.execute(resource("road_topology.sql").replace(":last_old_road", Long.toString(lastRoad)));
        }
        List<String> added = towns.values().stream().filter(t -> !t.existing).map(t -> t.code).toList();
        long errands = 0;
        if (plans.errands() != null) {
            errands = ErrandHistory.generate(c, added, plans.errands());
            progress.finished(ErrandHistory.FILE, errands);
        }
        // visits before the grid work: the demo's 3-day reports count the visits already written
        if (plans.visits() != null) {
            progress.finished(VisitHistory.FILE, VisitHistory.generate(c, added, plans.visits(),
                    (town, done, total, visits) -> progress.progress(VisitHistory.FILE, done, total, visits)));
        }
        if (plans.work() != null) {
            WorkHistory.Written w = WorkHistory.generate(c, added, plans.work());
            progress.finished(WorkHistory.FILE, w.cases() + w.reports() + w.meetings());
        }
        if (plans.networks() != null) {
            progress.finished(NetworksDemo.FILE, NetworksDemo.generate(c, added, plans.networks()));
        }
        return new Summary(units.count(towns), units.count(villages), units.count(grids),
                facilities, roads, households, hazards, staff, errands);
    }

    private static long lastRoadId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM roads")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void checkTiling(String file, Map<String, Unit> wholes, Map<String, Unit> parts, Problems problems) {
        Map<String, List<Unit>> byParent = new LinkedHashMap<>();
        for (Unit p : parts.values()) {
            if (!p.existing) byParent.computeIfAbsent(p.parentCode, k -> new ArrayList<>()).add(p);
        }
        byParent.forEach((parentCode, list) -> {
            Unit whole = wholes.get(parentCode);
            // Only a whole imported now must be tiled completely; parts added to an existing one are checked singly.
            if (whole != null && !whole.existing) TilingCheck.check(file, whole, list, problems);
        });
    }

    private static STRtree gridIndex(Map<String, Unit> grids) {
        STRtree tree = new STRtree();
        for (Unit g : grids.values()) tree.insert(g.geom.getEnvelopeInternal(), g);
        tree.build();
        return tree;
    }

    /**
     * Where roads and hazards may lie: the towns being imported and those already in the database, padded by 10 km.
     * A city's link road is written with the later of the two towns it joins, so its far end lies in a town imported
     * before: the town's own outline is not enough, however far apart the two towns are.
     */
    private static Envelope extentOf(Map<String, Unit> towns, Envelope imported) {
        Envelope e = new Envelope(imported);
        towns.values().forEach(t -> e.expandToInclude(t.geom.getEnvelopeInternal()));
        if (!e.isNull()) e.expandBy(0.1);
        return e;
    }

    /** The extent of the towns in the database, as this transaction sees it (empty when there are none). */
    private static Envelope importedTowns(Connection c) throws SQLException {
        return Sql.one(c, "SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 "
                        + "FROM (SELECT ST_Extent(geom) AS e FROM towns) x WHERE e IS NOT NULL",
                rs -> new Envelope(rs.getDouble("x0"), rs.getDouble("x1"), rs.getDouble("y0"), rs.getDouble("y1")))
                .orElseGet(Envelope::new);
    }

    static String validityProblem(Geometry g) {
        IsValidOp op = new IsValidOp(g);
        if (op.isValid()) return null;
        var err = op.getValidationError();
        return "invalid geometry: " + err.getMessage() + " at " + err.getCoordinate();
    }

    static String extentProblem(Geometry g) {
        Envelope e = g.getEnvelopeInternal();
        if (e.getMinX() < Vocabulary.MIN_LON || e.getMaxX() > Vocabulary.MAX_LON
                || e.getMinY() < Vocabulary.MIN_LAT || e.getMaxY() > Vocabulary.MAX_LAT) {
            return "coordinates " + g.getCoordinate() + " lie outside China: gridmap expects lon/lat in EPSG:4326 "
                    + "(check the CRS and the axis order)";
        }
        return null;
    }

    static Unit gridAt(STRtree index, Point p) {
        @SuppressWarnings("unchecked")
        List<Unit> candidates = index.query(p.getEnvelopeInternal());
        Unit best = null;
        for (Unit g : candidates) {
            if (g.prepared().covers(p) && (best == null || g.code.compareTo(best.code) < 0)) best = g;
        }
        return best;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = GeoJsonSetImporter.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
