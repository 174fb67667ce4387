package org.gridmap.errands;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.rings.NearestServiceFinder;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over errands: catalogue items are services,
 * an errand number is the {@code service_request_id}. Public reads carry no personal data: the location
 * given is the service point's, the description is the service's. A POST with lat/long lands at the grid
 * of the nearest service point on foot (the rings engine decides). Errors keep gridmap's one error shape.
 */
public final class Open311Routes {
    private static final Map<String, String> STATUS_NOTES = Map.of("filed", "filed at the service point",
            "grid", "with the grid leader", "station", "at the village service station", "department", "at the department",
            "result_ready", "result ready", "returned", "returned to the resident", "closed", "closed and rated");
    private final ErrandService service;
    private final NearestServiceFinder nearest;
    private final AddressLimiter posts;
    private final ZoneId zone;

    public Open311Routes(ErrandService service, NearestServiceFinder nearest, AddressLimiter posts, ZoneId zone) {
        this.service = service;
        this.nearest = nearest;
        this.posts = posts;
        this.zone = zone;
    }

    public void discovery(Context ctx) {
        String base = ctx.scheme() + "://" + ctx.host() + "/open311/v2";
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", base);
        endpoint.put("changeset", "2026-12-01T00:00:00+08:00");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", "2026-12-01T00:00:00+08:00");
        d.put("contact", "The township's one-stop service center (一站式服务中心).");
        d.put("key_service", "No API key is needed; submissions are rate-limited per address.");
        d.put("endpoints", List.of(endpoint));
        ctx.json(d);
    }

