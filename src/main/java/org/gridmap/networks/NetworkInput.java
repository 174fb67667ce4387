package org.gridmap.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;

/**
 * Reads the networks' request bodies into their records, collecting every problem of a body so the writer learns
 * all of them at once (422 {@code invalid_input} listing them).
 */
final class NetworkInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode body;
    private final List<String> problems = new ArrayList<>();

    private NetworkInput(JsonNode body) { this.body = body; }

    static NetworkInput of(Context ctx) throws java.io.IOException {
        String raw = ctx.body();
        JsonNode b = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
        if (b == null || !b.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object.").says("networks.not_an_object", Map.of());
        }
        return new NetworkInput(b);
    }

    Networks.NewPartyPost post() {
        Networks.NewPartyPost p = new Networks.NewPartyPost(id("facility_id"), text("title", 100, true),
                text("party_group", 100, true), text("member_name", 40, true), text("duties", 1000, false),
                text("hours", 100, false));
        return done(p);
    }

    Networks.VolunteerInput volunteer() {
        Networks.VolunteerInput v = new Networks.VolunteerInput(id("facility_id"), text("surname", 20, true),
                text("given_name", 20, true), phone("phone"), skills(), bool("public_name"));
        return done(v);
    }

    /** The version a change was made to (whole number). */
    long version() {
        JsonNode v = body.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            problems.add("version must be the whole number you loaded");
            return 0;
        }
        return v.asLong();
    }

    Networks.NewFirm firm() {
        JsonNode p = body.path("position");
        double lon = p.path("lon").asDouble(Double.NaN), lat = p.path("lat").asDouble(Double.NaN);
        if (!p.path("lon").isNumber() || !p.path("lat").isNumber() || !(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
            problems.add("position must be {lon, lat} in degrees (WGS 84)");
        }
        return done(new Networks.NewFirm(text("name", 100, true), text("industry", 100, false), phone("phone"), lon, lat));
    }

    Networks.NewOffer offer(long firmId) {
        String kind = text("kind", 20, true);
        if (kind != null && !NetworkWords.OFFER_KINDS.contains(kind)) {
            problems.add("kind must be one of " + String.join(", ", NetworkWords.OFFER_KINDS.ids()));
        }
        JsonNode n = body.get("openings");
        int openings = n != null && n.isIntegralNumber() && n.asLong() >= 1 && n.asLong() <= 10_000 ? n.asInt() : 0;
        if (openings == 0) problems.add("openings must be a whole number from 1 to 10000");
        String until = text("until", 10, false);
        LocalDate day = null;
        if (until != null) {
            try {
                day = LocalDate.parse(until);
            } catch (DateTimeParseException e) {
                problems.add("until must be a day such as 2027-03-31");
            }
        }
        return done(new Networks.NewOffer(firmId, kind, text("title", 100, true), openings, text("details", 2000, false), day));
    }

    /** The value read, or a 422 listing every problem found while reading it. */
    <T> T done(T value) {
        if (!problems.isEmpty()) {
            String all = String.join("; ", problems);
            throw new ApiException(422, "invalid_input", all, Map.of("problems", List.copyOf(problems)))
                    .says("networks.invalid", Map.of("problems", all));
        }
        return value;
    }

    private long id(String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
            problems.add(field + " must be a facility id (a whole number)");
            return 0;
        }
        return v.asLong();
    }

    private String text(String field, int max, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(field + " is required");
            return null;
        }
        String s = v.isTextual() ? v.asText().strip() : null;
        if (s == null || s.length() > max || (required && s.isEmpty())) {
            problems.add(field + " must be text of 1 to " + max + " characters");
            return null;
        }
        return s.isEmpty() ? null : s;
    }

    private String phone(String field) {
        String p = text(field, 20, false);
        if (p != null && !p.matches("[0-9+() -]{5,20}")) problems.add(field + " must be a phone number (digits, + ( ) -)");
        return p;
    }

    private boolean bool(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) problems.add(field + " must be true or false");
        return v.asBoolean();
    }

    private List<String> skills() {
        JsonNode v = body.get("skills");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (v == null || !v.isArray() || v.isEmpty() || v.size() > 10) {
            problems.add("skills must be a list of 1 to 10 of " + String.join(", ", NetworkWords.SKILLS.ids()));
            return List.of();
        }
        for (JsonNode s : v) {
            if (!s.isTextual() || !NetworkWords.SKILLS.contains(s.asText())) {
                problems.add("skills must be taken from " + String.join(", ", NetworkWords.SKILLS.ids()));
                return List.of();
            }
            out.add(s.asText());
        }
        return List.copyOf(out);
    }
}
