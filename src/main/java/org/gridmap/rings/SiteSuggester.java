package org.gridmap.rings;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.gridmap.rings.graph.Reach;
import org.gridmap.rings.graph.Snap;

/**
 * Where new service points would bring the most households within the ring-4 promise (location–allocation,
 * maximum coverage). Every household beyond the promise searches the network around itself once; a road node
 * it reaches in time is a site that would cover it (walking is symmetric). Then lazy greedy: take the site
 * covering most still-uncovered households, repeat — within (1 − 1/e) of the optimum, and exact for one site.
 */
public final class SiteSuggester {
    public record Site(int node, double lon, double lat, int households, long people, int[] householdIndexes) { }

    private SiteSuggester() { }

    public static List<Site> suggest(RingNetwork net, int count) {
        TownModel t = net.town;
        RingPolicy.Ring ring4 = net.policy.ring(4);
        double limit = ring4.limitSeconds();
        double kmh = net.policy.baseKmh(ring4);
        List<Integer> late = new ArrayList<>();
        for (int i = 0; i < t.householdCount(); i++) if (net.householdSeconds(i) > limit) late.add(i);
        // node → households it would cover (indexes into `late`)
        Map<Integer, List<Integer>> covers = new HashMap<>();
        for (int k = 0; k < late.size(); k++) {
            int i = late.get(k);
            Snap s = net.snapper.snap(t.householdLon[i], t.householdLat[i], net.policy.maxSnapMeters(), net.policy.mode(ring4));
            if (s == null) continue;
            double budget = limit - RingNetwork.offNetwork(s, kmh);
            if (budget <= 0) continue;
            Reach r = net.walkRouter.reach(s, budget);
            for (int node : r.nodes()) covers.computeIfAbsent(node, x -> new ArrayList<>()).add(k);
        }
        BitSet covered = new BitSet(late.size());
        // lazy greedy: a site's gain only shrinks, so a stale top entry is re-scored and pushed back
        PriorityQueue<int[]> queue = new PriorityQueue<>((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[0], b[0]));
        covers.forEach((node, list) -> queue.add(new int[] {node, list.size()}));
        List<Site> sites = new ArrayList<>();
        while (sites.size() < count && !queue.isEmpty()) {
            int[] top = queue.poll();
            int gain = 0;
            for (int k : covers.get(top[0])) if (!covered.get(k)) gain++;
            if (gain == 0) continue;
            if (!queue.isEmpty() && gain < queue.peek()[1]) {
                queue.add(new int[] {top[0], gain});
                continue;
            }
            List<Integer> newly = new ArrayList<>();
            long people = 0;
            for (int k : covers.get(top[0])) {
                if (!covered.get(k)) {
                    covered.set(k);
                    newly.add(late.get(k));
                    people += t.householdMembers.get(late.get(k));
                }
            }
            sites.add(new Site(top[0], net.graph.nodeLon(top[0]), net.graph.nodeLat(top[0]), newly.size(), people,
                    newly.stream().mapToInt(Integer::intValue).toArray()));
        }
        return sites;
    }
}
