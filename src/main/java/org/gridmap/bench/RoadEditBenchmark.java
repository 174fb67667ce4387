package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import org.gridmap.db.Database;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.graph.RoadClass;
import org.gridmap.rings.graph.RoadGraph;
import org.locationtech.jts.geom.Envelope;

/**
 * A road edited in the database, as in QGIS or psql: its class set to stairs (slower on foot) and then back, for the
 * roads the closure figure closes. Timed from the committed update's change notice (what the feed hands the engine: the
 * box of the row) to the published network — the read of the roads in that box, the edit in place, the rings of its
 * towns recomputed. Every road is restored; the counts say whether each was followed in place or by a load.
 */
final class RoadEditBenchmark {
    private static final String SET = """
            UPDATE roads SET class = ? WHERE id = ?
            RETURNING ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)""";
    private final PrintStream out;

    RoadEditBenchmark(PrintStream out) { this.out = out; }

    void run(Database db, RingEngine engine) throws Exception {
        RoadGraph g = engine.graph();
        // the JIT first, on roads between those measured
        for (int k = 0; k < 20; k++) editAndBack(db, engine, g, (int) ((long) g.edgeCount() * (2 * k + 1) / 41), null, null);
        Stats slower = new Stats(), back = new Stats();
        long loads = engine.roadLoads(), inPlace = engine.roadRefreshes();
        for (int k = 2; k < 9; k++) editAndBack(db, engine, g, (int) ((long) g.edgeCount() * (2 * k + 1) / 18), slower, back);
        out.printf(Locale.ROOT, "rings after a road's class is updated in the database (to stairs, then back), applied in place where it "
                        + "lies, from the change notice to the published network (%d roads): p50 %.1f ms, max %.1f ms; back p50 %.1f ms, "
                        + "max %.1f ms; %d in place, %d loads of the network%n",
                slower.count(), slower.p50(), slower.percentileMillis(100), back.p50(), back.percentileMillis(100),
                engine.roadRefreshes() - inPlace, engine.roadLoads() - loads);
    }

    private static void editAndBack(Database db, RingEngine engine, RoadGraph g, int edge, Stats slower, Stats back) throws Exception {
        long road = g.roadId(edge);
        RoadClass was = g.roadClass(edge);
        RoadClass to = was == RoadClass.STAIRS ? RoadClass.PATH : RoadClass.STAIRS;
        timed(engine, set(db, road, to), slower);
        timed(engine, set(db, road, was), back);
    }

    private static void timed(RingEngine engine, Envelope box, Stats into) throws Exception {
        long t0 = System.nanoTime();
        engine.refreshRoads(List.of(box));
        if (into != null) into.add(System.nanoTime() - t0);
    }

    /** Commits the road's new class; the box of the row, as the change notice carries it. */
    private static Envelope set(Database db, long road, RoadClass cls) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SET)) {
            ps.setString(1, cls.name().toLowerCase(Locale.ROOT));
            ps.setLong(2, road);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("no road " + road);
                return new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
            }
        }
    }
}
