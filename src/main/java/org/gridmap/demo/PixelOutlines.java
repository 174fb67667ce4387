package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Turns a labelled {@link PixelGrid} into boundary lines: the pixel edges between different labels, chained from
 * junction to junction, simplified together (so no two chains are made to cross) and rounded off by corner
 * cutting — the staircase of the raster becomes a drawn line, and neighbours share each chain exactly.
 */
final class PixelOutlines {
    private PixelOutlines() {
    }

    /** Chains in metres; label -1 is outside. Every chain ends at junctions (or is a closed loop). */
    static List<Coordinate[]> chains(PixelGrid g, int[] label, GeometryFactory gf) {
        int cw = g.nx + 1;
        int corners = cw * (g.ny + 1);
        // Up to 4 segments per corner: 0 east, 1 west, 2 north, 3 south; true where a boundary runs.
        boolean[][] seg = new boolean[4][corners];
        for (int j = 0; j < g.ny; j++) {
            for (int i = 0; i <= g.nx; i++) {
                if (lab(g, label, i - 1, j) != lab(g, label, i, j)) link(seg, cw, i, j, 2); // vertical edge at x=i
            }
        }
        for (int j = 0; j <= g.ny; j++) {
            for (int i = 0; i < g.nx; i++) {
                if (lab(g, label, i, j - 1) != lab(g, label, i, j)) link(seg, cw, i, j, 0); // horizontal at y=j
            }
        }
        boolean[] junction = new boolean[corners];
        for (int c = 0; c < corners; c++) junction[c] = degree(seg, c) > 2;
        List<List<Integer>> raw = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < corners; c++) {
                if (pass == 0 && !junction[c]) continue;
                for (int d = 0; d < 4; d++) {
                    if (seg[d][c]) raw.add(walk(seg, junction, cw, c, d));
                }
            }
        }
        List<LineString> lines = new ArrayList<>();
        for (List<Integer> chain : raw) {
            Coordinate[] c = new Coordinate[chain.size()];
            for (int k = 0; k < c.length; k++) {
                int id = chain.get(k);
                c[k] = new Coordinate(g.x0 + (id % cw) * g.h, g.y0 + (id / cw) * g.h);
            }
            lines.add(gf.createLineString(c));
        }
        Geometry simple = TopologyPreservingSimplifier.simplify(
                gf.createMultiLineString(lines.toArray(new LineString[0])), 0.8 * g.h);
        List<Coordinate[]> out = new ArrayList<>();
        for (int k = 0; k < simple.getNumGeometries(); k++) {
            out.add(chaikin(chaikin(simple.getGeometryN(k).getCoordinates())));
        }
        return out;
    }

    private static int lab(PixelGrid g, int[] label, int i, int j) {
        return i < 0 || j < 0 || i >= g.nx || j >= g.ny ? -1 : label[j * g.nx + i];
    }

    /** Marks the unit segment from corner (i, j) in direction d (0 east, 2 north) at both of its ends. */
    private static void link(boolean[][] seg, int cw, int i, int j, int d) {
        int a = j * cw + i;
        int b = d == 0 ? a + 1 : a + cw;
        seg[d][a] = true;
        seg[d + 1][b] = true;
    }

    private static int degree(boolean[][] seg, int c) {
        int n = 0;
        for (int d = 0; d < 4; d++) if (seg[d][c]) n++;
        return n;
    }

    private static int step(int cw, int c, int d) {
        return switch (d) {
            case 0 -> c + 1;
            case 1 -> c - 1;
            case 2 -> c + cw;
            default -> c - cw;
        };
    }

    /** Follows unused segments from corner c leaving in direction d until a junction (or back to c). */
    private static List<Integer> walk(boolean[][] seg, boolean[] junction, int cw, int start, int d) {
        List<Integer> out = new ArrayList<>();
        out.add(start);
        int c = start;
        while (true) {
            int next = step(cw, c, d);
            seg[d][c] = false;
            seg[d ^ 1][next] = false;
            out.add(next);
            c = next;
            if (c == start || junction[c]) break;
            int nd = -1;
            for (int k = 0; k < 4; k++) if (seg[k][c]) nd = k;
            d = nd;
        }
        return out;
    }

    /** One round of Chaikin's corner cutting; the ends stay where they are. */
    private static Coordinate[] chaikin(Coordinate[] c) {
        if (c.length < 3) return c;
        List<Coordinate> out = new ArrayList<>();
        out.add(c[0]);
        for (int k = 0; k + 1 < c.length; k++) {
            Coordinate a = c[k];
            Coordinate b = c[k + 1];
            if (k > 0) out.add(new Coordinate(0.75 * a.x + 0.25 * b.x, 0.75 * a.y + 0.25 * b.y));
            if (k + 2 < c.length) out.add(new Coordinate(0.25 * a.x + 0.75 * b.x, 0.25 * a.y + 0.75 * b.y));
        }
        out.add(c[c.length - 1]);
        return out.toArray(new Coordinate[0]);
    }
}
