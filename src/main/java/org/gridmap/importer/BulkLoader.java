package org.gridmap.importer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The many-feature files (facilities, roads, households, hazards, staff): validated feature by feature and
 * streamed into the database with COPY while no problem has been seen; after the first problem the rest is
 * only validated, since the transaction will be rolled back anyway.
 */
final class BulkLoader {
    private final Connection c;
    private final FeatureSource files;
    private final Problems problems;
    private final ImportProgress progress;
    private final Map<String, Unit> towns;
    private final Map<String, Unit> villages;
    private final Map<String, Unit> grids;
    private final STRtree gridIndex;

    interface RowCheck { String check(Feature f, CopyRows out) throws SQLException; }

    BulkLoader(Connection c, FeatureSource files, Problems problems, ImportProgress progress, Map<String, Unit> towns,
               Map<String, Unit> villages, Map<String, Unit> grids, STRtree gridIndex) {
        this.c = c;
        this.files = files;
        this.problems = problems;
        this.progress = progress;
        this.towns = towns;
        this.villages = villages;
        this.grids = grids;
        this.gridIndex = gridIndex;
    }

    long facilities() throws IOException, SQLException {
        Set<String> codes = new HashSet<>();
        Set<String> parentsTaken = new HashSet<>();
        return load("facilities.geojson", "facilities", "code, level, name, grid_id, village_id, town_id, geom", (f, out) -> {
            String code = f.text("code");
            String level = f.text("level");
            if (code == null || !code.matches("[0-9]{12,15}[A-Z][0-9]*")) return "code '" + code + "' is not a facility code";
            if (!codes.add(code)) return "code " + code + " is used twice";
            if (level == null || !Vocabulary.FACILITY_LEVELS.contains(level)) {
                return "level '" + level + "' is not one of " + Vocabulary.FACILITY_LEVELS;
            }
            if (!(f.geometry() instanceof Point p) || p.isEmpty()) return "geometry must be a Point";
            String bad = GeoJsonSetImporter.extentProblem(p);
            if (bad != null) return bad;
            if (f.text("name") == null || f.text("name").isBlank()) return "has no name";
            Unit grid = f.text("grid_code") == null ? null : grids.get(f.text("grid_code"));
            Unit village = f.text("village_code") == null ? null : villages.get(f.text("village_code"));
            Unit town = f.text("town_code") == null ? null : towns.get(f.text("town_code"));
            Unit home = switch (level) {
                case "point", "grid" -> grid;
                case "station" -> village;
                default -> town;
            };
            String homeKey = switch (level) {
                case "point", "grid" -> "grid_code";
                case "station" -> "village_code";
                default -> "town_code";
            };
            if (home == null) return "a " + level + " needs a known " + homeKey + " (got '" + f.text(homeKey) + "')";
            if (!home.prepared().covers(p)) return "lies outside its " + homeKey.replace("_code", "") + " " + home.code;
            if (!level.equals("point") && !parentsTaken.add(level + ":" + home.code)) {
                return "a second " + level + " for " + home.code + " (only one is allowed)";
            }
            if (grid != null && !grid.prepared().covers(p)) return "lies outside its grid " + grid.code;
            if (out != null) {
                out.value(code).value(level).value(f.text("name"))
                        .value(level.equals("point") || level.equals("grid") ? grid.id : null)
                        .value(level.equals("station") ? village.id : null)
                        .value(level.equals("center") ? town.id : null)
                        .value(p).endRow();
            }
            return null;
        });
    }

    long roads(Envelope extent) throws IOException, SQLException {
        return load("roads.geojson", "roads", "class, name, oneway, walk_kmh, length_m, geom", (f, out) -> {
            String cls = f.text("class");
            if (cls == null || !Vocabulary.ROAD_CLASSES.contains(cls)) return "class '" + cls + "' is not one of " + Vocabulary.ROAD_CLASSES;
            if (!(f.geometry() instanceof LineString line) || line.getNumPoints() < 2) return "geometry must be a LineString";
            String bad = GeoJsonSetImporter.extentProblem(line);
            if (bad != null) return bad;
            if (!extent.isNull() && !extent.covers(line.getEnvelopeInternal())) return "lies far outside the towns of the set";
            if (line.getLength() == 0) return "has zero length";
            double lengthM = Geodesy.lengthMeters(line);
            Double walk = f.has("walk_kmh") ? f.properties().get("walk_kmh").asDouble() : null;
            if (walk != null && !(walk > 0 && walk < 50)) return "walk_kmh " + walk + " is not a walking speed";
            if (out != null) {
                out.value(cls).value(f.text("name")).value(f.has("oneway") && f.properties().get("oneway").asBoolean())
                        .value(walk).value(lengthM).value(line).endRow();
            }
            return null;
        });
    }

