package org.gridmap.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmap.vocabulary.WordList;

/**
 * A request's JSON object body, read one way by the routes that take one. The getters note each problem of the
 * body instead of stopping at the first, so the writer learns all of them in one answer: {@link #requireValid}
 * then answers 422 with the capability's own error code, {@code problems} listing them. A part of the body
 * ({@link #at}, {@link #each}) notes its problems in the same list.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode node;
    private final List<String> problems;

    /** A place in degrees (WGS 84). */
    public record Point(double lon, double lat) { }

    private JsonBody(JsonNode node, List<String> problems) {
        this.node = node;
        this.problems = problems;
    }

    /** The request's body as a JSON object; 400 otherwise (broken JSON is the 400 {@code bad_json} of {@link ErrorResponses}). */
    public static JsonBody of(Context ctx) throws IOException { return parse(ctx.body()); }

    /** The text as a JSON object body; 400 when it is empty or not an object. */
    public static JsonBody parse(String raw) throws IOException {
        JsonNode b = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
        if (b == null || !b.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object.").says("http.not_an_object", Map.of());
        }
        return new JsonBody(b, new ArrayList<>());
    }

    /** The JSON itself, for shapes the getters do not read. */
    public JsonNode node() { return node; }

    /** The member {@code field} (absent: an empty part, whose fields are all absent). */
    public JsonBody at(String field) { return new JsonBody(node.path(field), problems); }

    /** The elements of the list {@code field} (of an object: its members; none when it is absent or a single value). */
    public List<JsonBody> each(String field) {
        List<JsonBody> out = new ArrayList<>();
        for (JsonNode e : node.path(field)) out.add(new JsonBody(e, problems));
        return out;
    }

    public boolean has(String field) { return node.hasNonNull(field); }

    /** Optional text of at most {@code max} characters, trimmed; null or blank is absent (null); anything else a problem. */
    public String text(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().length() > max) {
            problem(field + " must be text of at most " + max + " characters");
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** A required whole number (64 bits); 0 and "{field} must be a whole number" otherwise. */
    public long wholeNumber(String field) { return wholeNumber(field, field + " must be a whole number"); }

    /** A required whole number (64 bits); 0 and the problem {@code otherwise} when it is absent or not one. */
    public long wholeNumber(String field, String otherwise) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            problem(otherwise);
            return 0;
        }
        return v.asLong();
    }

    /** A required term of {@code list}, by its id; null and a problem naming the ids otherwise. */
    public String word(String field, WordList list) {
        String id = node.path(field).asText(null);
        if (id == null || !list.contains(id)) {
            problem(field + " must be one of " + String.join(", ", list.ids()));
            return null;
        }
        return id;
    }

    /** A required place {@code {lon, lat}} in degrees; a problem (and NaN) when absent or out of range. */
    public Point point(String field) {
        JsonNode p = node.path(field);
        double lon = p.path("lon").asDouble(Double.NaN), lat = p.path("lat").asDouble(Double.NaN);
        if (!p.path("lon").isNumber() || !p.path("lat").isNumber() || !(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
            problem(field + " must be {lon, lat} in degrees (WGS 84)");
        }
        return new Point(lon, lat);
    }

    /** Notes a problem the route found itself (a rule between fields, a shape the getters do not read). */
    public void problem(String text) { problems.add(text); }

    public boolean valid() { return problems.isEmpty(); }

    /**
     * Nothing more when no problem was noted; otherwise 422 {@code code}, the problems joined as the message and
     * listed as {@code problems}, read to people as catalogue entry {@code key} (placeholder {@code {problems}}).
     */
    public void requireValid(String code, String key) {
        if (problems.isEmpty()) return;
        String all = String.join("; ", problems);
        throw new ApiException(422, code, all, Map.of("problems", List.copyOf(problems))).says(key, Map.of("problems", all));
    }
}
