package org.gridmap.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.db.Sql;
import org.locationtech.jts.geom.Envelope;

/**
 * A city set: the eight files of a set, plus {@value #FILE} listing the codes of its towns in the order the files
 * give them. Every feature names its town ({@code code} in towns.geojson, {@code town_code} elsewhere) and each
 * file lists the features town by town in that order, so the files are read side by side, one town at a time.
 *
 * <p>The rule: each town is all or nothing — its units, features, road topology and any demo history are written
 * in one transaction. A town whose code is already in the database counts as imported and is skipped, so a run
 * that was refused, crashed or interrupted resumes where it stopped. The first refused town stops the run; the
 * towns before it stay. Memory is that of one town whatever the size of the city.
 *
 * <p>What needs the whole city is checked without holding it: the town order of every file in a first pass that
 * reads only codes ({@link TownOrder}); that towns do not overlap, for each town in SQL against the towns already
 * in the database.
 */
public final class CitySet {
    public static final String FILE = "city.json";
    static final String[] FILES = {"towns.geojson", "villages.geojson", "grids.geojson", "facilities.geojson",
        "roads.geojson", "households.geojson", "hazards.geojson", "staff.geojson"};
    private static final String IMPORTED_TOWNS = "SELECT code FROM towns WHERE code = ANY(?)";
    /** Imported towns whose inside overlaps the inside of the given one. */
    private static final String OVERLAPPING_TOWNS = "SELECT o.code FROM towns t JOIN towns o ON o.id <> t.id "
            + "AND o.geom && t.geom AND ST_Relate(o.geom, t.geom, '2********') WHERE t.code = ? ORDER BY o.code";

    private final GeoJsonSetImporter importer;
    private final Path dir;

    CitySet(GeoJsonSetImporter importer, Path dir) {
        this.importer = importer;
        this.dir = dir;
    }

    /** The towns' codes in {@value #FILE}, in file order. */
    static List<String> townCodes(Path dir) throws IOException, ImportRejected {
        JsonNode towns = new ObjectMapper().readTree(dir.resolve(FILE).toFile()).path("towns");
        List<String> codes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode t : towns) {
            if (!t.asText("").matches("[0-9]{12}") || !seen.add(t.asText())) {
                throw new ImportRejected(List.of(new ImportProblem(FILE, null, "'" + t.asText() + "' is not a town code "
                        + "or is listed twice")));
            }
            codes.add(t.asText());
        }
        if (codes.isEmpty()) throw new ImportRejected(List.of(new ImportProblem(FILE, null, "lists no towns")));
        return codes;
    }

    GeoJsonSetImporter.Summary importTowns(ImportProgress progress) throws IOException, SQLException, ImportRejected {
        List<String> codes = townCodes(dir);
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) order.put(codes.get(i), i);
        Problems head = new Problems();
        DemoPlans plans = DemoPlans.read(FeatureFiles.directory(dir), head);
        TownOrder.check(dir, order, head);
        if (!head.isEmpty()) throw head.rejection();
        Set<String> imported = alreadyImported(codes);
        Map<String, FeatureReader> readers = new LinkedHashMap<>();
        try {
            for (String f : FILES) {
                Path p = dir.resolve(f);
                if (Files.exists(p)) readers.put(f, new FeatureReader(f, Files.newInputStream(p), Files.size(p), head));
            }
            if (!head.isEmpty()) throw head.rejection();
            progress.townsStarted(imported.size(), codes.size());
            long[] sums = new long[9];
            int done = imported.size();
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                TownSlice slice = new TownSlice(readers, order, code, i);
                if (imported.contains(code)) {
                    slice.skip();
                    continue;
                }
                GeoJsonSetImporter.Summary s;
                try {
                    s = importer.inTransaction(c -> importTown(c, slice, plans));
                } catch (ImportRejected e) {
                    List<ImportProblem> all = new ArrayList<>(e.problems());
                    all.add(new ImportProblem(FILE, code, "this town was refused and not written; the " + done
                            + " towns before it are imported. Fix the set and run the import again: it goes on here"));
                    throw new ImportRejected(all);
                }
                add(sums, s);
                progress.town(++done, codes.size(), code);
            }
            Problems tail = new Problems();
            for (FeatureReader r : readers.values()) {
                Feature left = r.peek(tail);
                if (left != null) {
                    tail.add(r.file(), left.id(), "comes after the last town's features (town_code "
                            + TownSlice.townOf(r.file(), left) + "): not a town of " + FILE + ", or out of order");
                }
            }
            if (!tail.isEmpty()) throw tail.rejection();
            return new GeoJsonSetImporter.Summary((int) sums[0], (int) sums[1], (int) sums[2], sums[3], sums[4],
                    sums[5], sums[6], sums[7], sums[8]);
        } finally {
            for (FeatureReader r : readers.values()) r.close();
        }
    }

    private GeoJsonSetImporter.Summary importTown(Connection c, TownSlice slice, DemoPlans plans)
            throws IOException, SQLException, ImportRejected {
        Problems problems = new Problems();
        Feature town = slice.town(problems);
        if (town == null) throw problems.rejection();
        Envelope near = town.geometry() == null ? new Envelope() : town.geometry().getEnvelopeInternal();
        GeoJsonSetImporter.Summary s = importer.load(c, slice.source(), ExistingUnits.near(c, near), plans, problems,
                ImportProgress.NONE);
        // Towns tile the city: a check over the whole city, made set-based in the database for this town.
        for (String other : Sql.query(c, OVERLAPPING_TOWNS, rs -> rs.getString("code"), slice.code())) {
            problems.add("towns.geojson", slice.code(), "overlaps the town " + other);
        }
        if (!problems.isEmpty()) throw problems.rejection();
        return s;
    }

    private static void add(long[] sums, GeoJsonSetImporter.Summary s) {
        long[] v = {s.towns(), s.villages(), s.grids(), s.facilities(), s.roads(), s.households(), s.hazards(),
            s.staff(), s.errands()};
        for (int i = 0; i < v.length; i++) sums[i] += v[i];
    }

    /** Towns of the set already in the database: imported by an earlier run. */
    private Set<String> alreadyImported(List<String> codes) throws SQLException {
        return new HashSet<>(Sql.read(importer.dataSource(), c -> Sql.query(c, IMPORTED_TOWNS,
                rs -> rs.getString("code"), (Object) codes.toArray(String[]::new))));
    }
}