    long households() throws IOException, SQLException {
        return load("households.geojson", "households", "members, grid_id, geom", (f, out) -> {
            if (!(f.geometry() instanceof Point p) || p.isEmpty()) return "geometry must be a Point";
            String bad = GeoJsonSetImporter.extentProblem(p);
            if (bad != null) return bad;
            int members = f.has("members") ? f.properties().get("members").asInt(-1) : -1;
            if (members < 1 || members > 50) return "members must be a whole number from 1 to 50";
            Unit grid = GeoJsonSetImporter.gridAt(gridIndex, p);
            if (grid == null) return "lies in no grid (at " + p.getX() + ", " + p.getY() + ")";
            if (out != null) out.value(members).value(grid.id).value(p).endRow();
            return null;
        });
    }

    long hazards(Envelope extent) throws IOException, SQLException {
        Set<String> codes = new HashSet<>();
        return load("hazards.geojson", "hazards",
                "code, name, type, radius_m, status, blocks_roads, grade, description, geom", (f, out) -> {
            String code = f.text("code");
            if (code == null || code.isBlank() || !codes.add(code)) return "code '" + code + "' is missing or used twice";
            if (f.text("name") == null || f.text("name").isBlank()) return "has no name";
            String type = f.text("type");
            if (type == null || !Vocabulary.HAZARD_TYPES.contains(type)) return "type '" + type + "' is not one of " + Vocabulary.HAZARD_TYPES;
            String status = f.text("status") == null ? org.gridmap.hazards.HazardVocabulary.FIRST_STATUS : f.text("status");
            if (!Vocabulary.HAZARD_STATUSES.contains(status)) return "status '" + status + "' is not one of " + Vocabulary.HAZARD_STATUSES;
            String grade = f.text("grade");
            if (grade != null && !Vocabulary.HAZARD_GRADES.contains(grade)) return "grade '" + grade + "' is not one of " + Vocabulary.HAZARD_GRADES;
            double radius = f.has("radius_m") ? f.properties().get("radius_m").asDouble(-1) : -1;
            if (radius < 0 || radius > 5000) return "radius_m must be between 0 and 5000 metres";
            Geometry g = f.geometry();
            if (!(g instanceof Point || g instanceof Polygon || g instanceof MultiPolygon) || g.isEmpty()) {
                return "geometry must be a Point or a Polygon";
            }
            String bad = GeoJsonSetImporter.extentProblem(g);
            if (bad == null) bad = GeoJsonSetImporter.validityProblem(g);
            if (bad != null) return bad;
            if (!extent.isNull() && !extent.covers(g.getEnvelopeInternal())) return "lies outside the towns of the set";
            if (out != null) {
                out.value(code).value(f.text("name")).value(type).value(radius).value(status)
                        .value(f.has("blocks_roads") && f.properties().get("blocks_roads").asBoolean())
                        .value(grade).value(f.text("description")).value(g).endRow();
            }
            return null;
        });
    }

    long staff() throws IOException, SQLException {
        Set<String> coreRoles = new HashSet<>();
        return load("staff.geojson", "staff", "grid_id, role, name, phone, duties", (f, out) -> {
            Unit grid = f.text("grid_code") == null ? null : grids.get(f.text("grid_code"));
            if (grid == null) return "grid_code '" + f.text("grid_code") + "' names no known grid";
            String role = f.text("role");
            if (role == null || !Vocabulary.STAFF_ROLES.contains(role)) return "role '" + role + "' is not one of " + Vocabulary.STAFF_ROLES;
            if (f.text("name") == null || f.text("name").isBlank()) return "has no name";
            boolean core = org.gridmap.staff.StaffRoles.isStanding(role);
            if (core && !coreRoles.add(grid.code + ":" + role)) return "grid " + grid.code + " has a second " + role;
            if (out != null) out.value(grid.id).value(role).value(f.text("name")).value(f.text("phone")).value(f.text("duties")).endRow();
            return null;
        });
    }

    private long load(String file, String table, String columns, RowCheck check) throws IOException, SQLException {
        if (!files.has(file)) return 0;
        CopyRows[] out = {problems.isEmpty() ? new CopyRows(c, table, columns) : null};
        long[] written = {0};
        try {
            files.read(file, problems, progress, f -> {
                try {
                    String reason = check.check(f, out[0]);
                    if (reason != null) {
                        problems.add(file, f.id(), reason);
                        if (out[0] != null) {
                            out[0].abort();
                            out[0] = null;
                        }
                    } else if (out[0] != null) {
                        written[0]++;
                    }
                } catch (SQLException e) {
                    throw new IOException("writing " + table + " failed: " + e.getMessage(), e);
                }
            });
            if (out[0] != null) out[0].close();
        } finally {
            if (out[0] != null) out[0].abort();
        }
        return written[0];
    }
}
