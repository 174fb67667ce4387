package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.noding.snapround.SnapRoundingNoder;
import org.locationtech.jts.operation.overlayng.CoverageUnion;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Cuts a town into grids and units with no gap, no overlap and identical vertices along every shared edge.
 *
 * <p>Polygons built one by one never share vertices exactly once rounded to the storage grid, so the tiling is
 * built as one arrangement instead: the Voronoi edges of all grid seeds (pre-warp plane) are clipped a little
 * beyond the town, bent by the {@link Warp}, converted to lon/lat and, together with the town boundary, noded by
 * snap rounding at 1e-7°. Polygonizing that linework gives faces; each face is traced back through the inverse
 * warp to the seed whose Voronoi cell it lies in. A grid is the union of its faces, a unit the union of its
 * grids' faces, the town the union of all — unions of one exact coverage, so they are exact coverages too.
 */
final class Tiling {
    /** Voronoi edges run this far past the town boundary so they cross it robustly; the stubs are discarded. */
    private static final double OVERSHOOT_M = 2;

    /** Thrown when a random layout does not give one polygon per grid and unit; the caller retries. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private Tiling() {
    }

    static TownTiling build(Polygon town, List<Coordinate> seeds, int[] unitOfSeed, int unitCount, Warp warp,
                            LocalPlane plane, GeometryFactory metricGf, GeometryFactory gf) {
        List<SegmentString> lines = new ArrayList<>();
        Coordinate[] townRing = toGrid(TownShape.warpedRing(town.getExteriorRing().getCoordinates(), warp), plane);
        lines.add(new NodedSegmentString(townRing, null));
        Geometry clip = town.buffer(OVERSHOOT_M);
        for (Geometry piece : pieces(voronoiEdges(seeds, town, metricGf).intersection(clip))) {
            Coordinate[] c = toGrid(TownShape.warpedRing(piece.getCoordinates(), warp), plane);
            if (c.length >= 2) lines.add(new NodedSegmentString(c, null));
        }
        IndexedPointInAreaLocator inTown = new IndexedPointInAreaLocator(gf.createPolygon(townRing));
        return assemble(lines, seeds.size(), unitOfSeed, unitCount, gf, c -> {
            if (inTown.locate(c) != Location.INTERIOR) return -1;
            Coordinate m = plane.toMetric(c);
            double[] pre = warp.invert(m.x, m.y);
            return SeedLayout.nearest(seeds, new Coordinate(pre[0], pre[1]));
        });
    }

    /**
     * A tiling whose boundaries are given as lines in metres (the town outline among them): the lines are noded
     * and polygonized as above, and each face goes to {@code gridAt} of its interior point (metres; -1 = outside
     * the town).
     */
    static TownTiling fromLines(List<Coordinate[]> metricLines, int gridCount, int[] unitOfGrid, int unitCount,
                                LocalPlane plane, GeometryFactory gf, ToIntFunction<Coordinate> gridAt) {
        List<SegmentString> lines = new ArrayList<>();
        for (Coordinate[] line : metricLines) {
            Coordinate[] c = toGrid(line, plane);
            if (c.length >= 2) lines.add(new NodedSegmentString(c, null));
        }
        return assemble(lines, gridCount, unitOfGrid, unitCount, gf, c -> gridAt.applyAsInt(plane.toMetric(c)));
    }

    /**
     * Nodes the lines at 1e-7°, polygonizes them and unions the faces by {@code seedOf} (lon/lat of a face's
     * interior point → seed, or -1 for faces outside the town) into grids, units and the town.
     */
    private static TownTiling assemble(List<SegmentString> lines, int seedCount, int[] unitOfSeed, int unitCount,
                                       GeometryFactory gf, ToIntFunction<Coordinate> seedOf) {
        SnapRoundingNoder noder = new SnapRoundingNoder(Fixed7.PRECISION);
        noder.computeNodes(lines);
        Polygonizer polygonizer = new Polygonizer();
        for (Object o : noder.getNodedSubstrings()) {
            SegmentString s = (SegmentString) o;
            Coordinate[] c = CoordinateArrays.removeRepeatedPoints(s.getCoordinates());
            if (c.length >= 2) polygonizer.add(gf.createLineString(c));
        }
        List<Polygon> faces = new ArrayList<>();
        for (Object o : polygonizer.getPolygons()) {
            Polygon f = (Polygon) o;
            if (seedOf.applyAsInt(f.getInteriorPoint().getCoordinate()) >= 0) faces.add(f);
        }
        faces.sort(Comparator.comparingDouble((Polygon f) -> f.getEnvelopeInternal().getMinX())
                .thenComparingDouble(f -> f.getEnvelopeInternal().getMinY()).thenComparingDouble(Geometry::getArea));
        int[] seedOfFace = new int[faces.size()];
        for (int i = 0; i < faces.size(); i++) {
            seedOfFace[i] = seedOf.applyAsInt(faces.get(i).getInteriorPoint().getCoordinate());
        }
        mergeStrayFaces(faces, seedOfFace, seedCount);
        List<Polygon> grids = new ArrayList<>();
        for (int s = 0; s < seedCount; s++) grids.add(union(faces, seedOfFace, s, null, gf, "grid " + s));
        List<Polygon> units = new ArrayList<>();
        for (int u = 0; u < unitCount; u++) units.add(union(faces, seedOfFace, u, unitOfSeed, gf, "unit " + u));
        Polygon whole = union(faces, null, -1, null, gf, "town");
        return new TownTiling(whole, units, grids);
    }

