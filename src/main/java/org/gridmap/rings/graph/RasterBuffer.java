package org.gridmap.rings.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The union of round buffers around many polylines, computed on a raster instead of by vector overlay: JTS buffers
 * of a thousand-edge network take hundreds of milliseconds to seconds, a raster takes a few. Cells of a third of
 * the radius are filled when their centre lies within the radius of a line; cells touching only at a corner get one
 * neighbour filled so every outline is a simple ring; outlines are traced along cell sides (filled cells on the
 * left, so shells run counter-clockwise and holes clockwise) and simplified by half a cell. The result differs from
 * an exact buffer by at most about one cell (radius / 3).
 */
final class RasterBuffer {
    private static final long MAX_CELLS = 8_000_000;

    private final GeometryFactory gf;
    private final double cell, x0, y0;
    private final int nx, ny;
    private final BitSet filled;

    private RasterBuffer(GeometryFactory gf, double minX, double minY, double maxX, double maxY, double radius) {
        this.gf = gf;
        double c = radius / 3;
        double w = maxX - minX + 2 * radius + 4 * c, h = maxY - minY + 2 * radius + 4 * c;
        while ((w / c + 1) * (h / c + 1) > MAX_CELLS) c *= 1.25; // very large areas: coarser, not out of memory
        cell = c;
        x0 = minX - radius - 2 * c;
        y0 = minY - radius - 2 * c;
        nx = (int) Math.ceil((maxX - x0 + radius + 2 * c) / c);
        ny = (int) Math.ceil((maxY - y0 + radius + 2 * c) / c);
        filled = new BitSet(nx * ny);
    }

    /** @param lines metric polylines x,y,...; a single point stands for a disc */
    static Geometry buffer(List<double[]> lines, double radius, GeometryFactory gf) {
        if (lines.isEmpty()) return gf.createPolygon();
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (double[] l : lines)
            for (int i = 0; i < l.length; i += 2) {
                minX = Math.min(minX, l[i]); maxX = Math.max(maxX, l[i]);
                minY = Math.min(minY, l[i + 1]); maxY = Math.max(maxY, l[i + 1]);
            }
        RasterBuffer r = new RasterBuffer(gf, minX, minY, maxX, maxY, radius);
        for (double[] l : lines) {
            if (l.length == 2) r.mark(l[0], l[1], l[0], l[1], radius);
            for (int i = 2; i < l.length; i += 2) r.mark(l[i - 2], l[i - 1], l[i], l[i + 1], radius);
        }
        r.removeCornerContacts();
        return DouglasPeuckerSimplifier.simplify(r.polygons(), r.cell / 2);
    }

    private boolean at(int x, int y) {
        return x >= 0 && y >= 0 && x < nx && y < ny && filled.get(y * nx + x);
    }

    private void mark(double ax, double ay, double bx, double by, double radius) {
        int cx0 = Math.max(0, (int) Math.floor((Math.min(ax, bx) - radius - x0) / cell));
        int cx1 = Math.min(nx - 1, (int) Math.floor((Math.max(ax, bx) + radius - x0) / cell));
        int cy0 = Math.max(0, (int) Math.floor((Math.min(ay, by) - radius - y0) / cell));
        int cy1 = Math.min(ny - 1, (int) Math.floor((Math.max(ay, by) + radius - y0) / cell));
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, r2 = radius * radius;
        for (int y = cy0; y <= cy1; y++) {
            double py = y0 + (y + 0.5) * cell;
            for (int x = cx0; x <= cx1; x++) {
                double px = x0 + (x + 0.5) * cell;
                double t = len2 <= 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
                double ex = ax + t * dx - px, ey = ay + t * dy - py;
                if (ex * ex + ey * ey <= r2) filled.set(y * nx + x);
            }
        }
    }

    /** Fills one cell of every 2×2 block whose filled cells touch only diagonally, until none is left. */
    private void removeCornerContacts() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int y = 0; y + 1 < ny; y++) {
                for (int x = 0; x + 1 < nx; x++) {
                    boolean a = at(x, y), b = at(x + 1, y), c = at(x, y + 1), d = at(x + 1, y + 1);
                    if (a == d && b == c && a != b) {
                        filled.set(a ? y * nx + x + 1 : y * nx + x);
                        changed = true;
                    }
                }
            }
        }
    }

    private Geometry polygons() {
        int vx = nx + 1;
        int[] next = new int[vx * (ny + 1)];
        Arrays.fill(next, -1);
        for (int i = filled.nextSetBit(0); i >= 0; i = filled.nextSetBit(i + 1)) {
            int x = i % nx, y = i / nx;
            int v00 = y * vx + x, v10 = v00 + 1, v01 = v00 + vx, v11 = v01 + 1;
            if (!at(x, y - 1)) next[v00] = v10;
            if (!at(x + 1, y)) next[v10] = v11;
            if (!at(x, y + 1)) next[v11] = v01;
            if (!at(x - 1, y)) next[v01] = v00;
        }
        List<LinearRing> shells = new ArrayList<>(), holes = new ArrayList<>();
        IntList loop = new IntList(64);
        for (int start = 0; start < next.length; start++) {
            if (next[start] < 0) continue;
            loop.clear();
            for (int v = start; next[v] >= 0; ) {
                loop.add(v);
                int n = next[v];
                next[v] = -1;
                v = n;
            }
            List<Coordinate> ring = new ArrayList<>();
            int k = loop.size();
            for (int i = 0; i < k; i++) { // keep corners only: the direction changes there
                int prev = loop.get((i + k - 1) % k), v = loop.get(i), nxt = loop.get((i + 1) % k);
                if (v - prev != nxt - v) ring.add(new Coordinate(x0 + (v % vx) * cell, y0 + (v / vx) * cell));
            }
            ring.add(new Coordinate(ring.get(0)));
            LinearRing lr = gf.createLinearRing(ring.toArray(new Coordinate[0]));
            (Orientation.isCCW(lr.getCoordinates()) ? shells : holes).add(lr);
        }
        return assemble(shells, holes);
    }

    private Geometry assemble(List<LinearRing> shells, List<LinearRing> holes) {
        List<Polygon> shellPolys = new ArrayList<>();
        List<IndexedPointInAreaLocator> locators = new ArrayList<>();
        for (LinearRing s : shells) {
            Polygon p = gf.createPolygon(s);
            shellPolys.add(p);
            locators.add(new IndexedPointInAreaLocator(p));
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        for (int i = 0; i < shells.size(); i++) holesOf.add(new ArrayList<>());
        for (LinearRing h : holes) {
            Coordinate probe = h.getCoordinateN(0);
            int best = -1;
            double bestArea = Double.POSITIVE_INFINITY;
            for (int i = 0; i < shellPolys.size(); i++) {
                Polygon p = shellPolys.get(i);
                if (!p.getEnvelopeInternal().covers(h.getEnvelopeInternal())) continue;
                if (locators.get(i).locate(probe) != Location.INTERIOR) continue;
                double area = p.getArea();
                if (area < bestArea) { bestArea = area; best = i; }
            }
            if (best >= 0) holesOf.get(best).add(h);
        }
        Polygon[] out = new Polygon[shells.size()];
        for (int i = 0; i < out.length; i++)
            out[i] = gf.createPolygon(shells.get(i), holesOf.get(i).toArray(new LinearRing[0]));
        return out.length == 1 ? out[0] : gf.createMultiPolygon(out);
    }
}
