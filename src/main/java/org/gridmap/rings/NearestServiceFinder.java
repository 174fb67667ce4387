package org.gridmap.rings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.rings.graph.Nearest;
import org.gridmap.rings.graph.Path;
import org.gridmap.rings.graph.Snap;

/**
 * The villager's question: from here, which service point is nearest on foot, how do I walk there, which
 * grid am I in and whom do I call — and does the chain above that point keep the town's promise?
 */
public final class NearestServiceFinder {
    private final RingEngine engine;

    public NearestServiceFinder(RingEngine engine) { this.engine = engine; }

    public Map<String, Object> find(double lon, double lat, int k) {
        if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw ApiException.badRequest("lon and lat must be a longitude (−180…180) and a latitude (−90…90)")
                    .says("rings.lon_lat_range", Map.of());
        }
        if (k < 1 || k > 10) throw ApiException.badRequest("k must be from 1 to 10").says("rings.k", Map.of());
        RingNetwork net = engine.network();
        RingPolicy.Ring ring4 = net.policy.ring(4);
        if (!net.town.insideATown(lon, lat)) {
            throw new ApiException(422, "outside_town", "The location " + lon + ", " + lat
                    + " lies outside the town; gridmap answers for places inside it (is the order lon, lat?).")
                    .says("rings.outside_town", Map.of("lon", lon, "lat", lat));
        }
        Snap origin = net.snapper.snap(lon, lat, net.policy.maxSnapMeters(), net.policy.mode(ring4));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("origin", List.of(lon, lat));
        TownModel.Grid grid = net.town.gridAt(lon, lat);
        out.put("grid", grid == null ? null : gridJson(grid));
        out.put("village", grid == null ? null : grid.villageJson());
        out.put("staff", grid == null ? List.of() : staffJson(net.town.staffByGrid.getOrDefault(grid.id(), List.of())));
        if (origin == null) {
            out.put("reachable", false);
            out.put("message", "No road within " + Math.round(net.policy.maxSnapMeters()) + " m of this place.");
            return out;
        }
        Nearest nearest = net.pointTree.nearest(origin);
        if (nearest == null) {
            out.put("reachable", false);
            out.put("message", "No service point can be reached from here on the road network: this place is cut off.");
            out.put("snapped", List.of(origin.lon(), origin.lat()));
            return out;
        }
        double kmh = net.policy.baseKmh(ring4);
        Path path = net.pointTree.routeToNearest(origin);
        int pointIdx = net.pointFacility[nearest.facility()];
        Snap pointSnap = net.facilitySnaps[pointIdx];
        // the tree's seconds and metres already include the point's own walk from its road (pointSnap)
        double seconds = nearest.seconds() + RingNetwork.offNetwork(origin, kmh);
        out.put("reachable", true);
        out.put("point", facilityJson(net, pointIdx));
        out.put("travelSeconds", round1(seconds));
        out.put("distanceMeters", round1(nearest.meters() + origin.distanceMeters()));
        out.put("offNetworkMeters", round1(origin.distanceMeters()));
        out.put("snapped", List.of(origin.lon(), origin.lat()));
        out.put("route", lineString(toFacility(path.coords(), pointSnap, net.town.facilities.get(pointIdx))));
        out.put("chain", chain(net, pointIdx, seconds));
        if (k > 1) {
            List<Map<String, Object>> alternatives = new ArrayList<>();
            for (Nearest n : net.pointTree.kNearest(origin, k, net.walkRouter)) {
                int idx = net.pointFacility[n.facility()];
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("point", facilityJson(net, idx));
                a.put("travelSeconds", round1(n.seconds() + RingNetwork.offNetwork(origin, kmh)));
                a.put("distanceMeters", round1(n.meters() + origin.distanceMeters()));
                alternatives.add(a);
            }
            out.put("nearest", alternatives);
        }
        return out;
    }

    /** Ring 4 from here, then the assigned chain: point → its hub → its station → the center. */
    static List<Map<String, Object>> chain(RingNetwork net, int pointIdx, double ring4Seconds) {
        List<Map<String, Object>> chain = new ArrayList<>();
        double cumulative = ring4Seconds;
        chain.add(link(net.policy.ring(4), "you", facilityJson(net, pointIdx), ring4Seconds, cumulative));
        int at = pointIdx;
        for (int ringNo = 3; ringNo >= 1; ringNo--) {
            RingPolicy.Ring ring = net.policy.ring(ringNo);
            int parent = net.parent[at];
            if (parent < 0) {
                chain.add(link(ring, net.town.facilities.get(at).code(), null, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
                break;
            }
            double s = net.secondsToParent[at];
            cumulative += s;
            chain.add(link(ring, net.town.facilities.get(at).code(), facilityJson(net, parent), s, cumulative));
            at = parent;
        }
        return chain;
    }

    private static Map<String, Object> link(RingPolicy.Ring ring, String from, Map<String, Object> to, double s, double cumulative) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ring", ring.ring());
        m.put("name", ring.name());
        m.put("from", from);
        m.put("facility", to);
        m.put("seconds", Double.isFinite(s) ? round1(s) : null);
        m.put("limitSeconds", ring.limitSeconds());
        m.put("ok", Double.isFinite(s) && s <= ring.limitSeconds());
        m.put("cumulativeSeconds", Double.isFinite(cumulative) ? round1(cumulative) : null);
        if (!Double.isFinite(s)) m.put("message", to == null ? "no " + ring.to() + " is assigned" : "unreachable within 4× the promise");
        return m;
    }

    static Map<String, Object> facilityJson(RingNetwork net, int idx) {
        TownModel.Facility f = net.town.facilities.get(idx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("code", f.code());
        m.put("name", f.name());
        m.put("level", f.level());
        m.put("lon", f.lon());
        m.put("lat", f.lat());
        // a point's or hub's own grid: the nearest point may lie in another grid than the villager's
        TownModel.Grid g = f.level().equals(RingNetwork.POINT) || f.level().equals(RingNetwork.HUB) ? net.town.grids.get(f.gridId()) : null;
        if (g != null) {
            m.put("grid", gridJson(g));
            m.put("village", g.villageJson());
        }
        return m;
    }

    static Map<String, Object> gridJson(TownModel.Grid g) {
        return Map.of("id", g.id(), "code", g.code(), "name", g.name());
    }

    static List<Map<String, Object>> staffJson(List<TownModel.StaffCard> cards) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TownModel.StaffCard c : cards) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", c.role());
            m.put("name", c.name());
            m.put("phone", c.phone());
            m.put("duties", c.duties());
            out.add(m);
        }
        return out;
    }

    /**
     * The network path ends where the point meets the road; a point standing off the road (its own roads closed by
     * a hazard, say) is reached by a last straight walk that distanceMeters and travelSeconds already count, so the
     * drawn route must include it too, or it stops short of the point it names.
     */
    public static double[] toFacility(double[] coords, Snap pointSnap, TownModel.Facility f) {
        if (pointSnap.distanceMeters() < 0.05) return coords;   // on its road: the path already ends there
        int n = coords.length;
        double[] out = Arrays.copyOf(coords, n + 2);
        out[n] = f.lon();
        out[n + 1] = f.lat();
        return out;
    }

    public static Map<String, Object> lineString(double[] coords) {
        List<List<Double>> cs = new ArrayList<>(coords.length / 2);
        for (int i = 0; i + 1 < coords.length; i += 2) {
            cs.add(List.of(Math.round(coords[i] * 1e7) / 1e7, Math.round(coords[i + 1] * 1e7) / 1e7));
        }
        if (cs.size() == 1) cs.add(cs.get(0));   // a LineString needs two positions, even for a zero-length route
        return Map.of("type", "LineString", "coordinates", cs);
    }

    public static double round1(double v) { return Math.round(v * 10) / 10.0; }
}
