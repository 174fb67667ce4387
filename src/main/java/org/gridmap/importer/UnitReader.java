package org.gridmap.importer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/** Reads and validates towns, villages and grids (the polygons everything else hangs from), then writes them. */
final class UnitReader {
    private final FeatureSource files;
    private final Problems problems;
    private final ImportProgress progress;
    private final ExistingUnits existing;
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(String table, Unit unit, String nameEn, String kind) { }

    UnitReader(FeatureSource files, Problems problems, ImportProgress progress, ExistingUnits existing) {
        this.files = files;
        this.problems = problems;
        this.progress = progress;
        this.existing = existing;
    }

    boolean isEmpty() { return pending.isEmpty(); }

    int count(Map<String, Unit> units) { return (int) units.values().stream().filter(u -> !u.existing).count(); }

    /**
     * @param parents the units one level up (null for towns)
     * @param kinds allowed values of {@code kind} (null: the level has no kind)
     * @return the units of this level: those in the database plus those read now
     */
    Map<String, Unit> read(String file, Map<String, Unit> parents, Set<String> kinds, int codeDigits) throws IOException {
        boolean isTown = parents == null;
        Map<String, Unit> units = new LinkedHashMap<>(existing.of(codeDigits, isTown));
        String table = isTown ? "towns" : codeDigits == 15 ? "grids" : "villages";
        String parentKey = isTown ? null : codeDigits == 15 ? "village_code" : "town_code";
        files.read(file, problems, progress, f -> {
            String reason = validate(f, units, parents, parentKey, kinds, codeDigits);
            if (reason != null) {
                problems.add(file, f.id(), reason);
                return;
            }
            Geometry g = f.geometry() instanceof Polygon p ? p.getFactory().createMultiPolygon(new Polygon[] {p})
                    : f.geometry();
            Unit u = new Unit(f.text("code"), f.text("name"), isTown ? null : f.text(parentKey), f.id(), g, false, 0);
            units.put(u.code, u);
            pending.add(new Pending(table, u, f.text("name_en"), f.text("kind")));
        });
        return units;
    }

    private static String validate(Feature f, Map<String, Unit> units, Map<String, Unit> parents, String parentKey,
                                   Set<String> kinds, int codeDigits) {
        String code = f.text("code");
        if (code == null || !code.matches("[0-9]{" + codeDigits + "}")) {
            return "code '" + code + "' is not " + codeDigits + " digits";
        }
        if (units.containsKey(code)) return "code " + code + " is used twice (in this set or already in the database)";
        if (f.text("name") == null || f.text("name").isBlank()) return "has no name";
        if (kinds != null && (f.text("kind") == null || !kinds.contains(f.text("kind")))) {
            return "kind '" + f.text("kind") + "' is not one of " + kinds;
        }
        Geometry g = f.geometry();
        if (!(g instanceof Polygon || g instanceof MultiPolygon)) {
            return "geometry must be a Polygon or MultiPolygon, not " + (g == null ? "null" : g.getGeometryType());
        }
        if (g.isEmpty()) return "geometry is empty";
        String bad = GeoJsonSetImporter.extentProblem(g);
        if (bad == null) bad = GeoJsonSetImporter.validityProblem(g);
        if (bad != null) return bad;
        if (parents != null) {
            String parentCode = f.text(parentKey);
            Unit parent = parentCode == null ? null : parents.get(parentCode);
            if (parent == null) return parentKey + " '" + parentCode + "' names no known unit";
            if (!code.startsWith(parent.code.substring(0, codeDigits == 15 ? 12 : 9))) {
                return "code " + code + " does not start with its parent's code " + parent.code;
            }
            if (!parent.covers(g)) {
                return "extends outside its parent " + parent.code + " (" + parent.name + ")";
            }
        }
        return null;
    }

    void insert(Connection c) throws SQLException {
        Map<String, Unit> written = new LinkedHashMap<>();
        for (Pending p : pending) {
            String sql = switch (p.table()) {
                case "towns" -> "INSERT INTO towns (code, name, name_en, geom) VALUES (?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id";
                case "villages" -> "INSERT INTO villages (code, name, name_en, geom, kind, town_id) "
                        + "VALUES (?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?) RETURNING id";
                default -> "INSERT INTO grids (code, name, geom, kind, village_id) "
                        + "VALUES (?, ?, ST_GeomFromWKB(?, 4326), ?, ?) RETURNING id";
            };
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, p.unit().code);
                ps.setString(i++, p.unit().name);
                if (!p.table().equals("grids")) ps.setString(i++, p.nameEn());
                ps.setBytes(i++, new org.locationtech.jts.io.WKBWriter().write(p.unit().geom));
                if (!p.table().equals("towns")) {
                    ps.setString(i++, p.kind());
                    ps.setLong(i, parentId(p, written));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    p.unit().id = rs.getLong(1);
                }
            }
            written.put(p.table() + ":" + p.unit().code, p.unit());
        }
    }

    private long parentId(Pending p, Map<String, Unit> written) {
        String parentTable = p.table().equals("grids") ? "villages" : "towns";
        Unit parent = written.get(parentTable + ":" + p.unit().parentCode);
        if (parent != null) return parent.id;
        Map<String, Unit> db = parentTable.equals("towns") ? existing.towns : existing.villages;
        return db.get(p.unit().parentCode).id;
    }
}
