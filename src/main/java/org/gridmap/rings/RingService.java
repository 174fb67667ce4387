package org.gridmap.rings;

import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.rings.graph.Reach;
import org.gridmap.rings.graph.Snap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The rings' answers that compute on the current network: a facility's isochrone and the sites that would bring
 * the most households within the ring-4 promise. Each answer reads one network, so a swap in the middle of a
 * request cannot mix two.
 */
public final class RingService {
    private static final GeometryFactory GF = new GeometryFactory();
    private final RingEngine engine;

    public RingService(RingEngine engine) { this.engine = engine; }

    public RingEngine engine() { return engine; }

    /** A facility's isochrone: the area reached on the roads in {@code minutes}, and the plain circle as far. */
    public record Isochrone(RingNetwork network, int facility, double minutes, Geometry reached, int reachedNodes,
                            Geometry circle, double radiusMeters) { }

    /** The suggested sites and what they would change: households beyond the promise now, and gained by the sites. */
    public record Suggestions(RingNetwork network, double limitSeconds, long householdsBeyond, long householdsGained,
                              int households, List<SiteSuggester.Site> sites) { }

    /**
     * @param ref     the facility's id or code
     * @param minutes null: the promise of the ring the facility serves
     */
    public Isochrone isochrone(String ref, Double minutes) {
        RingNetwork net = engine.network();
        int idx = net.town.facilityOf(ref);
        if (idx < 0) throw ApiException.notFound("No facility '" + ref + "'").says("rings.no_facility", Map.of("facility", ref));
        TownModel.Facility f = net.town.facilities.get(idx);
        RingPolicy.Ring ring = ringServedBy(net.policy, f.level());
        double m = minutes == null ? ring.minutes() : minutes;
        if (!(m > 0 && m <= 120)) {
            throw ApiException.badRequest("minutes must be more than 0 and at most 120").says("rings.minutes", Map.of());
        }
        Snap s = net.facilitySnaps[idx];
        if (s == null) {
            throw new ApiException(422, "not_on_network", "Facility " + f.code() + " is not near any road")
                    .says("rings.not_on_network", Map.of("facility", f.code()));
        }
        double kmh = net.policy.baseKmh(ring);
        double seconds = m * 60;
        double onRoads = seconds - RingNetwork.offNetwork(s, kmh);
        Reach reach = net.walkRouter.reach(s, onRoads);
        Geometry reached = reach.isochrone(onRoads, 30, GF);
        double radius = kmh / 3.6 * seconds;
        return new Isochrone(net, idx, m, reached, reach.reachedCount(), Circles.circle(f.lon(), f.lat(), radius, GF), radius);
    }

    public Suggestions suggestions(int count) {
        RingNetwork net = engine.network();
        List<SiteSuggester.Site> sites = SiteSuggester.suggest(net, count);
        double limit = net.policy.ring(4).limitSeconds();
        long late = 0;
        for (int i = 0; i < net.town.householdCount(); i++) if (net.householdSeconds(i) > limit) late++;
        long gained = 0;
        for (SiteSuggester.Site s : sites) gained += s.households();
        return new Suggestions(net, limit, late, gained, net.town.householdCount(), sites);
    }

    static RingPolicy.Ring ringServedBy(RingPolicy p, String level) {
        for (RingPolicy.Ring r : p.rings()) if (r.to().equals(level)) return r;
        return p.ring(4);
    }
}
