package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;

/**
 * Main roads between neighbouring towns of a city.
 *
 * <p>Town A and its east neighbour B are joined by a straight road from A's easternmost road vertex to B's
 * westernmost one (which {@link RoadAssembler} made line endpoints); south neighbours likewise from A's
 * southernmost to B's northernmost. Every road of A lies west of the start and every road of B east of the
 * end, and all other towns lie in other lattice cells, so the link touches the network only at its two ends.
 * Links are also checked against each other; a link that would cross an earlier one is left out when the town
 * has another link, so the city stays connected and noded.
 */
final class CityLinks {
    private final int side;
    private final Coordinate[][] extremes; // per town: east, west, north, south
    private final List<Coordinate[]> links = new ArrayList<>();

    /** A link road from town {@code from} to town {@code to}. */
    record Link(int from, int to, Coordinate[] ends) {
    }

    CityLinks(int towns, int side) {
        this.side = side;
        this.extremes = new Coordinate[towns][];
    }

    /** Records town i's outermost endpoints and returns its links to the west and north neighbours. */
    List<Link> add(int i, RoadAssembler.Network n) {
        extremes[i] = new Coordinate[] {n.east(), n.west(), n.north(), n.south()};
        List<Link> candidates = new ArrayList<>();
        if (i % side > 0) candidates.add(new Link(i - 1, i, new Coordinate[] {extremes[i - 1][0], n.west()}));
        if (i >= side) candidates.add(new Link(i - side, i, new Coordinate[] {extremes[i - side][3], n.north()}));
        List<Link> out = new ArrayList<>();
        for (Link c : candidates) {
            boolean last = out.isEmpty() && c == candidates.get(candidates.size() - 1);
            if (crossesEarlier(c.ends()) && !last) continue;
            if (crossesEarlier(c.ends())) throw new IllegalStateException("no crossing-free link for town " + i);
            links.add(c.ends());
            out.add(c);
        }
        return out;
    }

    private boolean crossesEarlier(Coordinate[] link) {
        RobustLineIntersector li = new RobustLineIntersector();
        for (Coordinate[] o : links) {
            li.computeIntersection(link[0], link[1], o[0], o[1]);
            if (!li.hasIntersection()) continue;
            for (int k = 0; k < li.getIntersectionNum(); k++) {
                Coordinate x = li.getIntersection(k);
                boolean sharedEnd = (x.equals2D(link[0]) || x.equals2D(link[1])) && (x.equals2D(o[0]) || x.equals2D(o[1]));
                if (!sharedEnd || li.getIntersectionNum() == 2) return true;
            }
        }
        return false;
    }
}