    public void services(Context ctx) throws Exception {
        Errands.Catalogue cat = service.catalogue();
        Map<String, String> windows = new LinkedHashMap<>();
        for (Errands.Unit w : cat.windows()) windows.put(w.code(), w.name());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Errands.Item i : cat.items()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", i.code());
            s.put("service_name", i.name());
            s.put("description", i.nameEn() + ". Documents: " + String.join("、", i.documents())
                    + ". Processing: " + i.processingDays() + " days at the department.");
            s.put("metadata", false);
            s.put("type", "batch");
            s.put("keywords", String.join(",", i.nameEn().split("[^A-Za-z]+")).replaceAll("^,|,$", ""));
            s.put("group", windows.get(i.windowCode()));
            out.add(s);
        }
        ctx.json(out);
    }

    /** A service definition: no extra attributes are asked (metadata is false for every service). */
    public void serviceDefinition(Context ctx) throws Exception {
        String code = stripJson(ctx.pathParam("file"));
        boolean known = service.catalogue().items().stream().anyMatch(i -> i.code().equals(code));
        if (!known) throw ApiException.notFound("No service '" + code + "'.").says("errands.open311.no_service", Map.of("code", code));
        ctx.json(Map.of("service_code", code, "attributes", List.of()));
    }

    public void requests(Context ctx) throws Exception {
        List<String> ids = ctx.queryParam("service_request_id") == null ? List.of()
                : Arrays.stream(ctx.queryParam("service_request_id").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Instant start = date(ctx, "start_date", zone);
        Instant end = date(ctx, "end_date", zone);
        if (ids.isEmpty() && start == null) start = service.now().minus(90, ChronoUnit.DAYS);   // the spec's default window
        String status = ctx.queryParam("status");
        Boolean closed = null;
        if (status != null) {
            if (!status.equals("open") && !status.equals("closed")) throw ApiException.badRequest("status must be open or closed")
                    .says("errands.open311.status", Map.of());
            closed = status.equals("closed");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Errands.PublicRequest r : service.publicRequests(ids, ctx.queryParam("service_code"), start, end, closed, 1000)) {
            out.add(request(r));
        }
        ctx.json(out);
    }

    public void request(Context ctx) throws Exception {
        String id = stripJson(ctx.pathParam("file"));
        List<Errands.PublicRequest> found = service.publicRequests(List.of(id), null, null, null, null, 1);
        if (found.isEmpty()) throw ApiException.notFound("No service request '" + id + "'.").says("errands.open311.no_request", Map.of("id", id));
        ctx.json(List.of(request(found.get(0))));
    }

    /** A resident files online: form-encoded as the spec says (JSON is accepted too). */
    public void post(Context ctx) throws Exception {
        long wait = posts.retryAfterSeconds(ctx.ip());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiException(429, "too_many_requests", "Too many requests from this address; try again in " + wait + " s.")
                    .says("errands.open311.too_many", Map.of("seconds", wait));
        }
        Map<String, String> p = params(ctx);
        List<String> problems = new ArrayList<>();
        String code = p.get("service_code");
        if (code == null) problems.add("service_code is required");
        double lat = coordinate(p, "lat", 90, problems), lon = coordinate(p, "long", 180, problems);
        String name = (p.getOrDefault("last_name", "") + p.getOrDefault("first_name", "")).trim();
        if (name.isEmpty()) problems.add("first_name or last_name is required (the staff call the resident back)");
        String phone = p.get("phone");
        if (phone == null) problems.add("phone is required (its last 4 digits open the progress lookup)");
        else if (org.gridmap.staff.StaffRoles.phoneProblem(phone) != null) problems.add(org.gridmap.staff.StaffRoles.phoneProblem(phone));
        String description = p.get("description");
        if (description != null && description.length() > 2000) problems.add("description is longer than 2000 characters");
        if (!problems.isEmpty()) throw new ApiException(400, "invalid_request", String.join("; ", problems), Map.of("problems", problems))
                .says("errands.open311.invalid", Map.of("problems", String.join("; ", problems)));
        Map<String, Object> place = nearest.find(lon, lat, 1);
        Long pointId = null;
        String gridCode = null;
        if (Boolean.TRUE.equals(place.get("reachable")) && place.get("point") instanceof Map<?, ?> point) {
            pointId = ((Number) point.get("id")).longValue();
        } else if (place.get("grid") instanceof Map<?, ?> grid) {
            gridCode = (String) grid.get("code");
        } else {
            throw new ApiException(422, "no_grid", "The location lies in the town but in no grid and no service point can be reached.")
                    .says("errands.open311.no_grid", Map.of());
        }
        posts.record(ctx.ip());   // every submission counts: only a few a day are plausible from one address
        Errands.Errand e = service.file(new Errands.NewErrand(code, "online", pointId, null, gridCode,
                new Errands.Resident(name, phone, null, description), false, null), null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", e.number());
        answer.put("service_notice", "Look it up with the number and the last 4 digits of your phone at /api/errands/lookup.");
        answer.put("account_id", null);
        ctx.status(201).json(List.of(answer));
    }

    private Map<String, Object> request(Errands.PublicRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", r.number());
        m.put("status", r.closed() ? "closed" : "open");
        m.put("status_notes", STATUS_NOTES.get(r.stage()));
        m.put("service_name", r.itemName());
        m.put("service_code", r.itemCode());
        m.put("description", r.itemName());
        m.put("agency_responsible", r.departmentName());
        m.put("service_notice", null);
        m.put("requested_datetime", w3c(r.filedAt()));
        m.put("updated_datetime", w3c(r.updatedAt() == null ? r.filedAt() : r.updatedAt()));
        m.put("expected_datetime", w3c(r.resultDueAt()));
        m.put("address", r.facilityName());
        m.put("address_id", r.facilityCode());
        m.put("zipcode", null);
        m.put("lat", r.lat());
        m.put("long", r.lon());
        m.put("media_url", null);
        return m;
    }

    private String w3c(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Map<String, String> params(Context ctx) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/json")) {
            var b = ErrandRoutes.body(ctx);
            b.fields().forEachRemaining(f -> { if (!f.getValue().isNull()) p.put(f.getKey(), f.getValue().asText().trim()); });
        } else {
            ctx.formParamMap().forEach((k, v) -> { if (!v.isEmpty() && !v.get(0).isBlank()) p.put(k, v.get(0).trim()); });
        }
        return p;
    }

    private static double coordinate(Map<String, String> p, String key, double limit, List<String> problems) {
        String v = p.get(key);
        if (v == null) {
            problems.add(key + " is required (this service places requests by location)");
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || Math.abs(d) > limit) problems.add(key + " must be between −" + (int) limit + " and " + (int) limit);
            return d;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a number");
            return Double.NaN;
        }
    }

    /** A W3C date-time, or a day from its start in the town's zone; null when absent (the stats read it too). */
    static Instant date(Context ctx, String key, java.time.ZoneId zone) {
        String v = ctx.queryParam(key);
        if (v == null || v.isBlank()) return null;
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest(key + " must be a W3C date-time such as 2026-12-01T08:00:00+08:00")
                        .says("errands.open311.date", Map.of("param", key));
            }
        }
    }

    private static String stripJson(String file) {
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }
}
