package org.gridmap.rings.graph;

import java.util.Random;

/**
 * A deterministic town-like lattice for benchmarks: jittered nodes on a square grid, ~10 % of links missing, a
 * third of the links bent through an interior vertex, main roads every tenth line, village roads every third,
 * paths elsewhere and some stairs; lengths are the drawn lengths plus a little slope.
 */
public final class SyntheticLattice {
    private SyntheticLattice() { }

    public static RoadGraph build(int cols, int rows, double spacingMeters, double lon0, double lat0, long seed) {
        Random rnd = new Random(seed);
        LocalProjection p = LocalProjection.around(lon0, lat0);
        RoadGraph.Builder b = RoadGraph.builder(cols * rows, 2 * cols * rows);
        double[] lon = new double[cols * rows], lat = new double[cols * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int n = r * cols + c;
                lon[n] = p.lon((c + 0.25 * (rnd.nextDouble() - 0.5)) * spacingMeters);
                lat[n] = p.lat((r + 0.25 * (rnd.nextDouble() - 0.5)) * spacingMeters);
                b.addNode(lon[n], lat[n]);
            }
        }
        long id = 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int n = r * cols + c;
                if (c + 1 < cols && rnd.nextDouble() > 0.1) link(b, p, rnd, id++, n, n + 1, r % 10 == 0 ? 0 : r % 3 == 0 ? 1 : 2, lon, lat);
                if (r + 1 < rows && rnd.nextDouble() > 0.1) link(b, p, rnd, id++, n, n + cols, c % 10 == 0 ? 0 : c % 3 == 0 ? 1 : 2, lon, lat);
            }
        }
        return b.build();
    }

    private static void link(RoadGraph.Builder b, LocalProjection p, Random rnd, long id, int from, int to, int cls,
                             double[] lon, double[] lat) {
        RoadClass rc = cls == 2 && rnd.nextDouble() < 0.05 ? RoadClass.STAIRS : RoadClass.values()[cls];
        double[] line;
        if (rnd.nextDouble() < 0.33) {
            double mx = (lon[from] + lon[to]) / 2 + (rnd.nextDouble() - 0.5) * 0.1 * Math.abs(lat[to] - lat[from]);
            double my = (lat[from] + lat[to]) / 2 + (rnd.nextDouble() - 0.5) * 0.1 * Math.abs(lon[to] - lon[from]);
            line = new double[] {lon[from], lat[from], mx, my, lon[to], lat[to]};
        } else {
            line = new double[] {lon[from], lat[from], lon[to], lat[to]};
        }
        double len = 0;
        for (int i = 2; i < line.length; i += 2) len += p.meters(line[i - 2], line[i - 1], line[i], line[i + 1]);
        b.addEdge(id, from, to, len * (1 + 0.1 * rnd.nextDouble()), rc, cls == 0 && rnd.nextDouble() < 0.05, Double.NaN, line);
    }
}
