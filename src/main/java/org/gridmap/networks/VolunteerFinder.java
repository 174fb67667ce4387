package org.gridmap.networks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.rings.NearestServiceFinder;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RingPolicy;
import org.gridmap.rings.graph.Nearest;
import org.gridmap.rings.graph.NearestTargets;
import org.gridmap.rings.graph.Path;
import org.gridmap.rings.graph.Snap;

/**
 * "The nearest volunteers who do X" by walking time through the rings engine: every volunteer stands at the
 * service point they serve, met on the roads where the rings meet that point (closures included), and one forward
 * search from the villager's place accepts only volunteers offering the skill. The targets are rebuilt when the
 * engine publishes a new network (a road closed, a point moved) or the volunteers change.
 */
public final class VolunteerFinder {
    private final RingEngine engine;
    private final NetworksService service;
    private volatile Index index;

    /** The volunteers as searchable targets on one published network. */
    private record Index(RingNetwork net, long generation, List<Networks.Volunteer> volunteers, NearestTargets targets,
                         Snap[] snaps, int[] facility) { }

    public VolunteerFinder(RingEngine engine, NetworksService service) {
        this.engine = engine;
        this.service = service;
    }

    /** Up to k volunteers offering {@code skill}, nearest on foot first; 422 outside the town. */
    public Networks.NearestAnswer nearest(double lon, double lat, String skill, int k) throws SQLException {
        Index ix = index();
        RingNetwork net = ix.net();
        if (!net.town.insideATown(lon, lat)) {
            throw new ApiException(422, "outside_town", "The location " + lon + ", " + lat + " lies outside the town.")
                    .says("rings.outside_town", Map.of("lon", lon, "lat", lat));
        }
        RingPolicy.Ring ring4 = net.policy.ring(4);
        Snap origin = net.snapper.snap(lon, lat, net.policy.maxSnapMeters(), net.policy.mode(ring4));
        if (origin == null) return new Networks.NearestAnswer(lon, lat, null, 0, skill, List.of());
        double offKmh = net.policy.baseKmh(ring4);
        double off = RingNetwork.offNetwork(origin, offKmh);
        List<Networks.NearestVolunteer> out = new ArrayList<>();
        for (Nearest n : ix.targets().kNearest(origin, k, i -> ix.volunteers().get(i).skills().contains(skill),
                Double.POSITIVE_INFINITY)) {
            Networks.Volunteer v = ix.volunteers().get(n.facility());
            Path p = ix.targets().route(origin, n.facility());
            // the walk ends at the service point itself, off the road where it stands apart from it
            double[] line = NearestServiceFinder.toFacility(p.coords(), ix.snaps()[n.facility()],
                    net.town.facilities.get(ix.facility()[n.facility()]));
            out.add(new Networks.NearestVolunteer(v, n.seconds() + off, n.meters() + origin.distanceMeters(), line));
        }
        return new Networks.NearestAnswer(lon, lat, new double[] {origin.lon(), origin.lat()}, origin.distanceMeters(), skill, out);
    }

    private Index index() throws SQLException {
        RingNetwork net = engine.network();
        long generation = service.volunteersGeneration();
        Index ix = index;
        if (ix != null && ix.net() == net && ix.generation() == generation) return ix;
        synchronized (this) {
            ix = index;
            if (ix != null && ix.net() == net && ix.generation() == generation) return ix;
            List<Networks.Volunteer> volunteers = service.searchable();
            Map<Long, Integer> byId = new HashMap<>();
            for (int i = 0; i < net.town.facilities.size(); i++) byId.put(net.town.facilities.get(i).id(), i);
            Snap[] snaps = new Snap[volunteers.size()];
            int[] facility = new int[volunteers.size()];
            for (int i = 0; i < snaps.length; i++) {
                Integer f = byId.get(volunteers.get(i).point().id());
                facility[i] = f == null ? -1 : f;
                snaps[i] = f == null ? null : net.facilitySnaps[f];
            }
            ix = new Index(net, generation, volunteers,
                    new NearestTargets(net.walkRouter, snaps, net.policy.baseKmh(net.policy.ring(4))), snaps, facility);
            index = ix;
            return ix;
        }
    }
}
