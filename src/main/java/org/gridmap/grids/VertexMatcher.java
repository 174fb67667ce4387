package org.gridmap.grids;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Keeps a coverage's edges matched vertex for vertex: where an edited grid has a vertex lying on a
 * neighbour's edge (a split's cut meets the border, a reshape ends mid-edge), the same vertex is inserted into
 * the neighbour's edge, so both share it exactly and coverage validation sees one edge, not two.
 */
final class VertexMatcher {
    /** A vertex this close to an edge (in degrees, ≈ 1 mm) lies on it. */
    static final double ON_EDGE = 1e-8;

    private VertexMatcher() { }

    /** The target with the vertices of {@code others} that lie on its edges inserted; the same object if none do. */
    static MultiPolygon insertVertices(MultiPolygon target, Collection<? extends Geometry> others) {
        List<Coordinate> candidates = new ArrayList<>();
        Envelope env = new Envelope(target.getEnvelopeInternal());
        env.expandBy(ON_EDGE);
        for (Geometry o : others) {
            if (o == target || !o.getEnvelopeInternal().intersects(env)) continue;
            for (Coordinate c : o.getCoordinates()) if (env.contains(c)) candidates.add(c);
        }
        if (candidates.isEmpty()) return target;
        boolean changed = false;
        Polygon[] polys = new Polygon[target.getNumGeometries()];
        for (int i = 0; i < polys.length; i++) {
            Polygon p = (Polygon) target.getGeometryN(i);
            LinearRing shell = ring(p.getExteriorRing(), candidates);
            LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) holes[h] = ring(p.getInteriorRingN(h), candidates);
            changed |= shell != p.getExteriorRing();
            for (int h = 0; h < holes.length; h++) changed |= holes[h] != p.getInteriorRingN(h);
            polys[i] = GeoJsonGeometry.GF.createPolygon(shell, holes);
        }
        return changed ? GeoJsonGeometry.GF.createMultiPolygon(polys) : target;
    }

    private static LinearRing ring(LinearRing r, List<Coordinate> candidates) {
        Coordinate[] cs = r.getCoordinates();
        List<Coordinate> out = new ArrayList<>(cs.length + 4);
        boolean changed = false;
        for (int i = 0; i + 1 < cs.length; i++) {
            Coordinate a = cs[i], b = cs[i + 1];
            out.add(a);
            List<Coordinate> on = new ArrayList<>();
            for (Coordinate c : candidates) {
                if (c.equals2D(a) || c.equals2D(b)) continue;
                if (Math.min(a.x, b.x) - ON_EDGE > c.x || Math.max(a.x, b.x) + ON_EDGE < c.x
                        || Math.min(a.y, b.y) - ON_EDGE > c.y || Math.max(a.y, b.y) + ON_EDGE < c.y) continue;
                if (Distance.pointToSegment(c, a, b) < ON_EDGE && on.stream().noneMatch(c::equals2D)) on.add(c);
            }
            if (!on.isEmpty()) {
                on.sort(Comparator.comparingDouble(c -> c.distance(a)));
                out.addAll(on);
                changed = true;
            }
        }
        out.add(cs[cs.length - 1]);
        return changed ? GeoJsonGeometry.GF.createLinearRing(out.toArray(Coordinate[]::new)) : r;
    }
}
