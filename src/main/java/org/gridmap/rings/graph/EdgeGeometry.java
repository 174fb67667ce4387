package org.gridmap.rings.graph;

/**
 * Polyline arithmetic on one edge. Fractions along an edge are measured by length in the graph's metric frame, so
 * "fraction f" means the same point to the snapper, the router and the isochrone; its cost share is f × the edge's
 * cost, its metres f × the edge's stored length.
 */
final class EdgeGeometry {
    private EdgeGeometry() { }

    /** Vertex lon/lat of edge e as x0,y0,x1,y1,... including both end nodes. */
    static double[] coords(RoadGraph g, int e) {
        EdgeShapes s = g.shapes();
        double[] arr = s.arrayOf(e);
        int off = s.offsetIn(arr, e), k = s.pointsIn(arr, e);
        double[] c = new double[2 * (k + 2)];
        int a = g.edgeFrom(e), b = g.edgeTo(e);
        c[0] = g.nodeLon(a);
        c[1] = g.nodeLat(a);
        System.arraycopy(arr, off, c, 2, 2 * k);
        c[c.length - 2] = g.nodeLon(b);
        c[c.length - 1] = g.nodeLat(b);
        return c;
    }

    /** Cumulative metric length at every vertex; the last value is the edge's geometric length. */
    static double[] cumulative(LocalProjection p, double[] c) {
        int n = c.length / 2;
        double[] cum = new double[n];
        for (int i = 1; i < n; i++)
            cum[i] = cum[i - 1] + p.meters(c[2 * i - 2], c[2 * i - 1], c[2 * i], c[2 * i + 1]);
        return cum;
    }

    /** The fraction of the point at parameter t of segment j (vertex j → j+1). */
    static double fraction(LocalProjection p, double[] c, int j, double t) {
        double[] cum = cumulative(p, c);
        double total = cum[cum.length - 1];
        if (total <= 0) return 0;
        double seg = cum[j + 1] - cum[j];
        return Math.min(1, (cum[j] + t * seg) / total);
    }

    /**
     * Appends the part of edge e between fractions fa and fb (walked from fa to fb, so fa > fb runs backwards) to
     * out as lon,lat pairs, leaving out a first point equal to the last one already there.
     */
    static void appendPortion(RoadGraph g, int e, double fa, double fb, DoubleList out) {
        double[] c = coords(g, e);
        double[] cum = cumulative(g.projection(), c);
        double total = cum[cum.length - 1];
        double da = fa * total, db = fb * total;
        appendAt(c, cum, da, out);
        if (da <= db) {
            for (int i = 0; i < cum.length; i++) if (cum[i] > da && cum[i] < db) appendPoint(out, c[2 * i], c[2 * i + 1]);
        } else {
            for (int i = cum.length - 1; i >= 0; i--) if (cum[i] < da && cum[i] > db) appendPoint(out, c[2 * i], c[2 * i + 1]);
        }
        appendAt(c, cum, db, out);
    }

    /** Lon/lat of the point at fraction f of edge e. */
    static double[] pointAt(RoadGraph g, int e, double f) {
        DoubleList out = new DoubleList(2);
        double[] c = coords(g, e);
        double[] cum = cumulative(g.projection(), c);
        appendAt(c, cum, f * cum[cum.length - 1], out);
        return out.toArray();
    }

    private static void appendAt(double[] c, double[] cum, double d, DoubleList out) {
        int last = cum.length - 1;
        if (d <= 0 || cum[last] <= 0) {
            appendPoint(out, c[0], c[1]);
            return;
        }
        if (d >= cum[last]) {
            appendPoint(out, c[2 * last], c[2 * last + 1]);
            return;
        }
        int k = 0;
        while (k < last - 1 && cum[k + 1] < d) k++;
        double seg = cum[k + 1] - cum[k];
        double t = seg <= 0 ? 0 : (d - cum[k]) / seg;
        appendPoint(out, c[2 * k] + t * (c[2 * k + 2] - c[2 * k]), c[2 * k + 1] + t * (c[2 * k + 3] - c[2 * k + 1]));
    }

    static void appendPoint(DoubleList out, double lon, double lat) {
        int n = out.size();
        if (n >= 2 && out.get(n - 2) == lon && out.get(n - 1) == lat) return;
        out.add(lon, lat);
    }
}
