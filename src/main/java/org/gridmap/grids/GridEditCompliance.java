package org.gridmap.grids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.rings.ComplianceReport;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.TownReload;
import org.gridmap.rings.TownRings;
import org.locationtech.jts.geom.Envelope;

/**
 * An edit's ring compliance before → after, in the towns it reaches. An edit moves grid boundaries and facilities inside
 * its towns, and rings never cross a town boundary: so "after" is the network with those towns recomputed from their
 * facilities as the edit's transaction sees them ({@link TownRings}), and both figures count the households and
 * facilities that meet those towns' roads — the city's other towns are what they were, and are neither read nor
 * counted. When the towns cannot be recomputed alone (a facility added since the rings were built), the whole city is.
 */
final class GridEditCompliance {
    private GridEditCompliance() { }

    /** Per ring {ring, before, after, withinChange}; and what the figures cover: {scope: towns, towns: [...]} or {scope: city}. */
    record Result(List<Map<String, Object>> rings, Map<String, Object> of) { }

    static Result of(Connection c, RingNetwork before, Envelope area) throws SQLException {
        List<TownReload.Town> towns = TownReload.townsMeeting(c, area);
        TownRings.Rebuilt after = towns.isEmpty() ? null
                : TownRings.withFacilities(before, before.town, TownReload.facilities(c, TownReload.ids(towns)));
        if (after == null) return city(c, before);
        List<Map<String, Object>> named = new ArrayList<>();
        for (TownReload.Town t : towns) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("code", t.code());
            m.put("name", t.name());
            if (t.nameEn() != null && !t.nameEn().isBlank()) m.put("nameEn", t.nameEn());
            named.add(m);
        }
        Map<String, Object> of = new LinkedHashMap<>();
        of.put("scope", "towns");
        of.put("towns", named);
        return new Result(rows(ComplianceReport.summaryIn(before, after.parts()), ComplianceReport.summaryIn(after.network(), after.parts())), of);
    }

    /** The whole city before and after, its every facility read. */
    private static Result city(Connection c, RingNetwork before) throws SQLException {
        RingNetwork what = RingNetwork.build(before.graph, before.snapper, before.town.withFacilities(FacilityRows.all(c)),
                before.policy, before.householdSnaps());
        return new Result(rows(ComplianceReport.summary(before), ComplianceReport.summary(what)), Map.of("scope", "city"));
    }

    private static List<Map<String, Object>> rows(Map<Integer, double[]> b, Map<Integer, double[]> a) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Integer ring : b.keySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ring", ring);
            m.put("before", share(b.get(ring)));
            m.put("after", share(a.get(ring)));
            m.put("withinChange", (long) (a.get(ring)[1] - b.get(ring)[1]));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> share(double[] originsWithin) {
        return Map.of("origins", (long) originsWithin[0], "within", (long) originsWithin[1],
                "share", originsWithin[0] == 0 ? 0 : Math.round(10000 * originsWithin[1] / originsWithin[0]) / 10000.0);
    }
}
