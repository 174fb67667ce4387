package org.gridmap.rings.graph;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A fixed set of targets (volunteers at their service points, say) searched from any origin: the k nearest by
 * network time that pass a filter, from one forward search that stops at the k-th accepted target. Unlike
 * {@link NearestFacilityTree} nothing is precomputed per node, so the filter may change with every question
 * (a skill, an opening hour) without a tree per filter. Immutable; built for one graph and travel mode.
 */
public final class NearestTargets {
    private final RoadGraph g;
    private final Router router;
    private final Snap[] targets;
    private final double[] doorSeconds, doorMeters;
    private final SnapSet set;

    /**
     * @param targets    where each target meets the network (null: not reachable, never found)
     * @param offRoadKmh the speed of the walk from a target's snap to the target itself, which counts in the
     *                   ranking (a target standing far from its road is farther); NaN: network time only
     */
    public NearestTargets(Router router, Snap[] targets, double offRoadKmh) {
        this.g = router.graph();
        this.router = router;
        this.targets = targets.clone();
        doorMeters = NearestFacilityTree.doorMeters(this.targets, offRoadKmh);
        doorSeconds = NearestFacilityTree.doorSeconds(doorMeters, offRoadKmh);
        set = new SnapSet(g, router.costs(), this.targets, true);
    }

    public int size() { return targets.length; }

    public RoadGraph graph() { return g; }

    /**
     * The k nearest targets that {@code accept} takes, nearest first, no later than {@code limitSeconds}: seconds
     * and metres from the origin's snap to the target itself (the origin's own walk to the road not included).
     */
    public List<Nearest> kNearest(Snap origin, int k, IntPredicate accept, double limitSeconds) {
        if (k <= 0) return List.of();
        return new KNearestSearch(g, router.costs(), router, targets, doorSeconds, doorMeters, set)
                .run(origin, k, accept, limitSeconds);
    }

    /** The network route from the origin's snap to a target's snap (the walk to its door is not part of it). */
    public Path route(Snap origin, int target) {
        Snap t = targets[target];
        return t == null ? null : router.route(origin, t);
    }

    /** Seconds of the walk from target's snap to the target itself. */
    public double doorSeconds(int target) { return doorSeconds[target]; }
}
