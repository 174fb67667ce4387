package org.gridmap.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cases as clients see them. */
final class CaseJson {
    private CaseJson() { }

    static Map<String, Object> of(Cases.Case k, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("kind", k.kind());
        m.put("title", k.title());
        m.put("details", k.details());
        m.put("status", k.status());
        m.put("allowedNextStatuses", CaseWords.next(k.status()));
        m.put("version", k.version());
        m.put("urgent", k.urgent());
        m.put("geological", k.geological());
        m.put("visit", k.visitId());
        m.put("household", k.householdId());
        m.put("grid", Map.of("id", k.gridId(), "code", k.gridCode()));
        m.put("village", k.villageCode());
        m.put("owner", ownerOf(k));
        m.put("openedAt", iso(k.openedAt()));
        m.put("dueAt", iso(k.dueAt()));
        m.put("overdue", isOpen(k) && now.isAfter(k.dueAt()));
        m.put("resolvedAt", iso(k.resolvedAt()));
        m.put("closedAt", iso(k.closedAt()));
        m.put("outcome", k.outcome());
        m.put("hazard", k.hazardId() == null ? null : Map.of("id", k.hazardId(), "code", k.hazardCode()));
        m.put("errand", k.errandId() == null ? null : Map.of("id", k.errandId(), "number", k.errandNumber()));
        m.put("hasParties", k.hasParties());
        m.put("position", Map.of("lon", k.lon(), "lat", k.lat()));
        return m;
    }

    /** A GeoJSON feature of the open-cases layer: no details, no parties. */
    static Map<String, Object> feature(Cases.Case k, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", k.id());
        p.put("kind", k.kind());
        p.put("title", k.title());
        p.put("status", k.status());
        p.put("urgent", k.urgent());
        p.put("grid", k.gridCode());
        p.put("dueAt", iso(k.dueAt()));
        p.put("overdue", now.isAfter(k.dueAt()));
        return Map.of("type", "Feature", "id", k.id(), "properties", p,
                "geometry", Map.of("type", "Point", "coordinates", List.of(k.lon(), k.lat())));
    }

    static Map<String, Object> history(Cases.HistoryEntry h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("at", iso(h.at()));
        m.put("by", h.by());
        m.put("action", h.action());
        m.put("statusBefore", h.statusBefore());
        m.put("statusAfter", h.statusAfter());
        m.put("text", h.text());
        return m;
    }

    private static Map<String, Object> ownerOf(Cases.Case k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", k.ownerUserId());
        m.put("name", k.ownerName());
        return m;
    }

    private static boolean isOpen(Cases.Case k) { return List.of(CaseWords.openStatuses()).contains(k.status()); }

    private static String iso(Instant t) { return t == null ? null : t.toString(); }
}
