package org.gridmap.hazards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.rings.ComplianceReport;
import org.gridmap.rings.IdColumn;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RingPolicy;
import org.gridmap.rings.RoadClosures;

/**
 * What a hazard change did to the rings: compares the ring network before the change with the one after it.
 * Households are matched by id, so the answer holds even when the town was reloaded in between.
 */
final class RoutingEffect {
    static final int SAMPLE = 20;

    private RoutingEffect() { }

    static Map<String, Object> between(RingNetwork before, RingNetwork after, RoadClosures.Update update,
                                       List<Long> closedByThisHazard) {
        double limit = after.policy.ring(4).limitSeconds();
        IdColumn ids = before.town.householdId;
        long lost = 0, lostPeople = 0, regained = 0, cutOff = 0;
        List<Long> lostSample = new ArrayList<>(), regainedSample = new ArrayList<>();
        boolean sameTown = ids == after.town.householdId;
        for (int j = 0; j < after.town.householdCount(); j++) {
            // the same town: pages of households both networks share did not change, and only changes count below
            if (sameTown && (j = after.nextPossiblyChanged(before, j)) >= after.town.householdCount()) break;
            long id = after.town.householdId.get(j);
            int i = sameTown ? j : ids.indexOf(id);
            if (i < 0) continue;
            double b = before.householdSeconds(i), a = after.householdSeconds(j);
            if (b <= limit && a > limit) {
                lost++;
                lostPeople += after.town.householdMembers.get(j);
                if (lostSample.size() < SAMPLE) lostSample.add(id);
            } else if (b > limit && a <= limit) {
                regained++;
                if (regainedSample.size() < SAMPLE) regainedSample.add(id);
            }
            if (Double.isFinite(b) && !Double.isFinite(a)) cutOff++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roadsClosedByThisHazard", closedByThisHazard);
        out.put("roadsClosedNow", update.closedNow());
        out.put("roadsReopenedNow", update.reopenedNow());
        out.put("roadsClosedInTotal", update.closedRoads().size());
        out.put("householdsLost", lost);
        out.put("peopleLost", lostPeople);
        out.put("householdsLostSample", lostSample);
        out.put("householdsRegained", regained);
        out.put("householdsRegainedSample", regainedSample);
        out.put("householdsCutOff", cutOff);
        Map<Integer, double[]> was = ComplianceReport.summary(before), is = ComplianceReport.summary(after);
        List<Map<String, Object>> rings = new ArrayList<>();
        for (RingPolicy.Ring ring : after.policy.rings()) {
            double[] b = was.get(ring.ring()), a = is.get(ring.ring());
            if (b == null || a == null) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ring", ring.ring());
            r.put("name", ring.name());
            r.put("limitSeconds", ring.limitSeconds());
            r.put("before", tally(b));
            r.put("after", tally(a));
            r.put("withinChange", (long) (a[1] - b[1]));
            rings.add(r);
        }
        out.put("rings", rings);
        return out;
    }

    private static Map<String, Object> tally(double[] originsWithin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origins", (long) originsWithin[0]);
        m.put("within", (long) originsWithin[1]);
        m.put("share", originsWithin[0] == 0 ? null : Math.round(10000.0 * originsWithin[1] / originsWithin[0]) / 10000.0);
        return m;
    }
}