    /** Unique Voronoi edges of the seeds, in a stable order. */
    private static Geometry voronoiEdges(List<Coordinate> seeds, Polygon town, GeometryFactory gf) {
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        vb.setSites(seeds);
        var env = town.getEnvelopeInternal().copy();
        env.expandBy(3000);
        vb.setClipEnvelope(env);
        Geometry cells = vb.getDiagram(gf);
        Map<List<Double>, LineString> edges = new LinkedHashMap<>();
        for (int i = 0; i < cells.getNumGeometries(); i++) {
            Coordinate[] r = ((Polygon) cells.getGeometryN(i)).getExteriorRing().getCoordinates();
            for (int j = 0; j + 1 < r.length; j++) {
                Coordinate a = r[j];
                Coordinate b = r[j + 1];
                if (a.equals2D(b)) continue;
                if (a.compareTo(b) > 0) {
                    Coordinate t = a;
                    a = b;
                    b = t;
                }
                edges.putIfAbsent(List.of(a.x, a.y, b.x, b.y), gf.createLineString(new Coordinate[] {a, b}));
            }
        }
        return gf.createMultiLineString(edges.values().toArray(new LineString[0]));
    }

    private static List<Geometry> pieces(Geometry g) {
        List<Geometry> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof LineString && !g.getGeometryN(i).isEmpty()) out.add(g.getGeometryN(i));
        }
        return out;
    }

    private static Coordinate[] toGrid(Coordinate[] metric, LocalPlane plane) {
        Coordinate[] out = new Coordinate[metric.length];
        for (int i = 0; i < metric.length; i++) out[i] = plane.toGrid(metric[i]);
        return CoordinateArrays.removeRepeatedPoints(out);
    }

    /**
     * Where a convex Voronoi cell meets a dent of the town boundary it can fall apart into pieces. Every piece
     * but the largest goes to the neighbouring grid it shares the longest edge with, so each grid is one polygon.
     */
    private static void mergeStrayFaces(List<Polygon> faces, int[] seedOfFace, int seedCount) {
        for (int round = 0; round < 5; round++) {
            int[] largest = new int[seedCount];
            java.util.Arrays.fill(largest, -1);
            for (int f = 0; f < faces.size(); f++) {
                int s = seedOfFace[f];
                if (largest[s] < 0 || faces.get(f).getArea() > faces.get(largest[s]).getArea()) largest[s] = f;
            }
            boolean changed = false;
            for (int f = 0; f < faces.size(); f++) {
                if (largest[seedOfFace[f]] == f) continue;
                Polygon face = faces.get(f);
                double bestLen = 0;
                int bestSeed = -1;
                for (int g = 0; g < faces.size(); g++) {
                    if (g == f || seedOfFace[g] == seedOfFace[f]) continue;
                    if (!faces.get(g).getEnvelopeInternal().intersects(face.getEnvelopeInternal())) continue;
                    double len = face.getBoundary().intersection(faces.get(g).getBoundary()).getLength();
                    if (len > bestLen) {
                        bestLen = len;
                        bestSeed = seedOfFace[g];
                    }
                }
                if (bestSeed >= 0) {
                    seedOfFace[f] = bestSeed;
                    changed = true;
                }
            }
            if (!changed) return;
        }
    }

    /** Union of the faces whose seed (or, with unitOfSeed, whose seed's unit) is {@code id}; -1 = all faces. */
    private static Polygon union(List<Polygon> faces, int[] seedOfFace, int id, int[] unitOfSeed,
                                 GeometryFactory gf, String what) {
        List<Geometry> mine = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            if (id < 0) {
                mine.add(faces.get(f));
            } else if ((unitOfSeed == null ? seedOfFace[f] : unitOfSeed[seedOfFace[f]]) == id) {
                mine.add(faces.get(f));
            }
        }
        if (mine.isEmpty()) throw new Failure(what + " has no area");
        Geometry u = CoverageUnion.union(gf.buildGeometry(mine));
        if (!(u instanceof Polygon p)) throw new Failure(what + " is not one polygon but " + u.getGeometryType());
        return rfc7946(p, gf);
    }

    /** Exterior ring counter-clockwise, holes clockwise, as RFC 7946 recommends. */
    static Polygon rfc7946(Polygon p, GeometryFactory gf) {
        LinearRing shell = oriented(p.getExteriorRing(), true, gf);
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) holes[i] = oriented(p.getInteriorRingN(i), false, gf);
        return gf.createPolygon(shell, holes);
    }

    /**
     * The ring in the wanted orientation, starting at its smallest vertex (by x, then y): overlay results may
     * start anywhere, and a canonical start keeps the written files byte-for-byte reproducible.
     */
    private static LinearRing oriented(LinearRing r, boolean ccw, GeometryFactory gf) {
        Coordinate[] c = r.getCoordinates().clone();
        if (Orientation.isCCW(c) != ccw) CoordinateArrays.reverse(c);
        Coordinate[] open = java.util.Arrays.copyOf(c, c.length - 1);
        Coordinate min = CoordinateArrays.minCoordinate(open);
        CoordinateArrays.scroll(open, min);
        Coordinate[] closed = java.util.Arrays.copyOf(open, open.length + 1);
        closed[open.length] = open[0].copy();
        return gf.createLinearRing(closed);
    }
}
