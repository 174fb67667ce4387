package org.gridmap.rings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compliance of each ring: the share of its origins — households, service points, grid hubs,
 * stations — whose network time to their target is within the promise; the worst offenders; and the same
 * per village and per grid.
 */
public final class ComplianceReport {
    private ComplianceReport() { }

    /** Counts for one group of origins. */
    static final class Tally {
        long origins, within, people;
        Map<String, Object> json(String code, String name) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (code != null) m.put("code", code);
            if (name != null) m.put("name", name);
            m.put("origins", origins);
            m.put("within", within);
            m.put("share", origins == 0 ? null : Math.round(10000.0 * within / origins) / 10000.0);
            return m;
        }
    }

    record Offender(String kind, long id, String code, double seconds, double lon, double lat) { }

    public static Map<String, Object> compute(RingNetwork net, int worst) {
        List<Map<String, Object>> rings = new ArrayList<>();
        for (RingPolicy.Ring ring : net.policy.rings()) rings.add(ring(net, ring, worst));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rings", rings);
        out.put("computedInMillis", Math.round(net.builtNanos / 1e5) / 10.0);
        return out;
    }

    /** Totals per ring only (for edit previews: before → after). */
    public static Map<Integer, double[]> summary(RingNetwork net) {
        Map<Integer, double[]> out = new TreeMap<>();
        for (RingPolicy.Ring ring : net.policy.rings()) {
            long within = ring.from().equals("household") ? net.householdsWithin(ring.limitSeconds()) : -1;
            if (within >= 0) { // kept by the network as it changes: a city's households are not counted again
                out.put(ring.ring(), new double[] {net.town.householdCount(), within});
                continue;
            }
            long[] facilities = net.facilityTally(ring);
            if (facilities != null) { // kept by the network too: no pass over the city's facilities
                out.put(ring.ring(), new double[] {facilities[0], facilities[1]});
                continue;
            }
            Map<String, Object> r = ring(net, ring, 0);
            out.put(ring.ring(), new double[] {((Number) r.get("origins")).doubleValue(), ((Number) r.get("within")).doubleValue()});
        }
        return out;
    }

    /**
     * Totals per ring of some parts of the graph (an edit's towns): the households and facilities that meet the roads
     * there. One that meets no road within reach is in no part, so in the city's totals only.
     */
    public static Map<Integer, double[]> summaryIn(RingNetwork net, java.util.BitSet parts) {
        Map<Integer, double[]> out = new TreeMap<>();
        for (RingPolicy.Ring ring : net.policy.rings()) {
            double limit = ring.limitSeconds();
            long origins = 0, within = 0;
            for (int p = parts.nextSetBit(0); p >= 0; p = parts.nextSetBit(p + 1)) {
                if (ring.from().equals("household")) {
                    for (int i : net.householdsOfPart(p)) {
                        origins++;
                        if (net.householdSeconds(i) <= limit) within++;
                    }
                    continue;
                }
                for (int f : net.facilitiesOfPart(p)) {
                    if (!net.town.facilities.get(f).level().equals(ring.from())) continue;
                    origins++;
                    if (net.secondsToParent[f] <= limit) within++;
                }
            }
            out.put(ring.ring(), new double[] {origins, within});
        }
        return out;
    }

    static Map<String, Object> ring(RingNetwork net, RingPolicy.Ring ring, int worst) {
        double limit = ring.limitSeconds();
        Tally total = new Tally();
        Map<Long, Tally> byGrid = new TreeMap<>();
        Map<Long, Tally> byVillage = new TreeMap<>();
        List<Offender> offenders = new ArrayList<>();
        TownModel t = net.town;
        if (ring.from().equals("household")) {
            for (int i = 0; i < t.householdCount(); i++) {
                double s = net.householdSeconds(i);
                TownModel.Grid g = t.grids.get(t.householdGrid.get(i));
                count(total, byGrid, byVillage, g, s <= limit, t.householdMembers.get(i));
                if (s > limit) offenders.add(new Offender("household", t.householdId.get(i), null, s, t.householdLon[i], t.householdLat[i]));
            }
        } else {
            for (int i = 0; i < t.facilities.size(); i++) {
                TownModel.Facility f = t.facilities.get(i);
                if (!f.level().equals(ring.from())) continue;
                double s = net.secondsToParent[i];
                TownModel.Grid g = t.grids.get(f.gridId());
                count(total, byGrid, byVillage, g, s <= limit, 0);
                if (ring.from().equals("station")) {
                    Tally v = byVillage.computeIfAbsent(f.villageId(), k -> new Tally());
                    v.origins++;
                    if (s <= limit) v.within++;
                }
                if (s > limit) offenders.add(new Offender("facility", f.id(), f.code(), s, f.lon(), f.lat()));
            }
        }
        offenders.sort(Comparator.comparingDouble(Offender::seconds).reversed());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ring", ring.ring());
        m.put("name", ring.name());
        m.put("description", ring.description());
        m.put("from", ring.from());
        m.put("to", ring.to());
        m.put("limitSeconds", limit);
        m.putAll(total.json(null, null));
        if (ring.from().equals("household")) m.put("peopleWithin", total.people);
        if (worst > 0) {
            List<Map<String, Object>> w = new ArrayList<>();
            for (Offender o : offenders.subList(0, Math.min(worst, offenders.size()))) {
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("kind", o.kind());
                om.put("id", o.id());
                if (o.code() != null) om.put("code", o.code());
                om.put("seconds", Double.isFinite(o.seconds()) ? Math.round(o.seconds() * 10) / 10.0 : null);
                om.put("lon", o.lon());
                om.put("lat", o.lat());
                // named, so a worst case reads "白果村 · 白果村第03网格", not only an id
                TownModel.Grid at = t.gridAt(o.lon(), o.lat());
                if (at != null) {
                    om.put("grid", Map.of("code", at.code(), "name", at.name()));
                    om.put("village", at.villageJson());
                }
                w.add(om);
            }
            m.put("worst", w);
            List<Map<String, Object>> villages = new ArrayList<>();
            Map<Long, String[]> villageNames = new LinkedHashMap<>();
            for (TownModel.Grid g : t.grids.values()) villageNames.putIfAbsent(g.villageId(), new String[] {g.villageCode(), g.villageName(), g.villageNameEn()});
            byVillage.forEach((id, tally) -> {
                String[] vn = villageNames.getOrDefault(id, new String[] {null, null, null});
                Map<String, Object> row = tally.json(vn[0], vn[1]);
                if (vn[2] != null && !vn[2].isBlank()) row.put("nameEn", vn[2]);
                villages.add(row);
            });
            m.put("villages", villages);
            if (!ring.from().equals("station")) {
                List<Map<String, Object>> grids = new ArrayList<>();
                byGrid.forEach((id, tally) -> {
                    TownModel.Grid g = t.grids.get(id);
                    grids.add(tally.json(g == null ? null : g.code(), g == null ? null : g.name()));
                });
                m.put("grids", grids);
            }
        }
        return m;
    }

    private static void count(Tally total, Map<Long, Tally> byGrid, Map<Long, Tally> byVillage, TownModel.Grid g,
                              boolean ok, int people) {
        total.origins++;
        if (ok) {
            total.within++;
            total.people += people;
        }
        if (g == null) return;
        Tally gt = byGrid.computeIfAbsent(g.id(), k -> new Tally());
        gt.origins++;
        if (ok) gt.within++;
        Tally vt = byVillage.computeIfAbsent(g.villageId(), k -> new Tally());
        vt.origins++;
        if (ok) vt.within++;
    }
}
