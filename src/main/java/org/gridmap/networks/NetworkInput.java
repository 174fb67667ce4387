package org.gridmap.networks;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import org.gridmap.http.JsonBody;

/**
 * Reads the networks' request bodies into their records, collecting every problem of a body so the writer learns
 * all of them at once (422 {@code invalid_input} listing them).
 */
final class NetworkInput {
    private final JsonBody input;
    private final JsonNode body;

    private NetworkInput(JsonBody input) {
        this.input = input;
        this.body = input.node();
    }

    static NetworkInput of(Context ctx) throws java.io.IOException { return new NetworkInput(JsonBody.of(ctx)); }

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
    long version() { return input.wholeNumber("version", "version must be the whole number you loaded"); }

    Networks.NewFirm firm() {
        JsonBody.Point p = input.point("position");
        return done(new Networks.NewFirm(text("name", 100, true), text("industry", 100, false), phone("phone"), p.lon(), p.lat()));
    }

    Networks.NewOffer offer(long firmId) {
        String kind = text("kind", 20, true);
        if (kind != null && !NetworkWords.OFFER_KINDS.contains(kind)) {
            input.problem("kind must be one of " + String.join(", ", NetworkWords.OFFER_KINDS.ids()));
        }
        JsonNode n = body.get("openings");
        int openings = n != null && n.isIntegralNumber() && n.asLong() >= 1 && n.asLong() <= 10_000 ? n.asInt() : 0;
        if (openings == 0) input.problem("openings must be a whole number from 1 to 10000");
        String until = text("until", 10, false);
        LocalDate day = null;
        if (until != null) {
            try {
                day = LocalDate.parse(until);
            } catch (DateTimeParseException e) {
                input.problem("until must be a day such as 2027-03-31");
            }
        }
        return done(new Networks.NewOffer(firmId, kind, text("title", 100, true), openings, text("details", 2000, false), day));
    }

    /** The value read, or a 422 listing every problem found while reading it. */
    <T> T done(T value) {
        input.requireValid("invalid_input", "networks.invalid");
        return value;
    }

    private long id(String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
            input.problem(field + " must be a facility id (a whole number)");
            return 0;
        }
        return v.asLong();
    }

    private String text(String field, int max, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) input.problem(field + " is required");
            return null;
        }
        String s = v.isTextual() ? v.asText().strip() : null;
        if (s == null || s.length() > max || (required && s.isEmpty())) {
            input.problem(field + " must be text of 1 to " + max + " characters");
            return null;
        }
        return s.isEmpty() ? null : s;
    }

    private String phone(String field) {
        String p = text(field, 20, false);
        if (p != null && !p.matches("[0-9+() -]{5,20}")) input.problem(field + " must be a phone number (digits, + ( ) -)");
        return p;
    }

    private boolean bool(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) input.problem(field + " must be true or false");
        return v.asBoolean();
    }

    private List<String> skills() {
        JsonNode v = body.get("skills");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (v == null || !v.isArray() || v.isEmpty() || v.size() > 10) {
            input.problem("skills must be a list of 1 to 10 of " + String.join(", ", NetworkWords.SKILLS.ids()));
            return List.of();
        }
        for (JsonNode s : v) {
            if (!s.isTextual() || !NetworkWords.SKILLS.contains(s.asText())) {
                input.problem("skills must be taken from " + String.join(", ", NetworkWords.SKILLS.ids()));
                return List.of();
            }
            out.add(s.asText());
        }
        return List.copyOf(out);
    }
}
