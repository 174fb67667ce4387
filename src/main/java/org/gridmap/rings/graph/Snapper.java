package org.gridmap.rings.graph;

import java.util.BitSet;

/**
 * Nearest open edge to a location, from a uniform grid of cells (in the graph's metric frame) listing the edge
 * segments that cross them: a query scans rings of cells outward and stops once no nearer segment can exist.
 * Closures are honoured at query time. Edges whose geometry changed after this index was built are skipped in the
 * grid and checked one by one instead, so the answer stays right; rebuild when {@link #staleEdges()} grows large.
 */
public final class Snapper {
    private final RoadGraph g;
    private final LocalProjection p;
    private final int builtAtGeometry;
    private final int[] segEdge, segIndex;
    private final double minX, minY, cell;
    private final int nx, ny;
    private final int[] cellStart, cellSeg;
    private volatile Dirty dirty;

    private record Dirty(int upTo, BitSet edges, int[] list) { }

    public Snapper(RoadGraph g) {
        this.g = g;
        this.p = g.projection();
        this.builtAtGeometry = g.geometryVersion();
        int m = g.edgeCount();
        long segments = 0;
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < m; e++) {
            double[] c = EdgeGeometry.coords(g, e);
            segments += c.length / 2 - 1;
            for (int i = 0; i < c.length; i += 2) {
                double x = p.x(c[i]), y = p.y(c[i + 1]);
                x0 = Math.min(x0, x); x1 = Math.max(x1, x);
                y0 = Math.min(y0, y); y1 = Math.max(y1, y);
            }
        }
        if (segments > Integer.MAX_VALUE / 4) throw new IllegalStateException("too many segments");
        int s = (int) segments;
        segEdge = new int[s];
        segIndex = new int[s];
        for (int e = 0, k = 0; e < m; e++) {
            int n = g.shapes().pointsIn(g.shapes().arrayOf(e), e) + 1;
            for (int j = 0; j < n; j++, k++) { segEdge[k] = e; segIndex[k] = j; }
        }
        if (s == 0) { x0 = y0 = 0; x1 = y1 = 1; }
        double w = Math.max(1, x1 - x0), h = Math.max(1, y1 - y0);
        // about two cells per segment keeps a cell's list short while long roads still cross only a few cells
        double cs = Math.max(5, Math.sqrt(w * h / Math.max(1, s / 2.0)));
        while ((w / cs + 1) * (h / cs + 1) > 4.0 * s + 1024) cs *= 1.5;
        cell = cs;
        minX = x0;
        minY = y0;
        nx = (int) (w / cs) + 1;
        ny = (int) (h / cs) + 1;
        cellStart = new int[nx * ny + 1];
        forEachCell(null);
        for (int i = 0; i < nx * ny; i++) cellStart[i + 1] += cellStart[i];
        cellSeg = new int[cellStart[nx * ny]];
        forEachCell(new int[nx * ny]);
    }

    /** Nearest open edge within maxDistanceMeters, or null. */
    public Snap snap(double lon, double lat, double maxDistanceMeters) {
        return snap(lon, lat, maxDistanceMeters, null);
    }

    /** As {@link #snap(double, double, double)}, also skipping edges that mode cannot use in either direction. */
    public Snap snap(double lon, double lat, double maxDistanceMeters, TravelMode mode) {
        g.observeEdits();
        EdgeCosts costs = mode == null ? null : g.costs(mode);
        Dirty d = dirtyEdges();
        LocalProjection q = LocalProjection.around(lon, lat);
        double ratio = Math.min(1, q.kx() / p.kx()); // local distance >= ratio × grid-frame distance
        double qx = p.x(lon), qy = p.y(lat);
        long cx = (long) Math.floor((qx - minX) / cell), cy = (long) Math.floor((qy - minY) / cell);
        Best best = new Best(maxDistanceMeters);
        // rings of cells around the query's cell; rings wholly outside the grid are skipped
        long first = Math.max(0, Math.max(Math.max(-cx, cx - (nx - 1)), Math.max(-cy, cy - (ny - 1))));
        for (long r = first; segEdge.length > 0; r++) {
            if (r > 0) {
                // every cell not yet scanned lies outside the block of rings 0..r-1
                double inner = Math.min(Math.min(qx - (minX + (cx - r + 1) * cell), minX + (cx + r) * cell - qx),
                        Math.min(qy - (minY + (cy - r + 1) * cell), minY + (cy + r) * cell - qy));
                if (ratio * inner > best.dist) break;
                if (cx - r + 1 <= 0 && cx + r - 1 >= nx - 1 && cy - r + 1 <= 0 && cy + r - 1 >= ny - 1) break;
            }
            scanRing(cx, cy, r, q, lon, lat, costs, d, best);
        }
        if (d != null)
            for (int e : d.list) if (usable(e, costs)) scanEdge(e, q, lon, lat, best);
        if (best.edge < 0) return null;
        double[] c = EdgeGeometry.coords(g, best.edge);
        int j = best.segment;
        double sl = c[2 * j] + best.t * (c[2 * j + 2] - c[2 * j]);
        double sa = c[2 * j + 1] + best.t * (c[2 * j + 3] - c[2 * j + 1]);
        return new Snap(best.edge, EdgeGeometry.fraction(p, c, j, best.t), sl, sa, best.dist);
    }

    /**
     * Every edge that may have a segment inside the box (lon/lat): those listed in the grid cells the box covers, and
     * those whose geometry changed since the index was built. A superset (an edge may come twice, or lie just outside):
     * the caller tests each edge itself. Closed and boundary edges are included.
     */
    public void forEachEdgeNear(double minLon, double minLat, double maxLon, double maxLat, java.util.function.IntConsumer out) {
        Dirty d = dirtyEdges();
        if (segEdge.length > 0) {
            int x0 = clampX((int) Math.floor((p.x(minLon) - minX) / cell)), x1 = clampX((int) Math.floor((p.x(maxLon) - minX) / cell));
            int y0 = clampY((int) Math.floor((p.y(minLat) - minY) / cell)), y1 = clampY((int) Math.floor((p.y(maxLat) - minY) / cell));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int id = y * nx + x;
                    for (int i = cellStart[id], end = cellStart[id + 1]; i < end; i++) {
                        int e = segEdge[cellSeg[i]];
                        if (d == null || !d.edges.get(e)) out.accept(e);
                    }
                }
            }
        }
        if (d != null) for (int e : d.list) out.accept(e);
    }

    /** Edges whose geometry changed since this index was built (checked without the grid). */
    public int staleEdges() {
        Dirty d = dirtyEdges();
        return d == null ? 0 : d.list.length;
    }

    private static final class Best {
        double dist, t;
        int edge = -1, segment;
        Best(double max) { dist = max; }
    }

    private void scanRing(long cx, long cy, long r, LocalProjection q, double lon, double lat, EdgeCosts costs, Dirty d, Best best) {
        int y0 = (int) Math.max(0, cy - r), y1 = (int) Math.min(ny - 1, cy + r);
        int x0 = (int) Math.max(0, cx - r), x1 = (int) Math.min(nx - 1, cx + r);
        for (int y = y0; y <= y1; y++) {
            if (y == cy - r || y == cy + r) {
                for (int x = x0; x <= x1; x++) scanCell(y * nx + x, q, lon, lat, costs, d, best);
            } else {
                if (cx - r >= 0) scanCell(y * nx + (int) (cx - r), q, lon, lat, costs, d, best);
                if (cx + r < nx) scanCell(y * nx + (int) (cx + r), q, lon, lat, costs, d, best);
            }
        }
    }

    private void scanCell(int cellId, LocalProjection q, double lon, double lat, EdgeCosts costs, Dirty d, Best best) {
        EdgeShapes shapes = g.shapes();
        for (int i = cellStart[cellId], end = cellStart[cellId + 1]; i < end; i++) {
            int s = cellSeg[i], e = segEdge[s];
            if (d != null && d.edges.get(e)) continue;
            if (!usable(e, costs)) continue;
            double[] arr = shapes.arrayOf(e);
            int j = segIndex[s];
            if (j > shapes.pointsIn(arr, e)) continue;
            consider(e, j, arr, q, lon, lat, best);
        }
    }

    private void scanEdge(int e, LocalProjection q, double lon, double lat, Best best) {
        double[] arr = g.shapes().arrayOf(e);
        int n = g.shapes().pointsIn(arr, e) + 1;
        for (int j = 0; j < n; j++) consider(e, j, arr, q, lon, lat, best);
    }

    private boolean usable(int e, EdgeCosts costs) {
        if (!g.isPassable(e)) return false;
        return costs == null || costs.seconds(e, false) != Double.POSITIVE_INFINITY
                || costs.seconds(e, true) != Double.POSITIVE_INFINITY;
    }

    private void consider(int e, int j, double[] arr, LocalProjection q, double lon, double lat, Best best) {
        double ax = q.x(vertexLon(e, j, arr)), ay = q.y(vertexLat(e, j, arr));
        double bx = q.x(vertexLon(e, j + 1, arr)), by = q.y(vertexLat(e, j + 1, arr));
        double qx = q.x(lon), qy = q.y(lat);
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        double t = len2 <= 0 ? 0 : Math.max(0, Math.min(1, ((qx - ax) * dx + (qy - ay) * dy) / len2));
        double dist = Math.hypot(ax + t * dx - qx, ay + t * dy - qy);
        if (dist < best.dist || (best.edge < 0 && dist <= best.dist)) {
            best.dist = dist;
            best.edge = e;
            best.segment = j;
            best.t = t;
        }
    }

    private double vertexLon(int e, int j, double[] arr) {
        int k = g.shapes().pointsIn(arr, e);
        if (j == 0) return g.nodeLon(g.edgeFrom(e));
        if (j == k + 1) return g.nodeLon(g.edgeTo(e));
        return arr[g.shapes().offsetIn(arr, e) + 2 * (j - 1)];
    }

    private double vertexLat(int e, int j, double[] arr) {
        int k = g.shapes().pointsIn(arr, e);
        if (j == 0) return g.nodeLat(g.edgeFrom(e));
        if (j == k + 1) return g.nodeLat(g.edgeTo(e));
        return arr[g.shapes().offsetIn(arr, e) + 2 * (j - 1) + 1];
    }

    private Dirty dirtyEdges() {
        int now = g.geometryVersion();
        if (now == builtAtGeometry) return null;
        Dirty d = dirty;
        if (d != null && d.upTo == now) return d;
        int[] list = g.geometryChangedSince(builtAtGeometry);
        BitSet set = new BitSet(g.edgeCount());
        for (int e : list) set.set(e);
        int[] unique = set.stream().toArray();
        d = new Dirty(builtAtGeometry + list.length, set, unique);
        dirty = d;
        return d;
    }

    /** Counts (fill == null) or records every segment in the cells its line crosses, row by row. */
    private void forEachCell(int[] fill) {
        for (int s = 0; s < segEdge.length; s++) {
            int e = segEdge[s], j = segIndex[s];
            double[] arr = g.shapes().arrayOf(e);
            double ax = p.x(vertexLon(e, j, arr)) - minX, ay = p.y(vertexLat(e, j, arr)) - minY;
            double bx = p.x(vertexLon(e, j + 1, arr)) - minX, by = p.y(vertexLat(e, j + 1, arr)) - minY;
            int r0 = clampY((int) Math.floor(Math.min(ay, by) / cell)), r1 = clampY((int) Math.floor(Math.max(ay, by) / cell));
            for (int row = r0; row <= r1; row++) {
                double xa, xb;
                if (ay == by) { xa = ax; xb = bx; } else {
                    double ylo = Math.max(Math.min(ay, by), row * cell), yhi = Math.min(Math.max(ay, by), (row + 1) * cell);
                    xa = ax + (ylo - ay) / (by - ay) * (bx - ax);
                    xb = ax + (yhi - ay) / (by - ay) * (bx - ax);
                }
                int c0 = clampX((int) Math.floor(Math.min(xa, xb) / cell)), c1 = clampX((int) Math.floor(Math.max(xa, xb) / cell));
                for (int col = c0; col <= c1; col++) {
                    int id = row * nx + col;
                    if (fill == null) cellStart[id + 1]++; else cellSeg[cellStart[id] + fill[id]++] = s;
                }
            }
        }
    }

    private int clampX(int c) { return Math.max(0, Math.min(nx - 1, c)); }
    private int clampY(int c) { return Math.max(0, Math.min(ny - 1, c)); }
}
