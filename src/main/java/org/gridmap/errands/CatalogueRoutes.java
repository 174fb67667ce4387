package org.gridmap.errands;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmap.http.ApiException;
import org.gridmap.layers.OpenApiDocument;

/**
 * HTTP for editing the catalogue ({@code /api/errands/catalogue/windows|departments|items}, admins): reads and
 * checks the input into a {@link CatalogueEntries.Change}, calls {@link CatalogueService}, writes the entry.
 */
public final class CatalogueRoutes {
    private static final Set<String> UNIT_FIELDS = Set.of("code", "name", "name_en", "position", "retired", "version");
    private static final Set<String> ITEM_FIELDS = Set.of("code", "name", "name_en", "window", "department",
            "processing_days", "documents", "retired", "version");
    private final CatalogueService service;

    public CatalogueRoutes(CatalogueService service) { this.service = service; }

    /** Every entry of the kind, retired ones included, with its version. */
    public void list(Context ctx) throws Exception {
        CatalogueEntries.Kind k = kind(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        if (k == CatalogueEntries.Kind.ITEMS) for (CatalogueEntries.Item i : service.items()) out.add(json(i));
        else for (CatalogueEntries.Unit u : service.units(k)) out.add(json(u));
        ctx.json(Map.of(k.name().toLowerCase(java.util.Locale.ROOT), out));
    }

    public void create(Context ctx) throws Exception {
        CatalogueEntries.Kind k = kind(ctx);
        CatalogueEntries.Change ch = change(k, ErrandRoutes.body(ctx), true);
        Object saved = service.create(k, ch);
        ctx.header("Location", ctx.path() + "/" + ch.code());
        ctx.status(201).json(json(saved));
    }

    public void update(Context ctx) throws Exception {
        CatalogueEntries.Kind k = kind(ctx);
        ctx.json(json(service.update(k, ctx.pathParam("code"), change(k, ErrandRoutes.body(ctx), false))));
    }

    /** Deletes an entry nothing names: {@code ?version=} the version the editor saw. */
    public void delete(Context ctx) throws Exception {
        CatalogueEntries.Kind k = kind(ctx);
        String v = ctx.queryParam("version");
        if (v == null || !v.matches("[0-9]{1,18}")) {
            throw new ApiException(422, "invalid_catalogue", "Send version=<the version you saw> to delete.")
                    .says("errands.catalogue.version_needed", Map.of());
        }
        service.delete(k, ctx.pathParam("code"), Long.parseLong(v));
        ctx.status(204);
    }

    private static CatalogueEntries.Kind kind(Context ctx) {
        String segment = ctx.pathParam("kind");
        CatalogueEntries.Kind k = CatalogueEntries.Kind.of(segment);
        if (k == null) {
            throw ApiException.notFound("No catalogue list '" + segment + "': windows, departments or items.")
                    .says("errands.catalogue.no_list", Map.of("list", segment));
        }
        return k;
    }

    /** The fields of a create ({@code creating}: code, names and, for items, every field required) or of an edit. */
    static CatalogueEntries.Change change(CatalogueEntries.Kind k, JsonNode b, boolean creating) {
        List<String> problems = new ArrayList<>();
        Set<String> allowed = k == CatalogueEntries.Kind.ITEMS ? ITEM_FIELDS : UNIT_FIELDS;
        b.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) problems.add("unknown field '" + f + "' (expected " + String.join(", ", allowed) + ")");
        });
        if (!creating && b.has("code")) problems.add("a code never changes: errands and positions name it");
        String code = creating ? ErrandRoutes.text(b, "code", 40, true, problems) : null;
        String pattern = k == CatalogueEntries.Kind.ITEMS ? "[a-z0-9_]{2,40}" : "[a-z_]{2,32}";
        if (code != null && !code.matches(pattern)) problems.add("code must match " + pattern);
        String name = ErrandRoutes.text(b, "name", 100, creating, problems);
        String nameEn = ErrandRoutes.text(b, "name_en", 200, creating, problems);
        Integer position = null;
        if (k == CatalogueEntries.Kind.WINDOWS && b.hasNonNull("position")) {
            Long p = ErrandRoutes.longValue(b, "position", problems);
            if (p != null && (p < 1 || p > 1000)) problems.add("position must be from 1 to 1000");
            else if (p != null) position = p.intValue();
        }
        String window = null, department = null;
        Integer days = null;
        List<String> documents = null;
        if (k == CatalogueEntries.Kind.ITEMS) {
            window = ErrandRoutes.text(b, "window", 32, creating, problems);
            department = ErrandRoutes.text(b, "department", 32, creating, problems);
            if (b.hasNonNull("processing_days")) {
                Long d = ErrandRoutes.longValue(b, "processing_days", problems);
                if (d != null && (d < 0 || d > 90)) problems.add("processing_days must be from 0 to 90 (the legal time)");
                else if (d != null) days = d.intValue();
            } else if (creating) {
                problems.add("processing_days is required");
            }
            documents = documents(b, creating, problems);
        }
        Boolean retired = null;
        if (b.has("retired")) {
            if (!b.get("retired").isBoolean()) problems.add("retired must be true or false");
            else retired = b.get("retired").asBoolean();
        }
        Long version = null;
        if (!creating) {
            if (!b.hasNonNull("version")) problems.add("version is required: the version you edited");
            else version = ErrandRoutes.longValue(b, "version", problems);
        } else if (b.has("version")) {
            problems.add("a new entry has no version yet");
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "invalid_catalogue", String.join("; ", problems), Map.of("problems", problems))
                    .says("errands.catalogue.invalid", Map.of("problems", String.join("; ", problems)));
        }
        return new CatalogueEntries.Change(code, name, nameEn, position, window, department, days, documents, retired, version);
    }

    private static List<String> documents(JsonNode b, boolean required, List<String> problems) {
        JsonNode d = b.get("documents");
        if (d == null || d.isNull()) {
            return required ? List.of() : null;
        }
        if (!d.isArray() || d.size() > 30) {
            problems.add("documents must be a list of at most 30 texts");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : d) {
            if (!x.isTextual() || x.asText().isBlank() || x.asText().length() > 100) {
                problems.add("each document is a text of 1 to 100 characters");
                return null;
            }
            out.add(x.asText().trim());
        }
        return out;
    }

    static Map<String, Object> json(Object entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (entry instanceof CatalogueEntries.Item i) {
            m.put("id", i.id());
            m.put("code", i.code());
            m.put("name", i.name());
            m.put("nameEn", i.nameEn());
            m.put("window", i.windowCode());
            m.put("department", i.departmentCode());
            m.put("processingDays", i.processingDays());
            m.put("documents", i.documents());
            m.put("version", i.version());
            m.put("retiredAt", ErrandJson.time(i.retiredAt()));
        } else if (entry instanceof CatalogueEntries.Unit u) {
            m.put("id", u.id());
            m.put("code", u.code());
            m.put("name", u.name());
            m.put("nameEn", u.nameEn());
            if (u.position() != null) m.put("position", u.position());
            m.put("version", u.version());
            m.put("retiredAt", ErrandJson.time(u.retiredAt()));
        }
        return m;
    }

    public static void describe(OpenApiDocument api) {
        var kind = OpenApiDocument.param("kind", "path", "string", true, "windows, departments or items");
        var code = OpenApiDocument.param("code", "path", "string", true, "the entry's code");
        api.add("/api/errands/catalogue/{kind}", "get", "Every entry of the list with its version, retired ones included "
                + "(admin)", List.of(kind), true);
        api.add("/api/errands/catalogue/{kind}", "post", "Create an entry (admin): windows {code, name, name_en, position?}, "
                + "departments {code, name, name_en}, items {code, name, name_en, window, department, processing_days, "
                + "documents}; 409 already_exists", List.of(kind), true);
        api.add("/api/errands/catalogue/{kind}/{code}", "patch", "Edit an entry at the version you saw (admin): any field, "
                + "retired true|false; 409 version_conflict when stale", List.of(kind, code), true);
        api.add("/api/errands/catalogue/{kind}/{code}", "delete", "Delete an entry nothing names (admin, ?version=); "
                + "422 in_use: retire it instead", List.of(kind, code, OpenApiDocument.param("version", "query", "integer",
                true, "the version you saw")), true);
    }
}
