package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Puts households along the lanes of their hamlets, a few to a few dozen metres off the lane, each nearer to
 * its own hamlet's lanes than to any other road where possible (so that a household's walk starts in its own
 * hamlet, as the hamlet's distance to its service point was designed).
 */
final class Settlements {
    /** Share of households by member count 1..6 (rural Chongqing: many elderly couples, few large households). */
    private static final double[] MEMBERS = {0.15, 0.29, 0.26, 0.16, 0.09, 0.05};
    private static final double MAX_OFFSET = 30;

    private Settlements() {
    }

    /**
     * @param total  households in the town
     * @param remoteWanted how many of them live in the remote hamlets (shared among those, with some variation)
     */
    static List<Household> place(List<Hamlet> hamlets, int total, int remoteWanted, RoadDraft draft,
                                 Polygon townMetric, LocalPlane plane, Rng rng, GeometryFactory gf) {
        IndexedPointInAreaLocator inTown = new IndexedPointInAreaLocator(townMetric);
        IndexedFacetDistance rim = new IndexedFacetDistance(townMetric.getExteriorRing());
        List<Hamlet> near = new ArrayList<>();
        List<Hamlet> remote = new ArrayList<>();
        for (Hamlet h : hamlets) (h.remote() ? remote : near).add(h);
        double[] rw = new double[remote.size()];
        for (int i = 0; i < rw.length; i++) rw[i] = rng.range(0.6, 1.4);
        int remoteTotal = remote.isEmpty() ? 0 : Math.max(remoteWanted, 8 * rw.length);
        int[] remoteCounts = remote.isEmpty() ? new int[0] : SeedLayout.apportion(rw, remoteTotal, 8);
        double[] w = new double[near.size()];
        for (int i = 0; i < w.length; i++) w[i] = near.get(i).weight();
        int[] nearCounts = SeedLayout.apportion(w, Math.max(total - remoteTotal, 5 * w.length), 5);
        List<Household> out = new ArrayList<>(total);
        int ni = 0;
        int ri = 0;
        for (Hamlet h : hamlets) {
            int n = h.remote() ? remoteCounts[ri++] : nearCounts[ni++];
            for (int k = 0; k < n; k++) {
                Coordinate c = spot(h, draft, inTown, rim, rng, gf);
                out.add(new Household(c, plane.toGrid(c), members(rng)));
            }
        }
        return out;
    }

    private static Coordinate spot(Hamlet h, RoadDraft draft, IndexedPointInAreaLocator inTown,
                                   IndexedFacetDistance rim, Rng rng, GeometryFactory gf) {
        Coordinate fallback = null;
        for (int attempt = 0; attempt < 12; attempt++) {
            double[][] lane = pickLane(h, rng);
            double[] at = alongLane(lane, rng.range(0.1, 1.0));
            double off = (rng.chance(0.5) ? 1 : -1) * rng.range(6, MAX_OFFSET);
            Coordinate c = new Coordinate(at[0] - at[3] * off, at[1] + at[2] * off);
            if (inTown.locate(c) != Location.INTERIOR || rim.distance(gf.createPoint(c)) < 5) continue;
            if (fallback == null) fallback = c;
            RoadDraft.Attach nearest = draft.nearest(c.x, c.y, MAX_OFFSET + 10, e -> true);
            if (nearest != null && draft.group(nearest.edge()) == h.group()) return c;
        }
        if (fallback != null) return fallback;
        double[] start = h.lanes().get(0)[0];
        return new Coordinate(start[0] + rng.range(-5, 5), start[1] + rng.range(-5, 5));
    }

    private static double[][] pickLane(Hamlet h, Rng rng) {
        double total = 0;
        for (double[][] l : h.lanes()) total += length(l);
        double r = rng.range(0, total);
        for (double[][] l : h.lanes()) {
            r -= length(l);
            if (r <= 0) return l;
        }
        return h.lanes().get(h.lanes().size() - 1);
    }

    /** Point at fraction f of the lane's length, with the unit direction there: {x, y, ux, uy}. */
    private static double[] alongLane(double[][] lane, double f) {
        double target = f * length(lane);
        for (int i = 0; i + 1 < lane.length; i++) {
            double dx = lane[i + 1][0] - lane[i][0];
            double dy = lane[i + 1][1] - lane[i][1];
            double len = Math.hypot(dx, dy);
            if (len == 0) continue;
            if (target <= len || i + 2 == lane.length) {
                double t = Math.min(1, target / len);
                return new double[] {lane[i][0] + dx * t, lane[i][1] + dy * t, dx / len, dy / len};
            }
            target -= len;
        }
        return new double[] {lane[0][0], lane[0][1], 1, 0};
    }

    private static double length(double[][] lane) {
        double s = 0;
        for (int i = 0; i + 1 < lane.length; i++) s += Math.hypot(lane[i + 1][0] - lane[i][0], lane[i + 1][1] - lane[i][1]);
        return s;
    }

    private static int members(Rng rng) {
        double r = rng.nextDouble();
        for (int i = 0; i < MEMBERS.length; i++) {
            r -= MEMBERS[i];
            if (r < 0) return i + 1;
        }
        return MEMBERS.length;
    }
}
