package org.gridmap.hazards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.http.Lang;
import org.locationtech.jts.geom.Geometry;

/**
 * A hazard as a client sends it (create, change or a dry run), checked field by field. Absent fields stay
 * absent (a change touches only what it names); {@code null} clears an optional field (grade, description).
 * Every problem is reported at once in one 422.
 */
final class HazardInput {
    enum Mode { CREATE, PATCH, PREVIEW }

    static final double MAX_RADIUS = 5000;
    /** Fields of the hazard's JSON that a client may send back unchanged; they are ignored. */
    private static final Set<String> READ_ONLY = Set.of("id", "code", "town", "grids", "open", "closesRoads",
            "closedRoads", "allowedNextStatuses", "typeName", "statusName", "gradeName", "created_at", "updated_at",
            "createdAt", "updatedAt", "lastChange", "routing", "zone", "myGrids", "relation", "links", "case");
    private static final Set<String> FIELDS = Set.of("name", "type", "radius_m", "radiusM", "description", "grade",
            "status", "blocks_roads", "blocksRoads", "geometry", "crs", "version");

    private final Set<String> present = new HashSet<>();
    String name, type, description, grade, status;
    Double radius;
    Boolean blocksRoads;
    Geometry geometry;
    Integer version;

    boolean has(String field) { return present.contains(field); }

    /** A hazard found on a household visit: a point, reported, not yet graded, closing no roads. */
    static HazardInput found(HazardService.Found f) {
        HazardInput in = new HazardInput();
        in.name = f.name();
        in.type = f.type();
        in.radius = f.radiusM();
        in.description = f.description();
        in.status = HazardVocabulary.FIRST_STATUS;
        in.blocksRoads = false;
        in.geometry = HazardGeometry.GF.createPoint(new org.locationtech.jts.geom.Coordinate(f.lon(), f.lat()));
        return in;
    }

    /** A change of the status alone (an inspection that changes it). */
    static HazardInput statusChange(String status) {
        HazardInput in = new HazardInput();
        in.present.add("status");
        in.status = status;
        return in;
    }

