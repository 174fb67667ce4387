package org.gridmap.errands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.staff.StaffRoles;

/**
 * HTTP for errands: reads and checks the input into {@link Errands} records, calls {@link ErrandService},
 * writes the result. Roles are declared where the routes are registered; finer rules (holder, receiver,
 * supervisor) are the service's.
 */
public final class ErrandRoutes {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILE_FIELDS = Set.of("item", "channel", "point", "facility_id", "grid", "resident",
            "note", "urgent", "urgent_reason");
    private final ErrandService service;
    private final AccessControl access;
    private final AddressLimiter limiter;

    public ErrandRoutes(ErrandService service, AccessControl access, AddressLimiter limiter) {
        this.service = service;
        this.access = access;
        this.limiter = limiter;
    }

    public void catalogue(Context ctx) throws Exception {
        ctx.json(ErrandJson.catalogue(service.catalogue()));
    }

    public void file(Context ctx) throws Exception {
        JsonNode b = body(ctx);
        List<String> problems = new ArrayList<>();
        b.fieldNames().forEachRemaining(f -> {
            if (!FILE_FIELDS.contains(f)) problems.add("unknown field '" + f + "' (expected " + String.join(", ", FILE_FIELDS) + ")");
        });
        String item = text(b, "item", 40, true, problems);
        String channel = b.has("channel") ? text(b, "channel", 10, true, problems) : "point";
        if (channel != null && !channel.equals("point") && !channel.equals("phone")) {
            problems.add("channel must be 'point' (filed at a service point) or 'phone' (电话代办); online errands come through Open311");
        }
        String point = text(b, "point", 40, false, problems);
        Long facilityId = b.hasNonNull("facility_id") ? longValue(b, "facility_id", problems) : null;
        String grid = text(b, "grid", 15, false, problems);
        if (point == null && facilityId == null && grid == null) {
            problems.add("say where it was filed: point (service point code) or facility_id, or grid (code) for a phone errand");
        }
        if ("point".equals(channel) && point == null && facilityId == null) {
            problems.add("an errand filed at a point names the point (its code) or facility_id");
        }
        Errands.Resident resident = resident(b.path("resident"), text(b, "note", 2000, false, problems), problems);
        boolean urgent = b.path("urgent").asBoolean(false);
        if (b.has("urgent") && !b.get("urgent").isBoolean()) problems.add("urgent must be true or false");
        String reason = text(b, "urgent_reason", 500, false, problems);
        if (urgent && reason == null) problems.add("an urgent errand says why in urgent_reason");
        if (!problems.isEmpty()) throw invalid(problems);
        Errands.Errand e = service.file(new Errands.NewErrand(item, channel, facilityId, point, grid, resident, urgent,
                urgent ? reason : null), user(ctx));
        ctx.header("Location", "/api/errands/" + e.number());
        ctx.status(201).json(ErrandJson.staffView(new Errands.View(e, List.of(), null, false, true)));
    }

    public void handOff(Context ctx) throws Exception {
        JsonNode b = body(ctx);
        List<String> problems = new ArrayList<>();
        String toStage = text(b, "to_stage", 20, true, problems);
        if (toStage != null && !List.of("grid", "station", "department").contains(toStage)) {
            problems.add("to_stage must be grid, station or department");
        }
        Long toStaff = b.hasNonNull("to_staff") ? longValue(b, "to_staff", problems) : null;
        String toUser = text(b, "to_user", 64, false, problems);
        Long toPosition = b.hasNonNull("to_position") ? longValue(b, "to_position", problems) : null;
        if ((toStaff != null ? 1 : 0) + (toUser != null ? 1 : 0) + (toPosition != null ? 1 : 0) != 1) {
            problems.add("name the receiver: to_staff (staff id), to_position (position id) or to_user (user name), one of them");
        }
        String skip = text(b, "skip_reason", 500, false, problems);
        if (!problems.isEmpty()) throw invalid(problems);
        Errands.Handoff h = service.handOff(ctx.pathParam("number"),
                new Errands.HandoffRequest(toStage, toStaff, toUser, skip, toPosition), user(ctx));
        ctx.status(201).json(ErrandJson.handoff(h));
    }

