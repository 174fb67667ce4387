package org.gridmap.errands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How errands look on the wire: the staff's view (with the resident when allowed) and the public's. */
final class ErrandJson {
    private ErrandJson() { }

    static String time(Instant t) { return t == null ? null : t.toString(); }

    static Map<String, Object> staffView(Errands.View v) {
        Errands.Errand e = v.errand();
        Map<String, Object> m = common(v);
        m.put("channel", e.channel());
        m.put("facilityId", e.facilityId());
        m.put("urgentReason", e.urgentReason());
        m.put("holderUserId", e.holderUserId());
        m.put("rating", e.rating());
        m.put("ratingComment", e.ratingComment());
        m.put("closedAt", time(e.closedAt()));
        if (v.personal()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", e.resident().name());
            r.put("phone", e.resident().phone());
            r.put("householdId", e.resident().householdId());
            r.put("note", e.resident().note());
            m.put("resident", r);
        }
        List<Map<String, Object>> hs = new ArrayList<>();
        for (Errands.Handoff h : v.handoffs()) hs.add(handoff(h));
        m.put("handoffs", hs);
        return m;
    }

    /** The lookup's answer: progress, deadlines, the holder's public service card, the grid; nothing personal. */
    static Map<String, Object> publicView(Errands.View v) {
        Map<String, Object> m = common(v);
        List<Map<String, Object>> hops = new ArrayList<>();
        for (Errands.Handoff h : v.handoffs()) {
            Map<String, Object> hop = new LinkedHashMap<>();
            hop.put("to", h.toStage());
            hop.put("sentAt", time(h.sentAt()));
            hop.put("confirmedAt", time(h.confirmedAt()));
            hop.put("late", h.late());
            hops.add(hop);
        }
        m.put("hops", hops);
        return m;
    }

    private static Map<String, Object> common(Errands.View v) {
        Errands.Errand e = v.errand();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", e.number());
        m.put("item", Map.of("code", e.itemCode(), "name", e.itemName(), "nameEn", e.itemNameEn(),
                "processingDays", e.processingDays()));
        m.put("grid", Map.of("id", e.gridId(), "code", e.gridCode(), "name", e.gridName()));
        m.put("stage", e.stage());
        Errands.Handoff transit = v.handoffs().stream().filter(Errands.Handoff::inTransit).findFirst().orElse(null);
        m.put("inTransit", transit != null);
        m.put("transitTo", transit == null ? null : transit.toStage());
        m.put("urgent", e.urgent());
        m.put("filedAt", time(e.filedAt()));
        m.put("stageSince", time(e.stageSince()));
        m.put("stageDueAt", time(transit != null ? transit.receiverDueAt() : e.stageDueAt()));
        m.put("resultDueAt", time(e.resultDueAt()));
        m.put("overdue", v.overdue());
        m.put("holder", v.holderCard() == null ? null : card(v.holderCard()));
        return m;
    }

    /** A public service card: what is printed on the card on the resident's door. */
    static Map<String, Object> card(Errands.StaffCard s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("staffId", s.id());
        m.put("role", s.role());
        m.put("name", s.name());
        m.put("phone", s.phone());
        return m;
    }

    static Map<String, Object> handoff(Errands.Handoff h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("from", h.fromStage());
        m.put("to", h.toStage());
        m.put("fromUserId", h.fromUserId());
        m.put("toUserId", h.toUserId());
        m.put("toStaffId", h.toStaffId());
        m.put("sentAt", time(h.sentAt()));
        m.put("dueAt", time(h.dueAt()));
        m.put("receiverDueAt", time(h.receiverDueAt()));
        m.put("late", h.late());
        m.put("skipReason", h.skipReason());
        m.put("confirmedAt", time(h.confirmedAt()));
        m.put("confirmedBy", h.confirmedBy());
        return m;
    }

    static Map<String, Object> catalogue(Errands.Catalogue cat) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Errands.Item i : cat.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", i.code());
            m.put("name", i.name());
            m.put("nameEn", i.nameEn());
            m.put("window", i.windowCode());
            m.put("department", i.departmentCode());
            m.put("processingDays", i.processingDays());
            m.put("documents", i.documents());
            items.add(m);
        }
        return Map.of("windows", cat.windows(), "departments", cat.departments(), "items", items);
    }

    /** The rings' figures, grouped per village (and per grid of the village asked for); nothing about anyone. */
    static Map<String, Object> stats(Errands.Stats st) {
        Map<String, Map<String, Object>> villages = new LinkedHashMap<>();
        Map<String, Map<String, Object>> grids = new LinkedHashMap<>();
        for (Errands.RingRow r : st.rows()) {
            Map<String, Object> unit = r.gridCode() == null
                    ? villages.computeIfAbsent(r.villageCode(), k -> unit(r.villageCode(), r.villageName(), null))
                    : grids.computeIfAbsent(r.gridCode(), k -> unit(r.gridCode(), r.gridName(), r.villageCode()));
            Map<String, Object> ring = new LinkedHashMap<>();
            ring.put("handoffs", r.handoffs());
            ring.put("onTime", r.onTime());
            ring.put("onTimeShare", r.handoffs() == 0 ? null : (double) r.onTime() / r.handoffs());
            ring.put("medianHours", Math.round(r.medianHours() * 100) / 100.0);
            @SuppressWarnings("unchecked") Map<String, Object> rings = (Map<String, Object>) unit.get("rings");
            rings.put(Errands.RINGS.get(r.fromStage()), ring);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", time(st.from()));
        m.put("to", time(st.to()));
        m.put("village", st.village());
        m.put("rings", List.of("point_grid", "grid_station", "station_department"));
        m.put("villages", new ArrayList<>(villages.values()));
        if (st.village() != null) m.put("grids", new ArrayList<>(grids.values()));
        return m;
    }

    private static Map<String, Object> unit(String code, String name, String village) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        if (village != null) m.put("village", village);
        m.put("rings", new LinkedHashMap<String, Object>());
        return m;
    }

    /** A station's list of what is late below it: the errand, where, how late, and who should act (public card). */
    static Map<String, Object> overdue(Errands.OverdueRow o, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", o.number());
        m.put("item", Map.of("code", o.itemCode(), "name", o.itemName()));
        m.put("grid", Map.of("code", o.gridCode(), "name", o.gridName()));
        m.put("stage", o.stage());
        m.put("inTransit", o.inTransitTo() != null);
        m.put("transitTo", o.inTransitTo());
        m.put("dueAt", time(o.dueAt()));
        m.put("hoursLate", Math.round(java.time.Duration.between(o.dueAt(), now).toMinutes() / 6.0) / 10.0);
        m.put("actor", o.actor() == null ? null : card(o.actor()));
        return m;
    }
}
