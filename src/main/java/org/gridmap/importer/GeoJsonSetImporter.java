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
 */
public final class GeoJsonSetImporter {
    public record Summary(int towns, int villages, int grids, long facilities, long roads, long households,
                          long hazards, long staff, long errands) { }

    private final DataSource db;

    public GeoJsonSetImporter(DataSource db) { this.db = db; }

    public Summary importDirectory(Path dir, ImportProgress progress) throws IOException, SQLException, ImportRejected {
        if (!java.nio.file.Files.isDirectory(dir)) throw new IOException("not a directory: " + dir);
        return importSet(FeatureFiles.directory(dir), progress);
    }

    public Summary importSet(FeatureFiles files, ImportProgress progress) throws IOException, SQLException, ImportRejected {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // An import is a command, not a request: the serving pool's statement timeout (which `serve --demo`
                // loads the demo town through) must not stop a town's history half way on a busy machine.
                try (var st = c.createStatement()) { st.execute("SET LOCAL statement_timeout = 0"); }
                Summary s = load(c, files, progress);
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

    private Summary load(Connection c, FeatureFiles files, ImportProgress progress)
            throws IOException, SQLException, ImportRejected {
        Problems problems = new Problems();
        ExistingUnits existing = ExistingUnits.load(c);
        UnitReader units = new UnitReader(files, problems, progress, existing);

        Map<String, Unit> towns = units.read("towns.geojson", null, null, 12);
        Map<String, Unit> villages = units.read("villages.geojson", towns, Vocabulary.VILLAGE_KINDS, 12);
        Map<String, Unit> grids = units.read("grids.geojson", villages, Vocabulary.GRID_KINDS, 15);
        checkTiling("villages.geojson", towns, villages, problems);
        checkTiling("grids.geojson", villages, grids, problems);
        if (units.isEmpty() && files.open("roads.geojson") == null && files.open("households.geojson") == null) {
            problems.add(files.describe(), null, "no feature files found (towns.geojson, villages.geojson, grids.geojson, ...)");
        }
        if (problems.isEmpty()) units.insert(c);

        BulkLoader bulk = new BulkLoader(c, files, problems, progress, towns, villages, grids, gridIndex(grids));
        long facilities = bulk.facilities();
        long roads = bulk.roads(extentOf(towns));
        long households = bulk.households();
        long hazards = bulk.hazards(extentOf(towns));
        long staff = bulk.staff();
        if (!problems.isEmpty()) throw problems.rejection();

        ErrandHistory.Plan history = demoPlan(files, ErrandHistory.FILE, ErrandHistory.Plan::parse, problems);
        VisitHistory.Plan visitHistory = demoPlan(files, VisitHistory.FILE, VisitHistory.Plan::parse, problems);
        WorkHistory.Plan work = demoPlan(files, WorkHistory.FILE, WorkHistory.Plan::parse, problems);
        NetworksDemo.Plan networks = demoPlan(files, NetworksDemo.FILE, NetworksDemo.Plan::parse, problems);
        if (!problems.isEmpty()) throw problems.rejection();

        try (Statement s = c.createStatement()) {
            s.execute(resource("road_topology.sql"));
        }
        long errands = 0;
        if (history != null) {
            errands = ErrandHistory.generate(c, towns.values().stream().filter(t -> !t.existing).map(t -> t.code).toList(),
                    history);
            progress.finished(ErrandHistory.FILE, errands);
        }
        // visits before the grid work: the demo's 3-day reports count the visits already written
        if (visitHistory != null) {
            progress.finished(VisitHistory.FILE, VisitHistory.generate(c,
                    towns.values().stream().filter(t -> !t.existing).map(t -> t.code).toList(), visitHistory,
                    (town, done, total, visits) -> progress.progress(VisitHistory.FILE, done, total, visits)));
        }
        if (work != null) {
            WorkHistory.Written w = WorkHistory.generate(c, towns.values().stream().filter(t -> !t.existing).map(t -> t.code)
                    .toList(), work);
            progress.finished(WorkHistory.FILE, w.cases() + w.reports() + w.meetings());
        }
        if (networks != null) {
            progress.finished(NetworksDemo.FILE, NetworksDemo.generate(c,
                    towns.values().stream().filter(t -> !t.existing).map(t -> t.code).toList(), networks));
        }
        return new Summary(units.count(towns), units.count(villages), units.count(grids),
                facilities, roads, households, hazards, staff, errands);
    }

    /**
     * A demo set may ask for generated data for its towns: a year of past errands ({@code errand-history.json}),
     * of visits ({@code visit-history.json}), of grid work — cases, 3-day reports, meetings
     * ({@code work-history.json}) — or the networks around its grids ({@code networks.json}). The plan in that file,
     * or null when the set has none (or refused: then a problem says why).
     */
    private static <T> T demoPlan(FeatureFiles files, String file, java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, T> parse,
                                  Problems problems) throws IOException {
        try (InputStream in = files.open(file)) {
            if (in == null) return null;
            return parse.apply(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(file, null, e.getMessage());
            return null;
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

    /** Where roads and hazards may lie: the towns of the set, padded by 10 km for links between towns. */
    private static Envelope extentOf(Map<String, Unit> towns) {
        Envelope e = new Envelope();
        towns.values().forEach(t -> e.expandToInclude(t.geom.getEnvelopeInternal()));
        if (!e.isNull()) e.expandBy(0.1);
        return e;
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