    public void confirm(Context ctx) throws Exception {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No hand-off '" + ctx.pathParam("id") + "'.")
                    .says("errands.no_handoff", Map.of("id", ctx.pathParam("id")));
        }
        ctx.json(ErrandJson.handoff(service.confirm(ctx.pathParam("number"), id, user(ctx))));
    }

    /** result_ready, returned, or closed with the resident's rating (1–5) and comment. */
    public void stage(Context ctx) throws Exception {
        JsonNode b = body(ctx);
        List<String> problems = new ArrayList<>();
        String stage = text(b, "stage", 20, true, problems);
        if (stage != null && !List.of("result_ready", "returned", "closed").contains(stage)) {
            problems.add("stage must be result_ready, returned or closed (hand-offs move it up to the department)");
        }
        Integer rating = null;
        if (b.hasNonNull("rating")) {
            if (!b.get("rating").isInt() || b.get("rating").asInt() < 1 || b.get("rating").asInt() > 5) {
                problems.add("rating must be a whole number from 1 to 5");
            } else {
                rating = b.get("rating").asInt();
            }
        }
        if ("closed".equals(stage) && rating == null && problems.isEmpty()) problems.add("closing records the resident's rating (1–5)");
        if (!"closed".equals(stage) && rating != null) problems.add("a rating is given when the errand is closed");
        String comment = text(b, "comment", 1000, false, problems);
        if (!problems.isEmpty()) throw invalid(problems);
        ctx.json(ErrandJson.staffView(service.advance(ctx.pathParam("number"), stage, rating, comment, user(ctx))));
    }

    public void get(Context ctx) throws Exception {
        ctx.json(ErrandJson.staffView(service.view(ctx.pathParam("number"), user(ctx))));
    }

    /** The four-part form as an A4 page; its QR code opens the public lookup with the number filled in. */
    public void form(Context ctx) throws Exception {
        Errands.View v = service.form(ctx.pathParam("number"), user(ctx));
        String lookup = ctx.scheme() + "://" + ctx.host() + "/lookup?number=" + v.errand().number();
        ctx.header("Cache-Control", "no-store");   // it carries the resident's name and phone
        ctx.html(new ErrandForm(org.gridmap.http.Lang.of(ctx), service.zone()).render(v, lookup));
    }

    public void mine(Context ctx) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Errands.View v : service.mine(user(ctx))) out.add(ErrandJson.staffView(v));
        ctx.json(Map.of("errands", out));
    }

    public void verify(Context ctx) throws Exception {
        ctx.json(service.verifyHistory(ctx.pathParam("number")));
    }

    /** Public: number + last four digits of the phone; any mismatch is the same 404. */
    public void lookup(Context ctx) throws Exception {
        String address = ctx.ip();
        long wait = limiter.retryAfterSeconds(address);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiException(429, "too_many_lookups", "Too many lookups that found nothing from this address; "
                    + "try again in " + wait + " s.").says("errands.too_many_lookups", Map.of("seconds", wait));
        }
        String number = ctx.queryParam("number");
        String phone = ctx.queryParam("phone");
        if (number == null || number.isBlank() || phone == null || phone.isBlank()) {
            throw ApiException.badRequest("Send number (the errand number) and phone (the last 4 digits of the phone given).")
                    .says("errands.lookup_needs", Map.of());
        }
        if (!phone.matches("[0-9]{4}")) throw ApiException.badRequest("phone must be the last 4 digits of the phone number given")
                .says("errands.lookup_phone", Map.of());
        var found = service.lookup(number.trim().toUpperCase(java.util.Locale.ROOT), phone);
        if (found.isEmpty()) {
            limiter.record(address);
            throw ApiException.notFound("No errand with this number and phone.").says("errands.lookup_not_found", Map.of());
        }
        ctx.json(ErrandJson.publicView(found.get()));
    }

    /** Public figures: per ring the share of hand-offs on time and the median stage time, per village (and grid). */
    public void stats(Context ctx) throws Exception {
        Instant to = day(ctx, "to", service.now());
        Instant from = day(ctx, "from", to.minus(365, java.time.temporal.ChronoUnit.DAYS));
        if (!from.isBefore(to)) throw ApiException.badRequest("from must be before to").says("errands.period", Map.of());
        ctx.json(ErrandJson.stats(service.stats(from, to, village(ctx, false))));
    }

    /** A station's view: the open errands past their deadline in the village's grids. */
    public void overdue(Context ctx) throws Exception {
        String village = village(ctx, true);
        Instant now = service.now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Errands.OverdueRow o : service.overdue(village, 1000)) out.add(ErrandJson.overdue(o, now));
        ctx.json(Map.of("village", village, "at", now.toString(), "errands", out));
    }

    static String village(Context ctx, boolean required) {
        String v = ctx.queryParam("village");
        if (v == null || v.isBlank()) {
            if (required) throw ApiException.badRequest("Name the village: village=<12-digit code>").says("errands.village_needed", Map.of());
            return null;
        }
        if (!v.trim().matches("[0-9]{12}")) {
            throw ApiException.badRequest("village must be a 12-digit village code").says("errands.village_code", Map.of());
        }
        return v.trim();
    }

    private Instant day(Context ctx, String key, Instant fallback) {
        Instant t = Open311Routes.date(ctx, key, service.zone());
        return t == null ? fallback : t;
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("errands.log_in", Map.of()));
    }

    static Errands.Resident resident(JsonNode r, String note, List<String> problems) {
        if (!r.isObject()) {
            problems.add("resident must be an object {name, phone, household_id}");
            return null;
        }
        String name = text(r, "name", 100, true, problems);
        String phone = text(r, "phone", 30, true, problems);
        if (phone != null) {
            String p = StaffRoles.phoneProblem(phone);
            if (p != null) problems.add("resident " + p);
        }
        Long household = r.hasNonNull("household_id") ? longValue(r, "household_id", problems) : null;
        return new Errands.Resident(name, phone, household, note);
    }

    static JsonNode body(Context ctx) throws java.io.IOException {
        String raw = ctx.body();
        if (raw == null || raw.isBlank()) throw ApiException.badRequest("The request has no JSON body.").says("errands.no_body", Map.of());
        JsonNode b = JSON.readTree(raw);
        if (!b.isObject()) throw ApiException.badRequest("The body must be a JSON object.").says("errands.not_an_object", Map.of());
        return b;
    }

    static String text(JsonNode b, String field, int max, boolean required, List<String> problems) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(field + " is required");
            return null;
        }
        if (!v.isTextual()) {
            problems.add(field + " must be text");
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            if (required) problems.add(field + " must not be empty");
            return null;
        }
        if (s.length() > max) problems.add(field + " is longer than " + max + " characters");
        return s;
    }

    static Long longValue(JsonNode b, String field, List<String> problems) {
        JsonNode v = b.get(field);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            problems.add(field + " must be a whole number");
            return null;
        }
        return v.asLong();
    }

    static ApiException invalid(List<String> problems) {
        return new ApiException(422, "invalid_errand", String.join("; ", problems), Map.of("problems", problems))
                .says("errands.invalid", Map.of("problems", String.join("; ", problems)));
    }

    /** Adds the errand operations to the OpenAPI document. */
    public static void describe(OpenApiDocument api) {
        var number = OpenApiDocument.param("number", "path", "string", true, "errand number (E + date + 10 base32 characters)");
        api.add("/api/errands/catalogue", "get", "The one-stop center's windows, departments and items", List.of(), false);
        api.add("/api/errands", "post", "File an errand for a resident (staff): {item, channel: point|phone, point|facility_id|grid, "
                + "resident: {name, phone, household_id?}, note?, urgent?, urgent_reason?}", List.of(), true);
        api.add("/api/errands/{number}/form", "get", "The printable four-part form (四联单, A4 HTML) with the QR code of "
                + "the public lookup; for those who may read the resident, and logged", List.of(OpenApiDocument.param("number",
                "path", "string", true, "errand number")), true);
        api.add("/api/errands/mine", "get", "Errands the account holds, held, filed, receives or supervises", List.of(), true);
        api.add("/api/errands/{number}", "get", "One errand with the resident's data, for those who hold, held or supervise it; "
                + "every read is logged", List.of(number), true);
        api.add("/api/errands/{number}/handoffs", "post", "Hand the errand on: {to_stage, to_staff|to_position|to_user, skip_reason?}",
                List.of(number), true);
        api.add("/api/errands/{number}/handoffs/{id}/confirm", "post", "Confirm receipt (the named receiver or their grid "
                + "leader); 409 when already confirmed", List.of(number, OpenApiDocument.param("id", "path", "integer", true,
                "hand-off id")), true);
        api.add("/api/errands/{number}/stage", "post", "result_ready, returned, or closed with {rating 1-5, comment}",
                List.of(number), true);
        api.add("/api/errands/{number}/history/verify", "get", "Recompute the history's hash chain", List.of(number), true);
        api.add("/api/errands/lookup", "get", "Public progress: stage, deadlines, the holder's service card, the grid; "
                + "404 for any mismatch", List.of(OpenApiDocument.param("number", "query", "string", true, "errand number"),
                OpenApiDocument.param("phone", "query", "string", true, "last 4 digits of the phone given")), false);
        var village = OpenApiDocument.param("village", "query", "string", false, "village code (12 digits)");
        api.add("/api/errands/stats", "get", "Per ring the share of hand-offs on time and the median stage time, per "
                + "village, and per grid of the village named; aggregated only", List.of(OpenApiDocument.param("from",
                "query", "string", false, "first day (default: a year before to)"), OpenApiDocument.param("to", "query",
                "string", false, "day after the last (default: now)"), village), false);
        api.add("/api/errands/overdue", "get", "A station's view: open errands past their deadline in the village's "
                + "grids, with who should act", List.of(village), true);
    }
}
