package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.db.Database;
import org.gridmap.grids.EditEchoes;
import org.gridmap.grids.GeoJsonGeometry;
import org.gridmap.grids.GridEditor;
import org.gridmap.grids.GridOperations;
import org.gridmap.rings.RingEngine;
import org.locationtech.jts.geom.Coordinate;

/**
 * One grid edit in-process, as a planner's POST runs it (the editor, its transaction, the rings' preview and, on
 * commit, the rings' refresh): a service point moved to the middle of its grid, previewed (dry run) and committed,
 * then moved back (committed too, so the city is left as it was). Nine service points (of nine towns in a city), the first
 * two warming up the JIT.
 */
final class GridEditBenchmark {
    private final PrintStream out;

    GridEditBenchmark(PrintStream out) { this.out = out; }

    /** A service point, where it stands, and the middle of its grid (where the edit moves it). */
    private record Move(long id, double lon, double lat, double toLon, double toLat) { }

    void run(Database db, RingEngine engine) throws Exception {
        ChangeFeed feed = new ChangeFeed(db.credentials()); // not started: the editor publishes its own changes to it
        EditEchoes echoes = new EditEchoes(engine::onChange);
        feed.subscribe(echoes::accept);
        GridEditor editor = new GridEditor(db.dataSource(), engine, feed, echoes);
        GridOperations ops = new GridOperations(db.dataSource());
        User planner = planner(db);
        Stats preview = new Stats(), commit = new Stats();
        List<Move> moves = moves(db);
        if (moves.size() < 3) {
            out.println("one grid edit: not measured (fewer than three service points to move)");
            return;
        }
        for (int k = 0; k < moves.size(); k++) {
            Move m = moves.get(k);
            var there = GeoJsonGeometry.GF.createPoint(new Coordinate(m.toLon(), m.toLat()));
            var back = GeoJsonGeometry.GF.createPoint(new Coordinate(m.lon(), m.lat()));
            long t0 = System.nanoTime();
            editor.apply(ops.move(m.id(), null, there), planner, true);
            long t1 = System.nanoTime();
            editor.apply(ops.move(m.id(), null, there), planner, false);
            long t2 = System.nanoTime();
            editor.apply(ops.move(m.id(), null, back), planner, false);
            long t3 = System.nanoTime();
            if (k < 2) continue;
            preview.add(t1 - t0);
            commit.add(t2 - t1);
            commit.add(t3 - t2);
        }
        out.printf(Locale.ROOT, "one grid edit (a service point moved in its grid), %d edits: preview (dry run) p50 %.1f ms, max %.1f ms; "
                + "commit with the rings' refresh p50 %.1f ms, max %.1f ms (%d commits)%n", preview.count(), preview.p50(),
                preview.percentileMillis(100), commit.p50(), commit.percentileMillis(100), commit.count());
    }

    /**
     * Nine service points that do not already stand where their grid's middle is: the first of each of nine towns (in a
     * city), or the first nine of the one town.
     */
    private static List<Move> moves(Database db) throws Exception {
        List<Move> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, x, y, qx, qy FROM (
                  SELECT f.id, ST_X(f.geom) x, ST_Y(f.geom) y, ST_X(q.p) qx, ST_Y(q.p) qy, v.town_id,
                         row_number() OVER (PARTITION BY v.town_id ORDER BY f.id) AS nth
                  FROM facilities f JOIN grids g ON g.id = f.grid_id JOIN villages v ON v.id = g.village_id,
                       LATERAL (SELECT ST_PointOnSurface(g.geom) AS p) q
                  WHERE f.level = 'point' AND NOT ST_Equals(f.geom, q.p)) s
                ORDER BY nth, town_id LIMIT 9""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Move(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
        }
        return out;
    }

    /** The history names who edited: a planner of the bench's own (no password can log in as it). */
    private static User planner(Database db) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO users (username, password_hash, role) VALUES ('bench-planner', '!', 'planner')
                ON CONFLICT (username) DO UPDATE SET role = 'planner' RETURNING id""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new User(rs.getLong(1), "bench-planner", Role.PLANNER);
        }
    }
}
