package org.gridmap.rings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmap.rings.graph.RoadClass;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snapper;
import org.gridmap.rings.graph.TravelMode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Updates of roads followed in place. The change feed says only that roads inside some boxes changed; this reads the
 * roads in those boxes and, when the graph already has exactly these roads between the same two nodes, gives their new
 * attributes and geometry edge by edge. The nodes, the adjacency and so the town boundaries and parts stay as they are,
 * so the rings need recomputing in the parts of the edited edges alone. Anything else — a road added, removed or
 * given other ends, one the graph lacks or carries twice — answers null: the network is to be loaded again.
 */
final class RoadEdits {
    /** The roads whose bounding box meets one of the boxes, once each (the columns {@link NetworkLoader} reads). */
    private static final String IN_BOXES = """
            SELECT DISTINCT ON (r.id) r.id, r.source, r.target, r.length_m, r.class, r.oneway, r.walk_kmh, ST_AsBinary(r.geom)
            FROM unnest(?::float8[], ?::float8[], ?::float8[], ?::float8[]) AS b(x0, y0, x1, y1)
            JOIN roads r ON r.geom && ST_MakeEnvelope(b.x0, b.y0, b.x1, b.y1, 4326)
            ORDER BY r.id""";

    /**
     * Beyond this many edges whose geometry changed since the snapping index was built, every snap would check too
     * many edges one by one: the network is loaded again instead (with a new index).
     */
    static final int MAX_STALE_EDGES = 256;

    private RoadEdits() { }

    /** A road as the database has it now; {@code noded} false when the loader would leave it out (no or equal ends). */
    record Road(long id, boolean noded, long source, long target, double lengthMeters, RoadClass cls, boolean oneway,
                double walkKmh, double[] coords) { }

    /**
     * One edge to set to a road's values; {@code coords} null when its geometry stays. {@code snapsMove}: where places
     * meet the roads near it may change (its geometry changed, or whether the snapping mode may use it at all); a
     * change of speed alone moves no snap, only times.
     */
    record Edit(int edge, Road road, double[] coords, boolean snapsMove) { }

    static List<Road> read(Connection c, List<Envelope> boxes) throws SQLException {
        Double[][] cols = new Double[4][boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            Envelope b = boxes.get(i);
            cols[0][i] = b.getMinX();
            cols[1][i] = b.getMinY();
            cols[2][i] = b.getMaxX();
            cols[3][i] = b.getMaxY();
        }
        List<Road> out = new ArrayList<>();
        WKBReader wkb = new WKBReader();
        try (PreparedStatement ps = c.prepareStatement(IN_BOXES)) {
            for (int k = 0; k < 4; k++) ps.setArray(k + 1, c.createArrayOf("float8", cols[k]));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long source = rs.getLong(2);
                    boolean noSource = rs.wasNull();
                    long target = rs.getLong(3);
                    boolean noded = !noSource && !rs.wasNull() && source != target;
                    double walk = rs.getDouble(7);
                    if (rs.wasNull()) walk = Double.NaN;
                    Coordinate[] cs = wkb.read(rs.getBytes(8)).getCoordinates();
                    double[] coords = new double[cs.length * 2];
                    for (int i = 0; i < cs.length; i++) {
                        coords[2 * i] = cs[i].x;
                        coords[2 * i + 1] = cs[i].y;
                    }
                    out.add(new Road(rs.getLong(1), noded, source, target, rs.getDouble(4), RoadClass.parse(rs.getString(5)),
                            rs.getBoolean(6), walk, coords));
                }
            }
        } catch (ParseException e) {
            throw new SQLException("unreadable road geometry", e);
        }
        return out;
    }

    /**
     * The edits that make the graph agree with these roads (only the edges whose values differ), or null when the
     * topology differs: a road the graph lacks or carries on more than one edge, other ends, a road no longer noded, or
     * an edge of the graph in the boxes whose road is not among the rows (gone or renamed); or too many edges moved
     * for the snapping index ({@link #MAX_STALE_EDGES}).
     */
    static List<Edit> plan(RoadGraph g, NetworkLoader.Loaded ids, Snapper snapper, TravelMode snapMode, List<Envelope> boxes,
                           List<Road> rows) {
        Set<Long> inDb = new HashSet<>();
        List<Edit> edits = new ArrayList<>();
        for (Road r : rows) {
            inDb.add(r.id());
            int[] edges = g.edgesOfRoad(r.id());
            if (!r.noded()) {
                if (edges.length > 0) return null;
                continue;
            }
            if (edges.length != 1) return null;
            int e = edges[0];
            if (g.edgeFrom(e) != ids.nodeIndex(r.source()) || g.edgeTo(e) != ids.nodeIndex(r.target())) return null;
            double[] now = g.edgeCoords(e);
            boolean moved = !sameInterior(now, r.coords());
            if (moved || g.edgeLengthMeters(e) != r.lengthMeters() || g.roadClass(e) != r.cls() || g.isOneway(e) != r.oneway()
                    || Double.compare(g.walkKmhOverride(e), r.walkKmh()) != 0) {
                boolean usable = snapMode.allows(g.roadClass(e), g.walkKmhOverride(e));
                edits.add(new Edit(e, r, moved ? r.coords() : null, moved || usable != snapMode.allows(r.cls(), r.walkKmh())));
            }
        }
        if (snapper.staleEdges() + edits.stream().filter(x -> x.coords() != null).count() > MAX_STALE_EDGES) return null;
        boolean[] lost = new boolean[1];
        for (Envelope box : boxes) {
            snapper.forEachEdgeNear(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), e -> {
                if (!lost[0] && !inDb.contains(g.roadId(e)) && box.intersects(bounds(g.edgeCoords(e)))) lost[0] = true;
            });
            if (lost[0]) return null;
        }
        return edits;
    }

    /** Applies the edits in place (the graph keeps each edge's closed and boundary flags); the edges, in order. */
    static int[] apply(RoadGraph g, List<Edit> edits) {
        int[] edges = new int[edits.size()];
        for (int k = 0; k < edges.length; k++) {
            Edit x = edits.get(k);
            Road r = x.road();
            g.setRoad(x.edge(), r.lengthMeters(), r.cls(), r.oneway(), r.walkKmh(), x.coords());
            edges[k] = x.edge();
        }
        return edges;
    }

    /** Whether two polylines have the same interior vertices (the ends are the graph's nodes, compared by id). */
    private static boolean sameInterior(double[] a, double[] b) {
        if (a.length != b.length) return false;
        return a.length <= 4 || Arrays.equals(a, 2, a.length - 2, b, 2, b.length - 2);
    }

    private static Envelope bounds(double[] coords) {
        Envelope env = new Envelope();
        for (int i = 0; i + 1 < coords.length; i += 2) env.expandToInclude(coords[i], coords[i + 1]);
        return env;
    }
}