    static HazardInput parse(JsonNode body, Mode mode, Lang lang) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Send the hazard as a JSON object, e.g. {\"name\": ..., \"type\": \"landslide\", "
                    + "\"radius_m\": 100, \"geometry\": {\"type\": \"Point\", \"coordinates\": [lon, lat]}}.")
                    .says("hazards.hazard_shape", Map.of());
        }
        HazardInput in = new HazardInput();
        Problems problems = new Problems(lang);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f) && !READ_ONLY.contains(f)) {
                problems.add("hazards.problem.unknown_field", "unknown field '" + f + "' (a hazard has name, type, radius_m, "
                        + "description, grade, status, blocks_roads, geometry, crs, version)", "field", f);
            }
        }
        if (body.has("name")) {
            in.present.add("name");
            in.name = text(body.get("name"), "name", problems);
            if (in.name == null || in.name.isBlank()) problems.add("hazards.problem.name_empty", "name must not be empty");
            else if (in.name.length() > 200) problems.add("hazards.problem.too_long", "name is longer than 200 characters", "field", "name", "max", 200);
            else in.name = in.name.strip();
        } else if (mode == Mode.CREATE) {
            problems.add("hazards.problem.name_required", "name is required");
        }
        if (body.has("type")) {
            in.present.add("type");
            in.type = text(body.get("type"), "type", problems);
            if (in.type == null || !HazardVocabulary.TYPES.containsKey(in.type)) {
                notOneOf(problems, "type", in.type, HazardVocabulary.TYPES.keySet());
            }
        } else if (mode == Mode.CREATE) {
            String types = String.join(", ", HazardVocabulary.TYPES.keySet());
            problems.add("hazards.problem.type_required", "type is required (one of " + types + ")", "allowed", types);
        }
        JsonNode radius = first(body, "radius_m", "radiusM");
        if (radius != null) {
            in.present.add("radius_m");
            if (!radius.isNumber() || !Double.isFinite(radius.asDouble())) {
                problems.add("hazards.problem.radius_number", "radius_m must be a number of metres");
            } else if (radius.asDouble() < 0 || radius.asDouble() > MAX_RADIUS) {
                problems.add("hazards.problem.radius_range", "radius_m must be from 0 to " + (int) MAX_RADIUS + " metres, not "
                        + radius.asText(), "max", (int) MAX_RADIUS, "value", radius.asText());
            } else {
                in.radius = radius.asDouble();
            }
        } else if (mode != Mode.PATCH) {
            problems.add("hazards.problem.radius_required", "radius_m (the threat radius in metres, 0–" + (int) MAX_RADIUS
                    + ") is required", "max", (int) MAX_RADIUS);
        }
        if (body.has("description")) {
            in.present.add("description");
            in.description = body.get("description").isNull() ? null : text(body.get("description"), "description", problems);
            if (in.description != null && in.description.length() > 4000) {
                problems.add("hazards.problem.too_long", "description is longer than 4000 characters", "field", "description", "max", 4000);
            }
            if (in.description != null && in.description.isBlank()) in.description = null;
        }
        if (body.has("grade")) {
            in.present.add("grade");
            in.grade = body.get("grade").isNull() ? null : text(body.get("grade"), "grade", problems);
            if (in.grade != null && !HazardVocabulary.GRADES.containsKey(in.grade)) {
                notOneOf(problems, "grade", in.grade, HazardVocabulary.GRADES.keySet());
            }
        }
        if (body.has("status")) {
            in.present.add("status");
            in.status = text(body.get("status"), "status", problems);
            if (in.status == null || !HazardVocabulary.STATUSES.containsKey(in.status)) {
                notOneOf(problems, "status", in.status, HazardVocabulary.STATUSES.keySet());
            } else if (mode == Mode.CREATE && !HazardVocabulary.INITIAL.contains(in.status)) {
                String initial = String.join(", ", HazardVocabulary.INITIAL);
                problems.add("hazards.problem.initial_status", "a new hazard starts as one of " + initial + ", not " + in.status,
                        "allowed", initial, "value", in.status);
            }
        }
        JsonNode blocks = first(body, "blocks_roads", "blocksRoads");
        if (blocks != null) {
            in.present.add("blocks_roads");
            if (!blocks.isBoolean()) problems.add("hazards.problem.not_boolean", "blocks_roads must be true or false", "field", "blocks_roads");
            else in.blocksRoads = blocks.asBoolean();
        }
        if (body.has("version")) {
            JsonNode v = body.get("version");
            if (!v.canConvertToInt() || !v.isIntegralNumber()) problems.add("hazards.problem.version_number", "version must be a whole number");
            else in.version = v.asInt();
        }
        if (mode == Mode.PATCH && in.version == null && !body.has("version")) {
            problems.add("hazards.problem.version_required",
                    "version is required: send the version you edited, so a change made meanwhile is not overwritten");
        }
        String crs = null;
        if (body.has("crs")) {
            JsonNode c = body.get("crs");
            crs = c.isTextual() ? c.asText() : c.path("properties").path("name").asText(null);
        }
        if (!problems.isEmpty()) {
            throw problems.refusal("invalid_hazard", "The hazard was not saved: ", "hazards.invalid_hazard");
        }
        if (body.has("geometry")) {
            in.present.add("geometry");
            in.geometry = HazardGeometry.read(body.get("geometry"), crs);
        } else if (mode != Mode.PATCH) {
            throw HazardGeometry.missing();
        }
        return in;
    }

    private static JsonNode first(JsonNode body, String a, String b) {
        if (body.has(a)) return body.get(a);
        return body.has(b) ? body.get(b) : null;
    }

    /** A value outside its word list; shared with the inspection's status. */
    static void notOneOf(Problems problems, String field, String value, java.util.Collection<String> allowed) {
        String all = String.join(", ", allowed);
        problems.add("hazards.problem.not_one_of", field + " '" + value + "' is not one of " + all,
                "field", field, "value", value, "allowed", all);
    }

    private static String text(JsonNode n, String field, Problems problems) {
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) {
            problems.add("hazards.problem.not_text", field + " must be text", "field", field);
            return null;
        }
        return n.asText();
    }
}
