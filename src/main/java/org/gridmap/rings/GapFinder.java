package org.gridmap.rings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPoint;

/**
 * Gap areas: households beyond the ring-4 promise, grouped into clusters of neighbours (single linkage within
 * {@code linkMeters}, found with a hash grid and union–find), each drawn as the hull of its households.
 */
public final class GapFinder {
    public record Gap(int households, long people, double worstSeconds, double meanSeconds, Geometry area, int[] members) { }

    private GapFinder() { }

    public static List<Gap> find(RingNetwork net, double linkMeters, int minHouseholds) {
        TownModel t = net.town;
        double limit = net.policy.ring(4).limitSeconds();
        List<Integer> late = new ArrayList<>();
        for (int i = 0; i < t.householdCount(); i++) if (net.householdSeconds(i) > limit) late.add(i);
        int n = late.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        double cellDeg = linkMeters / Circles.METERS_PER_DEGREE;
        Map<Long, List<Integer>> cells = new HashMap<>();
        for (int k = 0; k < n; k++) {
            int i = late.get(k);
            cells.computeIfAbsent(cell(t.householdLon[i], t.householdLat[i], cellDeg), c -> new ArrayList<>()).add(k);
        }
        for (int k = 0; k < n; k++) {
            int i = late.get(k);
            long cx = (long) Math.floor(t.householdLon[i] / cellDeg), cy = (long) Math.floor(t.householdLat[i] / cellDeg);
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    List<Integer> near = cells.get(key(cx + dx, cy + dy));
                    if (near == null) continue;
                    for (int m : near) {
                        if (m <= k) continue;
                        int j = late.get(m);
                        if (Circles.meters(t.householdLon[i], t.householdLat[i], t.householdLon[j], t.householdLat[j]) <= linkMeters) {
                            union(parent, k, m);
                        }
                    }
                }
            }
        }
        Map<Integer, List<Integer>> clusters = new HashMap<>();
        for (int k = 0; k < n; k++) clusters.computeIfAbsent(find(parent, k), r -> new ArrayList<>()).add(late.get(k));
        GeometryFactory gf = new GeometryFactory();
        List<Gap> gaps = new ArrayList<>();
        for (List<Integer> members : clusters.values()) {
            if (members.size() < minHouseholds) continue;
            Coordinate[] cs = new Coordinate[members.size()];
            long people = 0;
            double worst = 0, sum = 0;
            for (int k = 0; k < cs.length; k++) {
                int i = members.get(k);
                cs[k] = new Coordinate(t.householdLon[i], t.householdLat[i]);
                people += t.householdMembers.get(i);
                double s = net.householdSeconds(i);
                worst = Math.max(worst, s);
                sum += Double.isFinite(s) ? s : 0;
            }
            MultiPoint mp = gf.createMultiPointFromCoords(cs);
            // a 25 m margin so a hamlet of two houses still shows as an area
            Geometry area = mp.convexHull().buffer(25 / Circles.METERS_PER_DEGREE, 4);
            gaps.add(new Gap(members.size(), people, worst, sum / members.size(), area,
                    members.stream().mapToInt(Integer::intValue).toArray()));
        }
        gaps.sort((a, b) -> Integer.compare(b.households(), a.households()));
        return gaps;
    }

    private static long cell(double lon, double lat, double size) {
        return key((long) Math.floor(lon / size), (long) Math.floor(lat / size));
    }

    private static long key(long x, long y) { return x * 73_856_093L ^ y * 19_349_663L; }

    private static int find(int[] p, int x) {
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra != rb) p[ra] = rb;
    }
}
